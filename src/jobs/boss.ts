import PgBoss from 'pg-boss';
import type { Database } from '../db/client';

/**
 * pg-boss on the same database as everything else: its own pool on Postgres, and the one embedded
 * connection on PGlite (through pg-boss's `db` option), so jobs survive restarts either way.
 */
export function createBoss(database: Database): PgBoss {
  const options: PgBoss.ConstructorOptions = {
    schema: 'pgboss',
    // Maintenance and monitoring are cheap, but on PGlite everything shares one connection.
    maintenanceIntervalSeconds: 120,
  };
  if (database.connectionString) {
    return new PgBoss({ ...options, connectionString: database.connectionString, max: 4 });
  }
  return new PgBoss({ ...options, db: { executeSql: (text, values) => database.executeSql(text, values) } });
}
