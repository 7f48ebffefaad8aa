import { scratchPostgres } from '../../src/sandbox/scratch-postgres';
import { openDatabase, type Database } from '../../src/db/client';

/** Where a test's database lives: a fresh database on the run's server (test/setup/database.ts). */
export interface TestDatabaseLocation {
  databaseUrl: string;
  drop(): Promise<void>;
}

/** The run's server: the embedded PostgreSQL `npm test` starts, or the Postgres of DATABASE_URL. */
export const testDriver = (): 'embedded' | 'postgres' => (process.env.ACCUEIL_TEST_EMBEDDED ? 'embedded' : 'postgres');

/**
 * A new database for one test file (or one bot), copied from the run's migrated template (or empty,
 * for tests of the migrations themselves), dropped afterwards: the same suites run on the embedded
 * server and on an external Postgres.
 */
export async function createTestDatabaseLocation(opts: { empty?: boolean } = {}): Promise<TestDatabaseLocation> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('no test database server: run the tests through vitest (test/setup/database.ts starts one)');
  const scratch = await scratchPostgres(adminUrl, 'accueil_test', opts.empty ? undefined : process.env.ACCUEIL_TEST_TEMPLATE_DATABASE);
  return { databaseUrl: scratch.url, drop: scratch.drop };
}

/** A fresh, migrated database, closed and dropped by `close()`. */
export async function createTestDatabase(): Promise<Database> {
  const location = await createTestDatabaseLocation();
  const database = await openDatabase({ databaseUrl: location.databaseUrl });
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
