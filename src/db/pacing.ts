import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Channel } from '../domain';
import type { Db } from './client';
import { welcomeEvents, welcomes, xAccounts, type WelcomeRow } from './schema';

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

/**
 * Takes an approved welcome for sending, if X's limits allow one more message now. The account row
 * is locked for the count and the claim, so two workers — in one process or several — can never
 * both take the last place in a window.
 */
export async function claimForSending(db: Db, welcomeId: number, now: Date): Promise<Claim> {
  return db.transaction(async (tx) => {
    const [welcome] = await tx.select().from(welcomes).where(eq(welcomes.id, welcomeId));
    if (!welcome || welcome.status !== 'approved' || !welcome.channel) return { kind: 'gone' } as const;
    await tx.select({ id: xAccounts.id }).from(xAccounts).where(eq(xAccounts.id, welcome.accountId)).for('update');
    const channel = welcome.channel as Channel;
    for (const limit of X_WRITE_LIMITS[channel]) {
      const since = new Date(now.getTime() - limit.windowMs);
      const rows = await tx
        .select({ startedAt: welcomes.sendingStartedAt })
        .from(welcomes)
        .where(
          and(
            eq(welcomes.accountId, welcome.accountId),
            eq(welcomes.channel, channel),
            inArray(welcomes.status, ['sending', 'sent', 'failed']),
            sql`${welcomes.sendingStartedAt} > ${since.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(welcomes.sendingStartedAt);
      if (rows.length >= limit.max) {
        // The window reopens when the oldest send in it leaves it; a place frees up for each one that does.
        const oldest = rows[rows.length - limit.max]!.startedAt!;
        return { kind: 'wait', until: new Date(oldest.getTime() + limit.windowMs + 1000) } as const;
      }
    }
    const [claimed] = await tx
      .update(welcomes)
      .set({ status: 'sending', attempts: sql`${welcomes.attempts} + 1`, sendingStartedAt: now, updatedAt: now })
      .where(and(eq(welcomes.id, welcomeId), eq(welcomes.status, 'approved')))
      .returning();
    if (!claimed) return { kind: 'gone' } as const;
    await tx.insert(welcomeEvents).values({ welcomeId, type: 'sending', fromStatus: 'approved', toStatus: 'sending', actor: 'system', detail: { attempt: claimed.attempts } });
    return { kind: 'claimed', welcome: claimed } as const;
  });
}
