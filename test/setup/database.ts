// Vitest global setup: the server every test file's databases live on, and a migrated template
// database (with pg-boss's schema) that each test file's database is copied from
// (`CREATE DATABASE … TEMPLATE …`, a few milliseconds instead of running the migrations).
//
// Without DATABASE_URL (`npm test`, the shipped default): ONE embedded PostgreSQL for the whole run,
// started here from the build's template cluster, stopped at teardown. With DATABASE_URL: that
// server, as before. Either way the workers see its URL in DATABASE_URL, so every test — in-process
// bots and spawned bot processes alike — talks to Postgres the same way; ACCUEIL_TEST_EMBEDDED=1
// says it is the embedded one. The embedded server's URL carries its password (the cluster's own,
// as a bot's: the server refuses connections without it), so the workers' environment holds it,
// as a child's environment only, never a command line.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../../src/db/client';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/db/embedded-server';
import { createBossSchema } from '../../src/jobs/boss';

interface RunDatabase {
  server: EmbeddedServer | null;
  dir: string | null;
  admin: ReturnType<typeof postgres>;
  template: string;
  /** Vitest runs a global setup once per project (two here): the first prepares, the last tears down. */
  users: number;
}

const state = globalThis as { accueilTestDatabase?: Promise<RunDatabase> };

export default async function setup(): Promise<() => Promise<void>> {
  state.accueilTestDatabase ??= prepare();
  const run = await state.accueilTestDatabase;
  run.users++;
  return async () => {
    if (--run.users > 0) return;
    state.accueilTestDatabase = undefined;
    try {
      await run.admin.unsafe(`alter database ${run.template} with is_template false`);
      await run.admin.unsafe(`drop database if exists ${run.template} with (force)`);
      await run.admin.end();
    } finally {
      await run.server?.stop();
      if (run.dir) rmSync(run.dir, { recursive: true, force: true });
    }
  };
}

async function prepare(): Promise<RunDatabase> {
  let server: EmbeddedServer | null = null;
  let dir: string | null = null;
  if (!process.env.DATABASE_URL) {
    dir = mkdtempSync(join(tmpdir(), 'accueil-test-server-'));
    server = await startEmbeddedServer(dir, {
      // Every test file's bot (a pool of 10 and pg-boss's 4) and its helpers, side by side.
      maxConnections: 400,
      // A test server's data is thrown away: no waiting on the disk.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
      progress: () => {},
    });
    process.env.DATABASE_URL = server.url;
    process.env.ACCUEIL_TEST_EMBEDDED = '1';
  }
  const adminUrl = process.env.DATABASE_URL;
  const template = `accueil_template_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await database.migrate();
  await createBossSchema(database);
  await database.close();
  // Nobody connects to a template: CREATE DATABASE … TEMPLATE refuses while someone is.
  await admin.unsafe(`alter database ${template} with is_template true allow_connections false`);
  process.env.ACCUEIL_TEST_TEMPLATE_DATABASE = template;
  return { server, dir, admin, template, users: 0 };
}
