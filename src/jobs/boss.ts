import PgBoss from 'pg-boss';
import type { Database } from '../db/client';

/** pg-boss on the same database as everything else, with its own small pool, so jobs survive restarts. */
export function createBoss(database: Database): PgBoss {
  return new PgBoss({ schema: 'pgboss', maintenanceIntervalSeconds: 120, connectionString: database.connectionString, max: 4 });
}

/**
 * pg-boss's schema in a database, nothing running (the build's template cluster, the tests' template
 * database): without its maintenance and schedule workers, its stop leaves no timer behind.
 */
export async function createBossSchema(database: Database): Promise<void> {
  const boss = new PgBoss({ schema: 'pgboss', connectionString: database.connectionString, max: 1, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
}
