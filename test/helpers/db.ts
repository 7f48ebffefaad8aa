import { readFileSync } from 'node:fs';
import { scratchPostgres } from '../../src/sandbox/scratch-postgres';
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
  const scratch = await scratchPostgres(adminUrl, 'accueil_test');
  return { databaseUrl: scratch.url, dataDir: 'memory://', drop: scratch.drop };
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
