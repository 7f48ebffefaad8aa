import { lt } from 'drizzle-orm';
import type { Db } from './client';
import { slackEventsSeen } from './schema';

/** True the first time an event id is seen; Slack retries deliveries, so the second time is a duplicate. */
export async function firstSighting(db: Db, eventId: string): Promise<boolean> {
  const inserted = await db.insert(slackEventsSeen).values({ eventId }).onConflictDoNothing().returning();
  return inserted.length === 1;
}

/** Drops the ids of events handled before `before` (the sweeper keeps a week). */
export async function forgetOldSlackEvents(db: Db, before: Date): Promise<void> {
  await db.delete(slackEventsSeen).where(lt(slackEventsSeen.seenAt, before));
}
