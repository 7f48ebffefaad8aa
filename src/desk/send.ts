import { randomUUID } from 'node:crypto';
import { liveInstances } from '../db/bot-instances';
import { claimForSending } from '../db/pacing';
import { getWelcomeContext, SYSTEM_ACTOR, transitionWelcome, type WelcomeContext } from '../db/welcomes';
import type { WelcomeRow } from '../db/schema';
import type { SendError } from '../domain';
import { findSentWelcome, postPublicWelcome, sendDirectMessage, XApiError, type SentWelcome } from '../x/api';
import { errorSummary } from './cards';
import { queueSend } from './decide';
import type { Desk, DeskData, SendDesk } from './desk';

/** How long X outages are retried, counted from the approval, before a human is asked to look. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** Backoff between attempts while X is down: 30 s, doubling, at most 10 minutes. */
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 10 * 60_000;
/** After an uncertain send, X gets a moment before we look for the message. */
const RECONCILE_DELAY_MS = 5_000;

/**
 * Which process this is, and which sends it has in flight right now. A welcome left in `sending`
 * by a process that is gone, or by this one outside any send, is reconciled with X before anything
 * else happens to it.
 */
export interface SendTracker {
  instanceId: string;
  inFlight: Set<number>;
  /** How old a process's heartbeat may be before its sends count as orphaned (INSTANCE_STALE_MS). */
  staleMs?: number;
}

/** For callers outside the job runner (benchmarks, scripts): a process no heartbeat vouches for. */
const UNREGISTERED: SendTracker = { instanceId: `unregistered-${randomUUID()}`, inFlight: new Set() };

/**
 * The send job: one approved welcome, one message to X, exactly once. The claim moves the welcome
 * to `sending` first, so a second run of the same job finds nothing to send. A send whose outcome
 * is uncertain — the connection broke, X answered 5xx, the process died — is never retried blindly:
 * the job looks on X for the message first (reconcileSend).
 */
export async function sendWelcome(desk: SendDesk, welcomeId: number, tracker: SendTracker = UNREGISTERED): Promise<void> {
  const current = await getWelcomeContext(desk.db, welcomeId);
  if (current?.welcome.status === 'sending') {
    const live = await liveInstances(desk.db, desk.now(), tracker.staleMs);
    await reconcileSend(desk, welcomeId, tracker, (instanceId) => live.has(instanceId));
    return;
  }
  if (tracker.inFlight.has(welcomeId)) return;
  tracker.inFlight.add(welcomeId);
  try {
    await sendClaimed(desk, welcomeId, tracker);
  } finally {
    tracker.inFlight.delete(welcomeId);
  }
}

async function sendClaimed(desk: SendDesk, welcomeId: number, tracker: SendTracker): Promise<void> {
  const claim = await claimForSending(desk.db, welcomeId, desk.now(), tracker.instanceId);
  if (claim.kind === 'gone') return;
  if (claim.kind === 'wait') {
    desk.logger.info({ welcomeId, until: claim.until }, "paced: X's window is full, send deferred");
    await queueSend(desk, welcomeId, claim.until);
    await desk.cards.refresh(welcomeId);
    return;
  }
  const ctx = await getWelcomeContext(desk.db, welcomeId);
  if (!ctx) return;
  const owned = ownedBy(tracker.instanceId, claim.welcome);
  if (ctx.welcome.channel === 'dm' && ctx.follower.doNotContactAt) {
    // They asked to stop after the DM was approved (it waited in X's window): it never leaves.
    await fail(desk, welcomeId, owned, { kind: 'do-not-contact', detail: null });
    await desk.cards.refresh(welcomeId);
    return;
  }
  let sent: SentWelcome;
  try {
    sent = await sendToX(desk, ctx);
  } catch (error) {
    await afterFailedSend(desk, ctx, error, owned);
    await desk.cards.refresh(welcomeId);
    return;
  }
  // From here the message is on X: if recording it fails (the database is away), the welcome stays
  // `sending`, and the reconciliation finds the message on X instead of sending it again.
  await markSent(desk, welcomeId, sent, owned);
  desk.logger.info({ welcomeId, channel: ctx.welcome.channel }, 'welcome sent');
  await desk.cards.refresh(welcomeId);
}

