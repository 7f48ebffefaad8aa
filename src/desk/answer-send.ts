// The send job of an answer: the welcome's machinery (src/desk/send.ts) for the team's answers in
// conversations. The claim moves the answer to `sending` under X's windows; a send whose outcome is
// uncertain is never retried blindly: X is read first.
import { liveInstances } from '../db/bot-instances';
import { claimAnswerForSending, getAnswerContext, transitionAnswer, type AnswerContext } from '../db/answers';
import { SYSTEM_ACTOR } from '../db/welcomes';
import type { ConversationMessageRow } from '../db/schema';
import { findSentWelcome, postPublicWelcome, sendDirectMessage, XApiError, type SentWelcome } from '../x/api';
import { queueAnswerSend, refreshIncoming, showAnswer } from './answer';
import { errorSummary } from './cards';
import type { Desk, AnswerSendDesk } from './desk';
import { GIVE_UP_AFTER_MS, type SendTracker } from './send';

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 10 * 60_000;
const RECONCILE_DELAY_MS = 5_000;

/** Answers in flight use the tracker's set with their own keys, apart from welcome ids. */
const key = (answerId: number) => -answerId;

/** One approved answer, one message to X, exactly once; an answer left `sending` is reconciled first. */
export async function sendAnswer(desk: AnswerSendDesk, answerId: number, tracker: SendTracker): Promise<void> {
  const current = await getAnswerContext(desk.db, answerId);
  if (current?.answer.status === 'sending') {
    const live = await liveInstances(desk.db, desk.now(), tracker.staleMs);
    await reconcileAnswer(desk, answerId, tracker, (instanceId) => live.has(instanceId));
    return;
  }
  if (tracker.inFlight.has(key(answerId))) return;
  tracker.inFlight.add(key(answerId));
  try {
    await sendClaimed(desk, answerId, tracker);
  } finally {
    tracker.inFlight.delete(key(answerId));
  }
}

async function sendClaimed(desk: AnswerSendDesk, answerId: number, tracker: SendTracker): Promise<void> {
  const claim = await claimAnswerForSending(desk.db, answerId, desk.now(), tracker.instanceId);
  if (claim.kind === 'gone') return;
  if (claim.kind === 'wait') {
    desk.logger.info({ answerId, until: claim.until }, "paced: X's window is full, answer deferred");
    await queueAnswerSend(desk, answerId, claim.until);
    return;
  }
  const ctx = await getAnswerContext(desk.db, answerId);
  if (!ctx) return;
  const owned = ownedBy(tracker.instanceId, claim.answer);
  // They may have asked to stop between the approval and now: a DM to them never leaves.
  if (ctx.answer.via === 'dm' && ctx.follower.doNotContactAt !== null) {
    await fail(desk, answerId, owned, { kind: 'do-not-contact', detail: null });
    await afterOutcome(desk, ctx);
    return;
  }
  let sent: SentWelcome;
  try {
    sent = await sendToX(desk, ctx);
  } catch (error) {
    await afterFailedSend(desk, ctx, claim.answer, error, owned);
    await showAnswer(desk, answerId);
    return;
  }
  await markSent(desk, ctx, sent, owned);
  desk.logger.info({ answerId, via: ctx.answer.via }, 'answer sent');
  await afterOutcome(desk, ctx);
}

async function sendToX(desk: Pick<Desk, 'xClient'>, ctx: AnswerContext): Promise<SentWelcome> {
  const client = desk.xClient(ctx.account);
  if (ctx.answer.via === 'dm') return sendDirectMessage(client, ctx.follower.xUserId, ctx.answer.text);
  // A public answer is a reply to their post (reply.in_reply_to_tweet_id): it threads under it on X.
  return postPublicWelcome(client, ctx.answer.text, ctx.answer.inReplyToXId);
}

const ownedBy =
  (instanceId: string, claimed: ConversationMessageRow) =>
  (row: ConversationMessageRow): boolean =>
    row.sendingBy === instanceId && row.attempts === claimed.attempts;

type Owned = (row: ConversationMessageRow) => boolean;

async function afterFailedSend(desk: Pick<Desk, 'db' | 'boss' | 'logger' | 'now'>, ctx: AnswerContext, claimed: ConversationMessageRow, error: unknown, owned: Owned): Promise<void> {
  const id = ctx.answer.id;
  if (error instanceof XApiError && error.kind === 'rate-limited') {
    await release(desk, id, owned, 'rate-limited', error.resetAt ?? new Date(desk.now().getTime() + 15 * 60_000));
    return;
  }
  if (error instanceof XApiError && error.status === null && error.retryable) {
    // The request never reached X: nothing can have been sent.
    if (givenUp(desk, claimed)) return void (await fail(desk, id, owned, { kind: error.kind, detail: error.detail, status: error.status }));
    await release(desk, id, owned, error.kind, new Date(desk.now().getTime() + backoffMs(claimed.attempts)));
    return;
  }
  if (error instanceof XApiError && !uncertain(error)) {
    await fail(desk, id, owned, { kind: error.kind, detail: error.detail, status: error.status });
    return;
  }
  desk.logger.warn({ answerId: id, err: errorSummary(error) }, 'answer outcome uncertain: reconciling with X before any retry');
  const left = await transitionAnswer(desk.db, id, {
    from: ['sending'],
    to: 'sending',
    type: 'answer-uncertain',
    actor: SYSTEM_ACTOR,
    set: { sendingBy: null },
    detail: { reason: error instanceof Error ? error.message : String(error) },
    guard: owned,
  });
  if (left.ok) await queueAnswerSend(desk, id, new Date(desk.now().getTime() + RECONCILE_DELAY_MS));
}

