import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Plain SQL, as pg-boss runs it; rows of the last statement. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a directory, or the URL without its password. */
  location: string;
  /** The Postgres URL, for libraries that open their own pool (pg-boss); null on PGlite. */
  connectionString: string | null;
  executeSql: ExecuteSql;
  migrate(): Promise<void>;
  /** PGlite only: the whole database as a tarball, to start other in-memory databases from (tests). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Postgres through postgres.js when a URL is given, otherwise the embedded PGlite (in memory with
 * `memory://`, optionally starting from a dumped `template` instead of an empty cluster).
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; template?: Blob }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir ?? './data', opts.template);
}

function openPostgres(url: string): Database {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    location: redactUrl(url),
    connectionString: url,
    executeSql: async (text, values = []) => {
      const rows = await client.unsafe(text, values as never[]);
      return { rows: rows as unknown as Record<string, unknown>[] };
    },
    migrate: () => migratePostgres(drizzlePostgres(client), { migrationsFolder }),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, template?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initClusterInChild(dataDir);
  }
  // One team's desk is a small database: a small buffer pool keeps the embedded bot's memory down
  // (about 120 MB less resident than PGlite's default) at no cost we could measure.
  const client = await PGlite.create(inMemory ? undefined : dataDir, {
    postgresqlconf: 'shared_buffers = 16MB',
    ...(inMemory && template ? { loadDataDir: template } : {}),
  });
  const queries = yieldBeforeQueries(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    location: inMemory ? 'in memory' : dataDir,
    connectionString: null,
    executeSql: async (text, values = []) => {
      // pg-boss sends parameterless multi-statement scripts (its own migrations): PGlite runs those with exec.
      if (values.length === 0) {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      }
      const result = await client.query(text, values);
      return { rows: result.rows as Record<string, unknown>[] };
    },
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    dump: () => client.dumpDataDir('none'),
    close: async () => {
      await queries.drain(5_000);
      await client.close();
    },
  };
}

/**
 * PGlite runs Postgres in WebAssembly on the main thread, one statement at a time, and its own
 * queue runs waiting statements back to back without letting the event loop read sockets. So the
 * statements queue here instead, each after one turn of the loop: fifty clicks' worth of queries
 * cannot keep Slack's acks (3 seconds) waiting, while work that waits on X or Slack runs side by
 * side. A transaction is one turn. Closing waits for the queue (a job finishing) instead of pulling
 * the database from under it.
 */
function yieldBeforeQueries(client: PGlite): { drain(timeoutMs: number): Promise<void> } {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  let tail: Promise<unknown> = Promise.resolve();
  let underWay = 0;
  const inTurn =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      underWay++;
      const mine = tail.then(turn).then(() => run(...args));
      tail = mine.catch(() => {});
      try {
        return await mine;
      } finally {
        underWay--;
      }
    };
  client.query = inTurn(client.query.bind(client)) as typeof client.query;
  client.exec = inTurn(client.exec.bind(client)) as typeof client.exec;
  client.transaction = inTurn(client.transaction.bind(client)) as typeof client.transaction;
  return {
    drain: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (underWay > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

/** initdb in a short-lived child process, so its memory peak leaves with it (see init-pglite.mjs). */
async function initClusterInChild(dataDir: string): Promise<void> {
  const script = fileURLToPath(new URL('./init-pglite.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`could not create the embedded database in ${dataDir}: ${stderr.trim() || `exit ${code}`}`);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}
