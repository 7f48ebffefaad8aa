import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { MessageHandling, MessageVia } from '../domain';
import type { Db } from './client';
import { conversationMessages, followers, trackingCursors, welcomes, xAccounts, type ConversationMessageRow, type FollowerRow, type WelcomeRow, type XAccountRow } from './schema';

export interface NewIncomingMessage {
  accountId: number;
  followerId: number;
  /** The card whose thread it goes in. */
  welcomeId: number;
  via: MessageVia;
  xId: string;
  inReplyToXId?: string | null;
  text: string;
  writtenAt: Date;
}

/**
 * Stores what a follower wrote, once per X id: a redelivered webhook or a second poll finds it
 * there and gets `isNew: false` with the row already stored.
 */
export async function recordIncomingMessage(db: Db, message: NewIncomingMessage): Promise<{ message: ConversationMessageRow; isNew: boolean }> {
  const [inserted] = await db
    .insert(conversationMessages)
    .values({ ...message, inReplyToXId: message.inReplyToXId ?? null, direction: 'in' })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { message: inserted, isNew: true };
  const [existing] = await db
    .select()
    .from(conversationMessages)
    .where(and(eq(conversationMessages.accountId, message.accountId), eq(conversationMessages.xId, message.xId)));
  return { message: existing!, isNew: false };
}

/** Whether this X message (DM event or post) is already stored for the account. */
export async function isMessageKnown(db: Db, accountId: number, xId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversationMessages.id })
    .from(conversationMessages)
    .where(and(eq(conversationMessages.accountId, accountId), eq(conversationMessages.xId, xId)));
  return row !== undefined;
}

/** A welcome's conversation, in the order it was written (answers not sent yet last, in the order typed). */
export async function listWelcomeMessages(db: Db, welcomeId: number): Promise<ConversationMessageRow[]> {
  return db
    .select()
    .from(conversationMessages)
    .where(eq(conversationMessages.welcomeId, welcomeId))
    .orderBy(sql`${conversationMessages.writtenAt} asc nulls last`, asc(conversationMessages.id));
}

export interface MessageContext {
  message: ConversationMessageRow;
  welcome: WelcomeRow;
  follower: FollowerRow;
  account: XAccountRow;
}

/** One message with its card, follower and account: what a thread message or a Reply… modal shows. */
export async function getMessageContext(db: Db, messageId: number): Promise<MessageContext | undefined> {
  const [row] = await db
    .select({ message: conversationMessages, welcome: welcomes, follower: followers, account: xAccounts })
    .from(conversationMessages)
    .innerJoin(welcomes, eq(welcomes.id, conversationMessages.welcomeId))
    .innerJoin(followers, eq(followers.id, conversationMessages.followerId))
    .innerJoin(xAccounts, eq(xAccounts.id, conversationMessages.accountId))
    .where(eq(conversationMessages.id, messageId));
  return row;
}

/** Incoming messages stored before `storedBefore` and not yet in their thread (a failed post is retried by the next pass). */
export async function incomingNotPosted(db: Db, accountId: number, storedBefore: Date): Promise<ConversationMessageRow[]> {
  return db
    .select()
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.accountId, accountId),
        eq(conversationMessages.direction, 'in'),
        isNull(conversationMessages.slackTs),
        isNotNull(conversationMessages.welcomeId),
        lt(conversationMessages.recordedAt, storedBefore),
      ),
    )
    .orderBy(asc(conversationMessages.id));
}

/**
 * Marks a message as posted in its thread; false when another process posted it first (its `ts`
 * stays). Posting claims nothing beforehand: the caller posts only messages it just stored as new.
 */
export async function markMessagePosted(db: Db, messageId: number, slackTs: string): Promise<boolean> {
  const updated = await db
    .update(conversationMessages)
    .set({ slackTs, updatedAt: new Date() })
    .where(and(eq(conversationMessages.id, messageId), isNull(conversationMessages.slackTs)))
    .returning({ id: conversationMessages.id });
  return updated.length > 0;
}

/**
 * Records what the team did with an incoming message (answered, or no answer needed), with who and
 * when; false when it was already handled (the first decision stands).
 */
export async function markMessageHandled(db: Db, messageId: number, handled: MessageHandling, by: string, at: Date): Promise<boolean> {
  const updated = await db
    .update(conversationMessages)
    .set({ handled, handledBy: by, handledAt: at, updatedAt: at })
    .where(and(eq(conversationMessages.id, messageId), eq(conversationMessages.direction, 'in'), isNull(conversationMessages.handled)))
    .returning({ id: conversationMessages.id });
  return updated.length > 0;
}

