import { and, eq, isNull, lt } from 'drizzle-orm';
import { welcomes, xAccounts } from '../db/schema';
import { SYSTEM_ACTOR, transitionWelcome } from '../db/welcomes';
import { refreshCard } from '../desk/cards';
import { queueSend } from '../desk/decide';
import type { Desk } from '../desk/desk';

/** How long a send may stay in flight before we stop trusting that its worker is alive. */
export const STUCK_SENDING_MS = 5 * 60_000;
/** How long after approval a queued send may lag before the sweeper queues it again. */
const LOST_APPROVAL_MS = 60_000;

/**
 * Mends what a crash can leave behind, so no approval is lost and nothing is sent twice:
 * approvals whose send job never got queued, sends whose worker died mid-flight, cards never posted.
 */
export async function sweepDesk(desk: Desk): Promise<{ requeued: number; stuck: number; cards: number }> {
  const now = desk.now().getTime();
  const approved = await desk.db
    .select({ id: welcomes.id })
    .from(welcomes)
    .innerJoin(xAccounts, eq(xAccounts.id, welcomes.accountId))
    .where(and(eq(welcomes.status, 'approved'), eq(xAccounts.sendMode, 'api'), lt(welcomes.updatedAt, new Date(now - LOST_APPROVAL_MS))));
  // The send queue keeps one waiting job per welcome, so queueing an approval that already has one is harmless.
  for (const { id } of approved) await queueSend(desk, id);

  const stuck = await desk.db
    .select({ id: welcomes.id })
    .from(welcomes)
    .where(and(eq(welcomes.status, 'sending'), lt(welcomes.sendingStartedAt, new Date(now - STUCK_SENDING_MS))));
  for (const { id } of stuck) {
    // The message may or may not have left: a human checks X rather than the bot sending twice.
    const result = await transitionWelcome(desk.db, id, {
      from: ['sending'],
      to: 'failed',
      type: 'failed',
      actor: SYSTEM_ACTOR,
      set: { error: 'The send was interrupted (the bot stopped mid-send): check X before retrying, it may have been sent.' },
      detail: { reason: 'interrupted' },
    });
    if (result.ok) await refreshCard(desk, id);
  }

  const cardless = await desk.db.select({ id: welcomes.id }).from(welcomes).where(isNull(welcomes.slackTs));
  for (const { id } of cardless) await refreshCard(desk, id);
  return { requeued: approved.length, stuck: stuck.length, cards: cardless.length };
}
