import { join } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { packageRoot } from './embedded-cluster';
import type { EmbeddedServer, EmbeddedServerOptions } from './embedded-server';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Plain SQL; rows of the last statement. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface Database {
  db: Db;
  /** The embedded server in DATA_DIR, or a Postgres server of DATABASE_URL: the same driver either way. */
  driver: 'embedded' | 'postgres';
  /** Where the data lives, for messages: a directory, or the URL without its password. */
  location: string;
  /** The Postgres URL, for libraries that open their own pool (pg-boss). */
  connectionString: string;
  /** The embedded server, when this process opened one: how it got it, and its process and port. */
  embedded: Pick<EmbeddedServer, 'how' | 'pid' | 'port'> | null;
  executeSql: ExecuteSql;
  migrate(): Promise<void>;
  /** Closes the pool, then stops the embedded server (when this process runs it). */
  close(): Promise<void>;
}

/** The same migrations on both, found from src/db/ (tsx) or dist/ (the build). */
export const migrationsFolder = join(packageRoot(), 'migrations');

/** The bot's pool; the embedded server accepts it, pg-boss's 4 and a margin (see embedded-server.ts). */
export const POOL_SIZE = 10;

/**
 * Postgres through postgres.js: the server of DATABASE_URL when given, otherwise the embedded
 * PostgreSQL in DATA_DIR, started here (or found running) and stopped by `close()`.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; embedded?: EmbeddedServerOptions; poolSize?: number }): Promise<Database> {
  const poolSize = opts.poolSize ?? POOL_SIZE;
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, 'postgres', redactUrl(opts.databaseUrl), null, poolSize);
  const dataDir = opts.dataDir ?? './data';
  // Loaded only here: a bot on an external Postgres never touches the embedded server's code.
  const { startEmbeddedServer } = await import('./embedded-server');
  const server = await startEmbeddedServer(dataDir, opts.embedded);
  return openPostgres(server.url, 'embedded', dataDir, server, poolSize);
}

function openPostgres(url: string, driver: Database['driver'], location: string, server: EmbeddedServer | null, poolSize: number): Database {
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver,
    location,
    connectionString: url,
    embedded: server && { how: server.how, pid: server.pid, port: server.port },
    executeSql: async (text, values = []) => {
      const rows = await client.unsafe(text, values as never[]);
      return { rows: rows as unknown as Record<string, unknown>[] };
    },
    migrate: () => migrate(drizzle(client), { migrationsFolder }),
    close: async () => {
      try {
        await client.end({ timeout: 5 });
      } finally {
        await server?.stop();
      }
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
