import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Channel, WelcomeStatus } from '../domain';
import type { Db } from './client';
import { conversationMessages, welcomeEvents, welcomes, xAccounts, type WelcomeRow } from './schema';

/** X's write limits per user (DESIGN.md): a send never goes out past them. */
export const X_WRITE_LIMITS: Record<Channel, Array<{ max: number; windowMs: number }>> = {
  dm: [
    { max: 15, windowMs: 15 * 60_000 },
    { max: 1440, windowMs: 24 * 3_600_000 },
  ],
  mention: [{ max: 100, windowMs: 15 * 60_000 }],
};

export type Claim =
  | { kind: 'claimed'; welcome: WelcomeRow }
  /** The window is full: try again at `until`. */
  | { kind: 'wait'; until: Date }
  /** Not approved any more (sent, skipped, or claimed by another worker). */
  | { kind: 'gone' };

// Sends that count against X's windows: every attempt that may have reached X.
const COUNTED: WelcomeStatus[] = ['sending', 'sent', 'failed'];

/** The answers in conversations that travel on a channel's window: a DM, or a public reply (a post). */
const ANSWER_VIA: Record<Channel, 'dm' | 'reply'> = { dm: 'dm', mention: 'reply' };

type Reader = Pick<Db, 'select'>;

/**
 * When each of the account's sends on this channel since `since` started, oldest first: welcomes
 * and the team's answers in conversations alike, since X counts every DM and every post.
 */
export async function sendStartsSince(db: Reader, accountId: number, channel: Channel, since: Date): Promise<Date[]> {
  const welcomeStarts = await db
    .select({ startedAt: welcomes.sendingStartedAt })
    .from(welcomes)
    .where(
      and(
        eq(welcomes.accountId, accountId),
        eq(welcomes.channel, channel),
        inArray(welcomes.status, COUNTED),
        sql`${welcomes.sendingStartedAt} > ${since.toISOString()}::timestamptz`,
      ),
    );
  const answerStarts = await db
    .select({ startedAt: conversationMessages.sendingStartedAt })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.accountId, accountId),
        eq(conversationMessages.direction, 'out'),
        eq(conversationMessages.via, ANSWER_VIA[channel]),
        inArray(conversationMessages.status, COUNTED as ('sending' | 'sent' | 'failed')[]),
        sql`${conversationMessages.sendingStartedAt} > ${since.toISOString()}::timestamptz`,
      ),
    );
  return [...welcomeStarts, ...answerStarts].map((row) => row.startedAt!).sort((a, b) => a.getTime() - b.getTime());
}

/**
 * Whether X's windows for this channel leave room for one more send now, counted under the lock
 * the caller holds on the account row: `null` when they do, else when a place frees up.
 */
export async function windowFullUntil(db: Reader, accountId: number, channel: Channel, now: Date): Promise<Date | null> {
  for (const limit of X_WRITE_LIMITS[channel]) {
    const starts = await sendStartsSince(db, accountId, channel, new Date(now.getTime() - limit.windowMs));
    // The window reopens when the oldest send in it leaves it; a place frees up for each one that does.
    if (starts.length >= limit.max) return reopensAt(starts[starts.length - limit.max]!.getTime(), limit.windowMs);
  }
  return null;
}

/**
 * Takes an approved welcome for sending, if X's limits allow one more message now. The account row
 * is locked for the count and the claim, so two workers — in one process or several — can never
 * both take the last place in a window. `instanceId` names the process that now owns the send.
 */
export async function claimForSending(db: Db, welcomeId: number, now: Date, instanceId: string | null = null): Promise<Claim> {
  return db.transaction(async (tx) => {
    const [welcome] = await tx.select().from(welcomes).where(eq(welcomes.id, welcomeId));
    // A welcome approved for manual sending is the team's to send in X, never the bot's.
    if (!welcome || welcome.status !== 'approved' || !welcome.channel || welcome.sendMode === 'manual') return { kind: 'gone' } as const;
    await tx.select({ id: xAccounts.id }).from(xAccounts).where(eq(xAccounts.id, welcome.accountId)).for('update');
    const until = await windowFullUntil(tx, welcome.accountId, welcome.channel, now);
    if (until) return { kind: 'wait', until } as const;
    const [claimed] = await tx
      .update(welcomes)
      .set({ status: 'sending', attempts: sql`${welcomes.attempts} + 1`, sendingStartedAt: now, sendingBy: instanceId, updatedAt: now })
      .where(and(eq(welcomes.id, welcomeId), eq(welcomes.status, 'approved')))
      .returning();
    if (!claimed) return { kind: 'gone' } as const;
    await tx.insert(welcomeEvents).values({ welcomeId, type: 'sending', fromStatus: 'approved', toStatus: 'sending', actor: 'system', detail: { attempt: claimed.attempts } });
    return { kind: 'claimed', welcome: claimed } as const;
  });
}

const reopensAt = (oldest: number, windowMs: number) => new Date(oldest + windowMs + 1000);

/**
 * When each of the next `count` sends can leave, given when recent sends started: the same rule
 * as claimForSending, played forward. Pure, so the card's estimate and the claim cannot disagree.
 */
export function nextSendTimes(recentStarts: Date[], channel: Channel, count: number, now: Date): Date[] {
  const taken = recentStarts.map((d) => d.getTime()).sort((a, b) => a - b);
  const times: Date[] = [];
  let t = now.getTime();
  for (let k = 0; k < count; k++) {
    t = Math.max(t, now.getTime());
    for (let moved = true; moved; ) {
      moved = false;
      for (const limit of X_WRITE_LIMITS[channel]) {
        const inWindow = taken.filter((start) => start > t - limit.windowMs && start <= t);
        if (inWindow.length >= limit.max) {
          t = reopensAt(inWindow[inWindow.length - limit.max]!, limit.windowMs).getTime();
          moved = true;
        }
      }
    }
    taken.push(t);
    times.push(new Date(t));
  }
  return times;
}

/** When the welcome at `position` in its account's queue is expected to leave (1 = next). */
export async function expectedSendTime(db: Db, accountId: number, channel: Channel, position: number, now: Date): Promise<Date> {
  const longest = Math.max(...X_WRITE_LIMITS[channel].map((limit) => limit.windowMs));
  const starts = await sendStartsSince(db, accountId, channel, new Date(now.getTime() - longest));
  const times = nextSendTimes(starts, channel, position, now);
  return times[times.length - 1]!;
}
