// What a carded follower writes to the account — a DM, a reply to the welcome post, a mention, or
// what they wrote before any welcome — stored once per X id and posted in the thread of their card,
// whichever way it arrived (the X webhook at once, or the tracking poll). The engagement figures
// (the digest's reply rate, engaged-first unlocking the DM) are recorded on the way, as before.
import { incomingNotPosted, markDoNotContact, recordIncomingMessage } from '../db/conversations';
import type { FollowerRow, WelcomeRow } from '../db/schema';
import { recordEngagement } from '../db/tracking';
import type { MessageVia } from '../domain';
import { detectOptOut } from '../rules/opt-out';
import { followerWroteFirst } from '../tracking/engaged-first';
import { errorSummary } from './cards';
import type { Desk } from './desk';

/** What the desk needs of whoever shows a conversation (the Slack layer provides it at start-up, in main.ts). */
export interface ThreadPublisher {
  /**
   * Posts a stored message of the follower in its card's thread, once: a message already posted is
   * left alone. Throws when it cannot be posted now (Slack fails, the card is not posted yet).
   */
  post(messageId: number): Promise<void>;
  /** Redraws a posted message (handled, answered…); nothing when it is not posted. */
  refresh(messageId: number): Promise<void>;
}

/** One message a carded follower wrote, as X gives it. */
export interface IncomingMessage {
  via: MessageVia;
  /** The DM event id or the post id. */
  xId: string;
  text: string;
  /** The post it replies to, for a post. */
  inReplyToXId: string | null;
  at: Date;
}

export type Carded = { follower: FollowerRow; welcome: WelcomeRow };

/** How a message counted for the figures: a reply to a welcome sent before it, a first word, or nothing new. */
export type Noted = 'reply' | 'first' | 'known';

export interface Received {
  /** False when the message was already stored (a redelivered webhook, a second read). */
  isNew: boolean;
  noted: Noted;
  /** The message asked the account to stop writing to them. */
  optedOut: boolean;
}

/** A post is a reply to the welcome when it answers the welcome post, or sits in its thread. */
export function postVia(welcome: WelcomeRow, post: { inReplyToXId: string | null; conversationId?: string | null }): 'reply' | 'mention' {
  const welcomePost = welcome.xPostId;
  if (welcomePost && (post.inReplyToXId === welcomePost || post.conversationId === welcomePost)) return 'reply';
  return 'mention';
}

/**
 * One message from a carded follower: stored once, a do-not-contact noted when it asks to stop,
 * counted for the figures, posted in the card's thread and the card's conversation line redrawn.
 * The same message again does nothing.
 */
export async function receiveMessage(desk: Pick<Desk, 'db' | 'logger' | 'cards' | 'threads' | 'now'>, who: Carded, message: IncomingMessage): Promise<Received> {
  const { follower, welcome } = who;
  const stored = await recordIncomingMessage(desk.db, {
    accountId: follower.accountId,
    followerId: follower.id,
    welcomeId: welcome.id,
    via: message.via,
    xId: message.xId,
    inReplyToXId: message.inReplyToXId,
    text: storable(message.text),
    writtenAt: message.at,
  });
  if (!stored.isNew) return { isNew: false, noted: 'known', optedOut: false };

  const optOut = detectOptOut(message.text);
  const optedOut = optOut !== null && (await markDoNotContact(desk.db, follower.id, optOut.words.slice(0, 200), desk.now()));
  if (optedOut) desk.logger.info({ welcomeId: welcome.id, followerId: follower.id }, 'a follower asked not to be contacted: no DM will be offered to them again');

  const noted = await noteEngagement(desk, who, message);
  try {
    await desk.threads.post(stored.message.id);
  } catch (error) {
    // Stored: the next tracking pass posts it (postWaitingMessages).
    desk.logger.warn({ messageId: stored.message.id, err: errorSummary(error) }, 'could not post a follower\'s message in its thread now; the next pass will');
  }
  await desk.cards.refresh(welcome.id);
  return { isNew: true, noted, optedOut };
}

/**
 * A message counted for the figures: a reply when their welcome had gone out before it, else a
 * first word (which may unlock the DM under engaged-only, and update or repost the card).
 */
export async function noteEngagement(desk: Pick<Desk, 'db' | 'logger' | 'cards' | 'now'>, who: Carded, message: Pick<IncomingMessage, 'via' | 'xId' | 'at'>): Promise<Noted> {
  const { welcome, follower } = who;
  // X dates messages to the second: one written in the second the welcome left counts as after it.
  if (welcome.status === 'sent' && welcome.sentAt && message.at.getTime() >= toSecond(welcome.sentAt)) {
    const recorded = await recordEngagement(desk.db, {
      accountId: follower.accountId,
      followerId: follower.id,
      welcomeId: welcome.id,
      kind: 'reply',
      via: message.via,
      xId: message.xId,
      at: message.at,
      secondsToEngage: Math.max(0, Math.round((message.at.getTime() - welcome.sentAt.getTime()) / 1000)),
    });
    if (recorded) desk.logger.info({ welcomeId: welcome.id, via: message.via }, 'a welcomed follower answered');
    return recorded ? 'reply' : 'known';
  }
  const outcome = await followerWroteFirst(desk, who, { via: message.via === 'dm' ? 'dm' : 'mention', xId: message.xId, at: message.at });
  return outcome === 'already-known' ? 'known' : 'first';
}

/** A message not posted this long after it was stored had its post fail (or its process die): post it now. */
const POST_GRACE_MS = 60_000;

/** Posts the stored messages of the account whose first post failed; how many went up. */
export async function postWaitingMessages(desk: Pick<Desk, 'db' | 'logger' | 'threads' | 'now'>, accountId: number): Promise<number> {
  let posted = 0;
  for (const message of await incomingNotPosted(desk.db, accountId, new Date(desk.now().getTime() - POST_GRACE_MS))) {
    try {
      await desk.threads.post(message.id);
      posted++;
    } catch (error) {
      desk.logger.warn({ messageId: message.id, err: errorSummary(error) }, 'could not post a follower\'s message in its thread; the next pass will try again');
    }
  }
  return posted;
}

/** The one-to-one DM conversation between two X users, as X names it: the smaller id first. */
export function dmConversationId(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
}

const toSecond = (date: Date): number => Math.floor(date.getTime() / 1000) * 1000;

/** Postgres text cannot hold U+0000 or a lone surrogate: dropped, or shown as U+FFFD as a decoder would. */
const storable = (text: string): string =>
  text.replaceAll('\u0000', '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
