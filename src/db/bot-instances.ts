import { eq, lt } from 'drizzle-orm';
import type { Db } from './client';
import { botInstances } from './schema';

/** A process whose heartbeat is older than this is taken for dead: its sends in flight are reconciled with X. */
export const INSTANCE_STALE_MS = 60_000;

export async function registerInstance(db: Db, id: string, now: Date): Promise<void> {
  await db.insert(botInstances).values({ id, startedAt: now, heartbeatAt: now }).onConflictDoUpdate({ target: botInstances.id, set: { heartbeatAt: now } });
}

/** Refreshes this process's heartbeat; recreates its row if someone pruned it while the database was away. */
export async function heartbeat(db: Db, id: string, now: Date): Promise<void> {
  const updated = await db.update(botInstances).set({ heartbeatAt: now }).where(eq(botInstances.id, id)).returning({ id: botInstances.id });
  if (updated.length === 0) await registerInstance(db, id, now);
}


/** Ids of the processes alive as of `now`; rows dead for a day are pruned. */
export async function liveInstances(db: Db, now: Date, staleMs = INSTANCE_STALE_MS): Promise<Set<string>> {
  await db.delete(botInstances).where(lt(botInstances.heartbeatAt, new Date(now.getTime() - 24 * 3_600_000)));
  const rows = await db.select().from(botInstances);
  return new Set(rows.filter((row) => row.heartbeatAt.getTime() >= now.getTime() - staleMs).map((row) => row.id));
}

export interface RunningJob {
  queue: string;
  id: string;
}

/** The pg-boss jobs this process is running now (written when one starts or ends). */
export async function setActiveJobs(db: Db, id: string, jobs: RunningJob[]): Promise<void> {
  await db.update(botInstances).set({ activeJobs: jobs }).where(eq(botInstances.id, id));
}

/** Processes taken for dead that still list running jobs: those jobs will never finish. */
export async function deadInstancesWithJobs(db: Db, now: Date, staleMs = INSTANCE_STALE_MS): Promise<Array<{ id: string; activeJobs: RunningJob[] }>> {
  const rows = await db.select().from(botInstances).where(lt(botInstances.heartbeatAt, new Date(now.getTime() - staleMs)));
  return rows.filter((row) => row.activeJobs.length > 0).map((row) => ({ id: row.id, activeJobs: row.activeJobs }));
}
