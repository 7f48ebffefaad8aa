import { markEngagedFirst } from '../db/followers';
import type { FollowerRow, WelcomeRow } from '../db/schema';
import { recordEngagement } from '../db/tracking';
import { logWelcomeEvent, SYSTEM_ACTOR, transitionWelcome } from '../db/welcomes';
import type { Desk } from '../desk/desk';

export interface WroteFirst {
  via: 'dm' | 'mention';
  /** The DM event or post id. */
  xId: string;
  at: Date;
}

export type EngagedFirstOutcome = 'already-known' | 'card-updated' | 'card-reposted' | 'recorded';

/**
 * A follower wrote to the account before any welcome reached them. Under the engaged-only policy
 * that is what opens the DM, so the card says so at once: updated in place while it waits, or
 * posted again when a teammate had skipped it because the desk advised waiting for an exchange.
 */
export async function followerWroteFirst(
  desk: Pick<Desk, 'db' | 'cards' | 'now'>,
  who: { follower: FollowerRow; welcome: WelcomeRow },
  wrote: WroteFirst,
): Promise<EngagedFirstOutcome> {
  const { follower, welcome } = who;
  const recorded = await recordEngagement(desk.db, {
    accountId: follower.accountId,
    followerId: follower.id,
    welcomeId: welcome.id,
    kind: 'first',
    via: wrote.via,
    xId: wrote.xId,
    at: wrote.at,
    secondsToEngage: null,
  });
  await markEngagedFirst(desk.db, follower.id, wrote.via, wrote.at, wrote.xId);
  if (!recorded) return 'already-known';

  if (welcome.status === 'pending') {
    await logWelcomeEvent(desk.db, welcome.id, 'engaged-first', SYSTEM_ACTOR, { via: wrote.via, xId: wrote.xId, at: wrote.at.toISOString() }, desk.now());
    await desk.cards.refresh(welcome.id);
    return 'card-updated';
  }
  if (welcome.status === 'skipped' && skippedToWait(welcome)) {
    // The old card stays as the record of the skip; a fresh one asks the desk to answer them.
    const reopened = await transitionWelcome(desk.db, welcome.id, {
      from: ['skipped'],
      to: 'pending',
      type: 'reopened',
      actor: SYSTEM_ACTOR,
      at: desk.now(),
      // Clearing the card message (and its first-post claim) makes the next publish post a new card.
      set: { decidedBy: null, decidedAt: null, slackTs: null, cardClaimedAt: null },
      detail: { why: 'engaged-first', via: wrote.via, xId: wrote.xId, previousCard: welcome.slackTs },
    });
    if (reopened.ok) {
      await desk.cards.refresh(welcome.id);
      return 'card-reposted';
    }
  }
  return 'recorded';
}

/**
 * A skip that followed the desk's own advice to wait for an exchange (nothing personal to say),
 * as opposed to a skip of a likely bot: only the first kind is worth reopening when they write.
 */
function skippedToWait(welcome: WelcomeRow): boolean {
  const triage = welcome.triage as { recommendation?: unknown; likelyBot?: unknown };
  return triage.recommendation === 'none' && triage.likelyBot !== true;
}
