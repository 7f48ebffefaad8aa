import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/db/client';

/** Where a test's database lives: PGlite in memory, or a fresh database on the Postgres of DATABASE_URL. */
export interface TestDatabaseLocation {
  databaseUrl: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

export const testDriver = (): 'pglite' | 'postgres' => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/**
 * A new empty database for one test file (or one bot). With DATABASE_URL set, a database named
 * accueil_test_… is created on that server and dropped afterwards: the same suites run on both drivers.
 */
export async function createTestDatabaseLocation(): Promise<TestDatabaseLocation> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return { databaseUrl: undefined, dataDir: 'memory://', drop: async () => {} };
  const name = `accueil_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    drop: async () => {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

let template: Blob | undefined;

/** The migrated PGlite tarball made by test/setup/pglite-template.ts, when there is one. */
export function pgliteTemplate(): Blob | undefined {
  const path = process.env.ACCUEIL_TEST_PGLITE_TEMPLATE;
  if (!path) return undefined;
  template ??= new Blob([readFileSync(path)]);
  return template;
}

/** A fresh, migrated database, closed and dropped by `close()`. */
export async function createTestDatabase(): Promise<Database> {
  const location = await createTestDatabaseLocation();
  const database = await openDatabase({ ...location, template: pgliteTemplate() });
  await database.migrate();
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await location.drop();
    },
  };
}
