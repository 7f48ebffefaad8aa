// What a crash or a quiet week leaves unfinished: approvals whose send was never queued, sends in
// flight, cards never posted, and pending welcomes nobody decided on. The sweeper and the expiry read these.
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from './client';
import { welcomes } from './schema';

/** Approved welcomes of accounts that send through the API, approved before `before` and still waiting. */
export async function approvalsWaitingSince(db: Db, before: Date): Promise<Array<{ id: number }>> {
  return db
    .select({ id: welcomes.id })
    .from(welcomes)
    // The welcome's own mode, kept at approval: a card approved for manual sending stays manual.
    .where(and(eq(welcomes.status, 'approved'), eq(welcomes.sendMode, 'api'), lt(welcomes.updatedAt, before)));
}

/** Welcomes being sent, with the process that claimed each. */
export async function welcomesBeingSent(db: Db): Promise<Array<{ id: number; sendingBy: string | null }>> {
  return db.select({ id: welcomes.id, sendingBy: welcomes.sendingBy }).from(welcomes).where(eq(welcomes.status, 'sending'));
}

/** Welcomes created before `createdBefore` whose card was never posted, and whose first post is not claimed since `claimedSince`. */
export async function cardsNeverPosted(db: Db, opts: { createdBefore: Date; claimedSince: Date }): Promise<Array<{ id: number }>> {
  return db
    .select({ id: welcomes.id })
    .from(welcomes)
    .where(
      and(
        isNull(welcomes.slackTs),
        or(isNull(welcomes.cardClaimedAt), lt(welcomes.cardClaimedAt, opts.claimedSince)),
        lt(welcomes.createdAt, opts.createdBefore),
      ),
    );
}

/** Pending welcomes created before `cutoff`, oldest first. */
export async function pendingWelcomesCreatedBefore(db: Db, cutoff: Date): Promise<Array<{ id: number }>> {
  return db
    .select({ id: welcomes.id })
    .from(welcomes)
    .where(and(eq(welcomes.status, 'pending'), lt(welcomes.createdAt, cutoff)))
    .orderBy(welcomes.id);
}