async function sendToX(desk: Pick<Desk, 'xClient'>, ctx: WelcomeContext): Promise<SentWelcome> {
  const { welcome, follower, account } = ctx;
  const text = welcome.finalText ?? welcome.draftText;
  const client = desk.xClient(account);
  if (welcome.channel === 'dm') return sendDirectMessage(client, follower.xUserId, text);
  return postPublicWelcome(client, text, follower.engagedPostId);
}

/** The claim this process holds: a later transition applies only while it still does. */
const ownedBy =
  (instanceId: string, claimed: WelcomeRow) =>
  (row: WelcomeRow): boolean =>
    row.sendingBy === instanceId && row.attempts === claimed.attempts;

async function afterFailedSend(desk: Pick<Desk, 'db' | 'boss' | 'logger' | 'now'>, ctx: WelcomeContext, error: unknown, owned: (row: WelcomeRow) => boolean): Promise<void> {
  const { welcome } = ctx;
  const id = welcome.id;
  if (error instanceof XApiError && error.kind === 'rate-limited') {
    await release(desk, id, owned, 'rate-limited', error.resetAt ?? new Date(desk.now().getTime() + 15 * 60_000));
    return;
  }
  if (error instanceof XApiError && error.status === null && error.retryable) {
    // The request never reached X (connection refused, no route): nothing can have been sent.
    if (givenUp(desk, welcome)) return void (await fail(desk, id, owned, { kind: error.kind, detail: error.detail }));
    await release(desk, id, owned, error.kind, new Date(desk.now().getTime() + backoffMs(welcome.attempts)));
    return;
  }
  if (error instanceof XApiError && !uncertain(error)) {
    // X answered and refused: a definite no, which a human reads on the card.
    await fail(desk, id, owned, { kind: error.kind, detail: error.detail });
    return;
  }
  // X may have carried it out: look before trying again.
  desk.logger.warn({ welcomeId: id, err: errorSummary(error) }, 'send outcome uncertain: reconciling with X before any retry');
  const left = await transitionWelcome(desk.db, id, {
    from: ['sending'],
    to: 'sending',
    type: 'send-uncertain',
    actor: SYSTEM_ACTOR,
    at: desk.now(),
    set: { sendingBy: null },
    detail: { reason: error instanceof Error ? error.message : String(error) },
    guard: owned,
  });
  if (left.ok) await queueSend(desk, id, new Date(desk.now().getTime() + RECONCILE_DELAY_MS));
}

/** A 5xx on a write, a connection broken mid-request, an answer without ids, or a fault of ours. */
function uncertain(error: XApiError): boolean {
  return error.kind === 'server' || (error.kind === 'network' && !error.retryable);
}

const backoffMs = (attempts: number) => Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);

function givenUp(desk: Pick<Desk, 'now'>, welcome: WelcomeRow): boolean {
  const since = (welcome.decidedAt ?? welcome.createdAt).getTime();
  return desk.now().getTime() - since > GIVE_UP_AFTER_MS;
}

export type Reconciled = 'sent' | 'not-sent' | 'unknown' | 'not-ours';

/**
 * A welcome left in `sending` without a live send behind it: its process died, the connection broke,
 * or recording the result failed. Takes it over, reads X (the DM conversation, or the account's recent
 * posts) and either records the message found there, or puts the welcome back in the queue — never
 * both, and never while another live process still owns the send.
 */
