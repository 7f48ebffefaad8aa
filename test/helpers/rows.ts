// Rows the tests read or set directly, through drizzle: what no code path of the bot needs to ask.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { auditRuns, engagements, followChanges, followerChecks, xPrices } from '../../src/db/schema';

/** Every audit run, oldest first. */
export const auditRunRows = (db: Db) => db.select().from(auditRuns).orderBy(asc(auditRuns.id));

/** One follower's engagements (replies, mentions, DMs), oldest first. */
export const engagementRows = (db: Db, followerId: number) => db.select().from(engagements).where(eq(engagements.followerId, followerId)).orderBy(asc(engagements.id));

/** One follower's unfollows and re-follows, oldest first. */
export const followChangeRows = (db: Db, followerId: number) => db.select().from(followChanges).where(eq(followChanges.followerId, followerId)).orderBy(asc(followChanges.id));

/** An account's scheduled follower checks, by follower and offset. */
export const followerCheckRows = (db: Db, accountId: number) =>
  db.select().from(followerChecks).where(eq(followerChecks.accountId, accountId)).orderBy(asc(followerChecks.followerId), asc(followerChecks.offsetDays));

/** Sets one row of the editable price table. */
export async function setXPriceRow(db: Db, category: string, usdPerUnit: number, unit = 'unit'): Promise<void> {
  await db.insert(xPrices).values({ category, unit, usdPerUnit }).onConflictDoUpdate({ target: xPrices.category, set: { usdPerUnit, updatedAt: new Date() } });
}
