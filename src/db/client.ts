import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { ensureCluster, packageRoot } from './embedded-cluster';
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

/** The same migrations on both drivers, found from src/db/ (tsx) or dist/ (the build). */
export const migrationsFolder = join(packageRoot(), 'migrations');

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
  if (!inMemory) await ensureCluster(dataDir);
  // Loaded only here, so a bot on Postgres never loads the WebAssembly engine. V8's baseline
  // compiler only (Liftoff): optimising PGlite's 8 MB of WebAssembly with TurboFan costs ~2.5 s of
  // CPU at start and ~60 MB of memory for ever, and the desk's small queries ran no slower without
  // it (bench/RESULTS.md). Set before the module is compiled; nothing else here is WebAssembly.
  setFlagsFromString('--liftoff-only');
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
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

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}
