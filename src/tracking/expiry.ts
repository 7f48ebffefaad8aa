import { pendingWelcomesCreatedBefore } from '../db/unfinished';
import { SYSTEM_ACTOR, transitionWelcome } from '../db/welcomes';
import type { Desk } from '../desk/desk';

/**
 * Cards nobody decided on within `days` are closed as expired, logged, and updated in place, so
 * the desk channel never holds a stale card whose buttons would still send something weeks late.
 */
export async function expireStaleCards(desk: Pick<Desk, 'db' | 'logger' | 'cards' | 'now'>, opts: { days: number }): Promise<number[]> {
  const { days } = opts;
  const now = desk.now();
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const stale = await pendingWelcomesCreatedBefore(desk.db, cutoff);
  const expired: number[] = [];
  for (const { id } of stale) {
    // decidedAt marks when the desk stopped waiting; decidedBy stays empty: nobody decided.
    const result = await transitionWelcome(desk.db, id, {
      from: ['pending'],
      to: 'expired',
      type: 'expired',
      actor: SYSTEM_ACTOR,
      at: desk.now(),
      set: { decidedAt: now },
      detail: { afterDays: days },
    });
    if (!result.ok) continue;
    expired.push(id);
    await desk.cards.refresh(id);
  }
  if (expired.length) desk.logger.info({ expired: expired.length, days }, 'cards expired');
  return expired;
}
