import { claimForSending } from '../db/pacing';
import { getWelcomeContext, SYSTEM_ACTOR, transitionWelcome } from '../db/welcomes';
import { postPublicWelcome, sendDirectMessage, XApiError } from '../x/api';
import { errorSummary, refreshCard } from './cards';
import { queueSend } from './decide';
import type { Desk } from './desk';

/** Automatic retries for X outages before a human is asked to look. */
const MAX_ATTEMPTS = 5;

/**
 * The send job: one approved welcome, one message to X, exactly once. The claim moves the welcome
 * to `sending` first, so a second run of the same job finds nothing to do; a failure whose outcome
 * is uncertain is never retried blindly.
 */
export async function sendWelcome(desk: Desk, welcomeId: number): Promise<void> {
  const claim = await claimForSending(desk.db, welcomeId, desk.now());
  if (claim.kind === 'gone') return;
  if (claim.kind === 'wait') {
    desk.logger.info({ welcomeId, until: claim.until }, "paced: X's window is full, send deferred");
    await queueSend(desk, welcomeId, claim.until);
    return;
  }
  const ctx = await getWelcomeContext(desk.db, welcomeId);
  if (!ctx) return;
  const { welcome, follower, account } = ctx;
  const text = welcome.finalText ?? welcome.draftText;
  const client = desk.xClient(account);
  try {
    if (welcome.channel === 'dm') {
      const sent = await sendDirectMessage(client, follower.xUserId, text);
      await markSent(desk, welcomeId, { xDmEventId: sent.dmEventId, xDmConversationId: sent.dmConversationId });
    } else {
      const posted = await postPublicWelcome(client, text);
      await markSent(desk, welcomeId, { xPostId: posted.postId });
    }
    desk.logger.info({ welcomeId, channel: welcome.channel }, 'welcome sent');
  } catch (error) {
    if (!(error instanceof XApiError)) {
      desk.logger.error({ welcomeId, err: errorSummary(error) }, 'send failed unexpectedly');
      await fail(desk, welcomeId, error instanceof Error ? error.message : String(error));
    } else if (error.kind === 'rate-limited') {
      await release(desk, welcomeId, 'rate-limited', error.resetAt ?? new Date(desk.now().getTime() + 15 * 60_000));
    } else if (error.retryable && welcome.attempts < MAX_ATTEMPTS) {
      const backoffMs = 30_000 * 2 ** (welcome.attempts - 1);
      await release(desk, welcomeId, error.kind, new Date(desk.now().getTime() + backoffMs));
    } else {
      await fail(desk, welcomeId, error.describe(desk.lang));
    }
  }
  await refreshCard(desk, welcomeId);
}

async function markSent(
  desk: Desk,
  welcomeId: number,
  ids: { xDmEventId?: string; xDmConversationId?: string; xPostId?: string },
): Promise<void> {
  await transitionWelcome(desk.db, welcomeId, {
    from: ['sending'],
    to: 'sent',
    type: 'sent',
    actor: SYSTEM_ACTOR,
    set: { ...ids, sentAt: desk.now(), error: null },
    detail: ids,
  });
}

/** Back to the queue, to be tried again at `at`: X said wait, or X was down and nothing went out. */
async function release(desk: Desk, welcomeId: number, why: string, at: Date): Promise<void> {
  await transitionWelcome(desk.db, welcomeId, {
    from: ['sending'],
    to: 'approved',
    type: 'deferred',
    actor: SYSTEM_ACTOR,
    set: { sendingStartedAt: null },
    detail: { why, retryAt: at.toISOString() },
  });
  await queueSend(desk, welcomeId, at);
}

async function fail(desk: Desk, welcomeId: number, reason: string): Promise<void> {
  await transitionWelcome(desk.db, welcomeId, {
    from: ['sending'],
    to: 'failed',
    type: 'failed',
    actor: SYSTEM_ACTOR,
    set: { error: reason },
    detail: { reason },
  });
}