/** What the card's one conversation line says. */
export interface ConversationState {
  /** Messages the follower wrote. */
  received: number;
  /** When the oldest message still waiting for an answer was written; null when none waits. */
  waitingSince: Date | null;
  /** The latest answer: who (a Slack user id), when, and seconds after the message it answered. */
  lastAnswer: { by: string; at: Date; secondsAfter: number } | null;
  /** How many of their messages were marked "no answer needed". */
  noAnswerNeeded: number;
}

/** The conversation state of one card, from its messages. */
export async function conversationState(db: Db, welcomeId: number): Promise<ConversationState> {
  const rows = await db
    .select({
      writtenAt: conversationMessages.writtenAt,
      recordedAt: conversationMessages.recordedAt,
      handled: conversationMessages.handled,
      handledBy: conversationMessages.handledBy,
      handledAt: conversationMessages.handledAt,
    })
    .from(conversationMessages)
    .where(and(eq(conversationMessages.welcomeId, welcomeId), eq(conversationMessages.direction, 'in')));
  let waitingSince: Date | null = null;
  let lastAnswer: ConversationState['lastAnswer'] = null;
  let noAnswerNeeded = 0;
  for (const row of rows) {
    const written = row.writtenAt ?? row.recordedAt;
    if (row.handled === null) {
      if (!waitingSince || written < waitingSince) waitingSince = written;
    } else if (row.handled === 'no-answer-needed') {
      noAnswerNeeded++;
    } else if (row.handledAt && row.handledBy && (!lastAnswer || row.handledAt > lastAnswer.at)) {
      lastAnswer = { by: row.handledBy, at: row.handledAt, secondsAfter: Math.max(0, Math.round((row.handledAt.getTime() - written.getTime()) / 1000)) };
    }
  }
  return { received: rows.length, waitingSince, lastAnswer, noAnswerNeeded };
}

/**
 * Marks a follower do-not-contact (they asked to stop, or X says so); the first reason stays.
 * True when this call set it.
 */
export async function markDoNotContact(db: Db, followerId: number, reason: string, at: Date): Promise<boolean> {
  const updated = await db
    .update(followers)
    .set({ doNotContactAt: at, doNotContactReason: reason })
    .where(and(eq(followers.id, followerId), isNull(followers.doNotContactAt)))
    .returning({ id: followers.id });
  return updated.length > 0;
}

/** Whether DM text is shown in the desk channel for this account. */
export async function setShowDmText(db: Db, accountId: number, show: boolean): Promise<void> {
  await db.update(xAccounts).set({ showDmText: show }).where(eq(xAccounts.id, accountId));
}

// ---------------------------------------------------------------------------------------------
// The account-wide read of DM events (GET /2/dm_events): where it stopped, and X's rate limit.

/** X's limit on GET /2/dm_events: 15 requests per 15 minutes per user. */
export const DM_EVENTS_LIMIT = { max: 15, windowMs: 15 * 60_000 } as const;

/** The newest DM event the previous read saw; null before the first read. */
export async function dmEventsCursor(db: Db, accountId: number): Promise<string | null> {
  const [row] = await db.select({ id: trackingCursors.dmEventsNewestId }).from(trackingCursors).where(eq(trackingCursors.accountId, accountId));
  return row?.id ?? null;
}

export async function saveDmEventsCursor(db: Db, accountId: number, newestId: string, at: Date): Promise<void> {
  await db
    .insert(trackingCursors)
    .values({ accountId, dmEventsNewestId: newestId, dmEventsReadAt: at })
    .onConflictDoUpdate({ target: trackingCursors.accountId, set: { dmEventsNewestId: newestId, dmEventsReadAt: at } });
}

/**
 * Takes one place in X's window for GET /2/dm_events, shared by every process (the cursor row is
 * locked): `ok` when the request may be made now, else when a place frees up.
 */
export async function takeDmEventsRequest(db: Db, accountId: number, now: Date): Promise<{ ok: true } | { ok: false; until: Date }> {
  return db.transaction(async (tx) => {
    await tx.insert(trackingCursors).values({ accountId }).onConflictDoNothing();
    const [row] = await tx.select({ requests: trackingCursors.dmEventsRequests }).from(trackingCursors).where(eq(trackingCursors.accountId, accountId)).for('update');
    const since = now.getTime() - DM_EVENTS_LIMIT.windowMs;
    const recent = (row?.requests ?? []).map((at) => new Date(at).getTime()).filter((t) => t > since).sort((a, b) => a - b);
    if (recent.length >= DM_EVENTS_LIMIT.max) return { ok: false, until: new Date(recent[recent.length - DM_EVENTS_LIMIT.max]! + DM_EVENTS_LIMIT.windowMs + 1000) } as const;
    const requests = [...recent, now.getTime()].map((t) => new Date(t).toISOString());
    await tx.update(trackingCursors).set({ dmEventsRequests: requests }).where(eq(trackingCursors.accountId, accountId));
    return { ok: true } as const;
  });
}