export async function reconcileSend(
  desk: SendDesk,
  welcomeId: number,
  tracker: SendTracker,
  isLive: (instanceId: string) => boolean = () => false,
): Promise<Reconciled> {
  if (tracker.inFlight.has(welcomeId)) return 'not-ours';
  tracker.inFlight.add(welcomeId);
  try {
    const ctx = await getWelcomeContext(desk.db, welcomeId);
    if (ctx?.welcome.status !== 'sending') return 'not-ours';
    const before = ctx.welcome;
    if (before.sendingBy !== null && before.sendingBy !== tracker.instanceId && isLive(before.sendingBy)) return 'not-ours';
    const taken = await transitionWelcome(desk.db, welcomeId, {
      from: ['sending'],
      to: 'sending',
      type: 'reconciling',
      actor: SYSTEM_ACTOR,
      at: desk.now(),
      // A new attempt number, so this run's job key differs from the dead one's (see queueSend).
      set: { sendingBy: tracker.instanceId, attempts: before.attempts + 1 },
      detail: { previousOwner: before.sendingBy },
      guard: (row) => row.sendingBy === before.sendingBy && row.attempts === before.attempts,
    });
    if (!taken.ok) return 'not-ours';
    const owned = ownedBy(tracker.instanceId, taken.welcome);
    const { welcome, follower, account } = ctx;
    let found: SentWelcome | null;
    try {
      found = await findSentWelcome(desk.xClient(account), {
        accountUserId: account.xUserId,
        channel: welcome.channel === 'dm' ? 'dm' : 'mention',
        recipientId: follower.xUserId,
        text: welcome.finalText ?? welcome.draftText,
        since: welcome.sendingStartedAt ?? welcome.updatedAt,
      });
    } catch (error) {
      // X cannot tell us now: the welcome stays `sending` and the sweeper asks again later.
      desk.logger.warn({ welcomeId, err: errorSummary(error) }, 'could not reconcile the send with X yet; will try again');
      return 'unknown';
    }
    if (found) {
      await markSent(desk, welcomeId, found, owned, { reconciled: true });
      desk.logger.info({ welcomeId }, 'reconciled: the welcome had reached X; recorded as sent');
    } else {
      desk.logger.info({ welcomeId }, 'reconciled: the welcome is not on X; queued to send');
      if (givenUp(desk, taken.welcome)) {
        await fail(desk, welcomeId, owned, { kind: 'gave-up', detail: null });
      } else {
        // A crash or a dropped connection is not an X outage: the first retry goes at once.
        const sends = before.attempts;
        await release(desk, welcomeId, owned, 'not-on-x', new Date(desk.now().getTime() + (sends <= 1 ? 0 : backoffMs(sends - 1))));
      }
    }
    await desk.cards.refresh(welcomeId);
    return found ? 'sent' : 'not-sent';
  } finally {
    tracker.inFlight.delete(welcomeId);
  }
}

const idsOf = (sent: SentWelcome) =>
  'postId' in sent ? { xPostId: sent.postId } : { xDmEventId: sent.dmEventId, xDmConversationId: sent.dmConversationId };

async function markSent(
  desk: Pick<Desk, 'db' | 'logger' | 'now'>,
  welcomeId: number,
  sent: SentWelcome,
  owned: (row: WelcomeRow) => boolean,
  detail: Record<string, unknown> = {},
): Promise<void> {
  const ids = idsOf(sent);
  const result = await transitionWelcome(desk.db, welcomeId, {
    from: ['sending'],
    to: 'sent',
    type: 'sent',
    actor: SYSTEM_ACTOR,
    at: desk.now(),
    set: { ...ids, sentAt: desk.now(), sendingBy: null, errorKind: null, errorDetail: null },
    detail: { ...ids, ...detail },
    guard: owned,
  });
  if (!result.ok) desk.logger.warn({ welcomeId, status: result.welcome?.status }, 'sent, but another process had taken the send over; it records it');
}

/** Back to the queue, to be tried again at `at`: X said wait, or nothing went out. */
async function release(desk: Pick<Desk, 'db' | 'boss' | 'now'>, welcomeId: number, owned: (row: WelcomeRow) => boolean, why: string, at: Date): Promise<void> {
  const result = await transitionWelcome(desk.db, welcomeId, {
    from: ['sending'],
    to: 'approved',
    type: 'deferred',
    actor: SYSTEM_ACTOR,
    at: desk.now(),
    set: { sendingStartedAt: null, sendingBy: null },
    detail: { why, retryAt: at.toISOString() },
    guard: owned,
  });
  if (result.ok) await queueSend(desk, welcomeId, at);
}

/** A definite failure: its kind and X's detail are stored, and the card words them in the desk's language. */
async function fail(desk: DeskData, welcomeId: number, owned: (row: WelcomeRow) => boolean, reason: SendError): Promise<void> {
  await transitionWelcome(desk.db, welcomeId, {
    from: ['sending'],
    to: 'failed',
    type: 'failed',
    actor: SYSTEM_ACTOR,
    at: desk.now(),
    set: { errorKind: reason.kind, errorDetail: reason.detail, sendingBy: null },
    detail: { kind: reason.kind, detail: reason.detail },
    guard: owned,
  });
}
