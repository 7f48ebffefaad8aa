import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { digestRuns } from './schema';

type DigestRunRow = typeof digestRuns.$inferSelect;

export interface DigestPeriod {
  accountId: number;
  /** The local day in the team's time zone: two firings on one day claim the same row. */
  periodKey: string;
  periodStart: Date;
  periodEnd: Date;
  slackChannelId: string;
}

/** Claims the digest of one account and day; undefined when another firing already did. */
export async function claimDigestRun(db: Db, period: DigestPeriod): Promise<DigestRunRow | undefined> {
  const [claim] = await db.insert(digestRuns).values(period).onConflictDoNothing().returning();
  return claim;
}

/** The digest's message is in the channel: the day is taken for good. */
export async function setDigestMessage(db: Db, runId: number, slackTs: string): Promise<void> {
  await db.update(digestRuns).set({ slackTs }).where(eq(digestRuns.id, runId));
}

/** Frees the day for a retry, unless the digest's message was posted before the failure. */
export async function releaseUnpostedDigestRun(db: Db, runId: number): Promise<void> {
  const [row] = await db.select().from(digestRuns).where(eq(digestRuns.id, runId));
  if (!row?.slackTs) await db.delete(digestRuns).where(eq(digestRuns.id, runId));
}