const uncertain = (error: XApiError) => error.kind === 'server' || (error.kind === 'network' && !error.retryable);
const backoffMs = (attempts: number) => Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
const givenUp = (desk: Pick<Desk, 'now'>, answer: ConversationMessageRow) =>
  desk.now().getTime() - (answer.approvedAt ?? answer.recordedAt).getTime() > GIVE_UP_AFTER_MS;

/**
 * An answer left `sending` without a live send behind it: takes it over, reads X (the DM
 * conversation, or the account's recent posts) and records the message found there, or puts the
 * answer back in the queue — never both, never while another live process owns the send.
 */
export async function reconcileAnswer(desk: AnswerSendDesk, answerId: number, tracker: SendTracker, isLive: (instanceId: string) => boolean = () => false): Promise<'sent' | 'not-sent' | 'unknown' | 'not-ours'> {
  if (tracker.inFlight.has(key(answerId))) return 'not-ours';
  tracker.inFlight.add(key(answerId));
  try {
    const ctx = await getAnswerContext(desk.db, answerId);
    if (ctx?.answer.status !== 'sending') return 'not-ours';
    const before = ctx.answer;
    if (before.sendingBy !== null && before.sendingBy !== tracker.instanceId && isLive(before.sendingBy)) return 'not-ours';
    const taken = await transitionAnswer(desk.db, answerId, {
      from: ['sending'],
      to: 'sending',
      type: 'answer-reconciling',
      actor: SYSTEM_ACTOR,
      set: { sendingBy: tracker.instanceId, attempts: before.attempts + 1 },
      detail: { previousOwner: before.sendingBy },
      guard: (row) => row.sendingBy === before.sendingBy && row.attempts === before.attempts,
    });
    if (!taken.ok) return 'not-ours';
    const owned = ownedBy(tracker.instanceId, taken.answer);
    let found: SentWelcome | null;
    try {
      found = await findSentWelcome(desk.xClient(ctx.account), {
        accountUserId: ctx.account.xUserId,
        channel: before.via === 'dm' ? 'dm' : 'mention',
        recipientId: ctx.follower.xUserId,
        text: before.text,
        since: before.sendingStartedAt ?? before.updatedAt,
      });
    } catch (error) {
      desk.logger.warn({ answerId, err: errorSummary(error) }, 'could not reconcile the answer with X yet; will try again');
      return 'unknown';
    }
    if (found) {
      await markSent(desk, ctx, found, owned, { reconciled: true });
      await afterOutcome(desk, ctx);
      return 'sent';
    }
    if (givenUp(desk, taken.answer)) {
      await fail(desk, answerId, owned, { kind: 'gave-up', detail: null });
    } else {
      const sends = before.attempts;
      await release(desk, answerId, owned, 'not-on-x', new Date(desk.now().getTime() + (sends <= 1 ? 0 : backoffMs(sends - 1))));
    }
    await showAnswer(desk, answerId);
    return 'not-sent';
  } finally {
    tracker.inFlight.delete(key(answerId));
  }
}

const idOf = (sent: SentWelcome) => ('postId' in sent ? sent.postId : sent.dmEventId);

async function markSent(desk: Pick<Desk, 'db' | 'logger' | 'threads' | 'now'>, ctx: AnswerContext, sent: SentWelcome, owned: Owned, detail: Record<string, unknown> = {}): Promise<void> {
  const at = desk.now();
  const result = await transitionAnswer(desk.db, ctx.answer.id, {
    from: ['sending'],
    to: 'sent',
    type: 'answer-sent',
    actor: SYSTEM_ACTOR,
    set: { xId: idOf(sent), writtenAt: at, sendingBy: null, errorKind: null, errorDetail: null },
    detail: { xId: idOf(sent), ...detail },
    guard: owned,
  });
  if (!result.ok) {
    desk.logger.warn({ answerId: ctx.answer.id, status: result.answer?.status }, 'answer sent, but another process had taken the send over; it records it');
    return;
  }
  for (const messageId of result.answered) if (messageId !== ctx.incoming.id) await refreshIncoming(desk, messageId);
}

/** The thread shows the answer's outcome, their message shows it was answered, the card its conversation line. */
async function afterOutcome(desk: Pick<Desk, 'logger' | 'cards' | 'threads' | 'answers'>, ctx: AnswerContext): Promise<void> {
  await showAnswer(desk, ctx.answer.id);
  await refreshIncoming(desk, ctx.incoming.id);
  await desk.cards.refresh(ctx.welcome.id);
}

async function release(desk: Pick<Desk, 'db' | 'boss'>, answerId: number, owned: Owned, why: string, at: Date): Promise<void> {
  const result = await transitionAnswer(desk.db, answerId, {
    from: ['sending'],
    to: 'approved',
    type: 'answer-deferred',
    actor: SYSTEM_ACTOR,
    set: { sendingStartedAt: null, sendingBy: null },
    detail: { why, retryAt: at.toISOString() },
    guard: owned,
  });
  if (result.ok) await queueAnswerSend(desk, answerId, at);
}

/** A definite no: stored as a code with X's own detail; the thread words it. */
async function fail(desk: Pick<Desk, 'db'>, answerId: number, owned: Owned, error: { kind: string; detail: string | null; status?: number | null }): Promise<void> {
  await transitionAnswer(desk.db, answerId, {
    from: ['sending'],
    to: 'failed',
    type: 'answer-failed',
    actor: SYSTEM_ACTOR,
    set: { errorKind: error.kind, errorDetail: error.detail, sendingBy: null },
    detail: { kind: error.kind, status: error.status ?? null },
    guard: owned,
  });
}
