import { and, count, eq, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import type { Channel } from '../domain';
import type { Db } from './client';
import { welcomes } from './schema';

/** 1 for the next welcome to leave on this account and channel: how many approved ones are ahead of it, plus one. */
export async function queuePosition(db: Db, welcome: { id: number; accountId: number; channel: Channel | null }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(welcomes)
    .where(
      and(
        eq(welcomes.accountId, welcome.accountId),
        eq(welcomes.channel, welcome.channel ?? 'dm'),
        inArray(welcomes.status, ['approved', 'sending']),
        // Welcomes the team sends by hand wait in no queue of the bot's.
        or(isNull(welcomes.sendMode), ne(welcomes.sendMode, 'manual')),
        lt(welcomes.id, welcome.id),
      ),
    );
  return (row?.n ?? 0) + 1;
}

/** The right to post a card for the first time; a claim older than `claimMs` was left by a dead process and expires. */
export async function claimFirstCardPost(db: Db, welcomeId: number, now: Date, claimMs: number): Promise<boolean> {
  const claimed = await db
    .update(welcomes)
    .set({ cardClaimedAt: now })
    .where(
      and(
        eq(welcomes.id, welcomeId),
        isNull(welcomes.slackTs),
        or(isNull(welcomes.cardClaimedAt), lt(welcomes.cardClaimedAt, new Date(now.getTime() - claimMs))),
      ),
    )
    .returning({ id: welcomes.id });
  return claimed.length === 1;
}

/** Slack said no to the first post: nothing was posted, so the next try may post at once. */
export async function releaseCardClaim(db: Db, welcomeId: number): Promise<void> {
  await db.update(welcomes).set({ cardClaimedAt: null }).where(eq(welcomes.id, welcomeId));
}
