// The team's answers in conversations: written in a Reply… modal, decided by a human, sent by a job
// under X's limits, exactly once. Each change is a row-locked, guarded transition, logged on the
// card's welcome (welcome_events) with the message ids.
import { and, asc, eq, inArray, isNotNull, isNull, like, lt, or, sql } from 'drizzle-orm';
import { ANSWER_TRANSITIONS, type AnswerStatus, type AnswerVia, type WelcomeEventType } from '../domain';
import type { Db } from './client';
import { getMessageContext } from './conversations';
import { windowFullUntil } from './pacing';
import { conversationMessages, welcomeEvents, xAccounts, type ConversationMessageRow, type FollowerRow, type WelcomeRow, type XAccountRow } from './schema';

/** The answer's states that stand for "this message has its answer": a failed one leaves room for another. */
const LIVE: AnswerStatus[] = ['pending', 'approved', 'sending', 'sent'];

export interface AnswerContext {
  answer: ConversationMessageRow;
  /** The follower's message it answers. */
  incoming: ConversationMessageRow;
  welcome: WelcomeRow;
  follower: FollowerRow;
  account: XAccountRow;
}

export async function getAnswerContext(db: Db, answerId: number): Promise<AnswerContext | undefined> {
  const [answer] = await db.select().from(conversationMessages).where(and(eq(conversationMessages.id, answerId), eq(conversationMessages.direction, 'out')));
  if (!answer?.answersMessageId || answer.welcomeId === null) return undefined;
  // The message it answers, with the card, the follower and the account they share.
  const answered = await getMessageContext(db, answer.answersMessageId);
  return answered && { answer, incoming: answered.message, welcome: answered.welcome, follower: answered.follower, account: answered.account };
}

/** The answer this message already has or is getting (pending, approved, being sent, sent); none when it has none or only failed ones. */
export async function liveAnswerTo(db: Pick<Db, 'select'>, messageId: number): Promise<ConversationMessageRow | undefined> {
  const [row] = await db
    .select()
    .from(conversationMessages)
    .where(and(eq(conversationMessages.answersMessageId, messageId), eq(conversationMessages.direction, 'out'), inArray(conversationMessages.status, LIVE)))
    .orderBy(asc(conversationMessages.id))
    .limit(1);
  return row;
}

/** Whether the account already replied publicly to this post of theirs, or is about to (X: one reply per interaction). */
export async function publicReplyTo(db: Pick<Db, 'select'>, accountId: number, postId: string): Promise<ConversationMessageRow | undefined> {
  const [row] = await db
    .select()
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.accountId, accountId),
        eq(conversationMessages.direction, 'out'),
        eq(conversationMessages.via, 'reply'),
        eq(conversationMessages.inReplyToXId, postId),
        inArray(conversationMessages.status, LIVE),
      ),
    )
    .limit(1);
  return row;
}

export interface NewAnswer {
  /** The follower's message it answers. */
  incomingId: number;
  via: AnswerVia;
  text: string;
  /** The Slack user who typed it. */
  writtenBy: string;
  /** Set when the writer's submission is itself the decision (no second pair of eyes required). */
  approvedAt: Date | null;
}

export type CreatedAnswer =
  | { ok: true; answer: ConversationMessageRow }
  /** The message already has an answer (a double submit, or a teammate was quicker). */
  | { ok: false; reason: 'already-answered'; existing: ConversationMessageRow }
  | { ok: false; reason: 'public-reply-exists'; existing: ConversationMessageRow }
  | { ok: false; reason: 'not-found' };

/**
 * Stores a teammate's answer to one message, once: the incoming row is locked while the desk looks
 * for an answer it already has, so three submits at once — or two teammates — store one.
 */
export async function createAnswer(db: Db, answer: NewAnswer): Promise<CreatedAnswer> {
  return db.transaction(async (tx) => {
    const [incoming] = await tx
      .select()
      .from(conversationMessages)
      .where(and(eq(conversationMessages.id, answer.incomingId), eq(conversationMessages.direction, 'in')))
      .for('update');
    if (!incoming || incoming.welcomeId === null) return { ok: false, reason: 'not-found' } as const;
    const existing = await liveAnswerTo(tx, incoming.id);
    if (existing) return { ok: false, reason: 'already-answered', existing } as const;
    if (answer.via === 'reply') {
      const replied = await publicReplyTo(tx, incoming.accountId, incoming.xId!);
      if (replied) return { ok: false, reason: 'public-reply-exists', existing: replied } as const;
    }
    const approved = answer.approvedAt !== null;
    const [row] = await tx
      .insert(conversationMessages)
      .values({
        accountId: incoming.accountId,
        followerId: incoming.followerId,
        welcomeId: incoming.welcomeId,
        direction: 'out',
        via: answer.via,
        inReplyToXId: answer.via === 'reply' ? incoming.xId : null,
        answersMessageId: incoming.id,
        text: answer.text,
        status: approved ? 'approved' : 'pending',
        writtenBy: answer.writtenBy,
        ...(approved ? { approvedBy: answer.writtenBy, approvedAt: answer.approvedAt } : {}),
      })
      .returning();
    const detail = { answerId: row!.id, messageId: incoming.id, via: answer.via };
    await tx.insert(welcomeEvents).values({ welcomeId: incoming.welcomeId, type: 'answer-written', actor: answer.writtenBy, detail: { ...detail, status: 'pending' } });
    if (approved) await tx.insert(welcomeEvents).values({ welcomeId: incoming.welcomeId, type: 'answer-approved', actor: answer.writtenBy, detail: { ...detail, status: 'approved' } });
    return { ok: true, answer: row! } as const;
  });
}

export type AnswerChanges = Partial<Pick<typeof conversationMessages.$inferInsert, 'xId' | 'writtenAt' | 'approvedBy' | 'approvedAt' | 'attempts' | 'errorKind' | 'errorDetail' | 'sendingStartedAt' | 'sendingBy'>>;

export interface AnswerTransition {
  from: readonly AnswerStatus[];
  to: AnswerStatus;
  type: WelcomeEventType;
  actor: string;
  set?: AnswerChanges;
  detail?: Record<string, unknown>;
  /** A further condition on the locked row: the send is still the one this process claimed. */
  guard?: (current: ConversationMessageRow) => boolean;
}

/** `answered`: on the way to `sent`, the messages it marked answered (in the same transaction). */
export type AnswerTransitionResult = { ok: true; answer: ConversationMessageRow; answered: number[] } | { ok: false; answer: ConversationMessageRow | undefined };

/** Moves an answer from one state to the next and logs it on the card, in one transaction (the row lock settles races). */
export async function transitionAnswer(db: Db, answerId: number, change: AnswerTransition): Promise<AnswerTransitionResult> {
  const unlawful = change.from.filter((from) => !ANSWER_TRANSITIONS[from].includes(change.to));
  if (unlawful.length > 0) throw new Error(`an answer may not go from ${unlawful.join(', ')} to ${change.to} (ANSWER_TRANSITIONS)`);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(conversationMessages)
      .where(and(eq(conversationMessages.id, answerId), eq(conversationMessages.direction, 'out')))
      .for('update');
    if (!current?.status || !change.from.includes(current.status)) return { ok: false, answer: current };
    if (change.guard && !change.guard(current)) return { ok: false, answer: current };
    const [updated] = await tx
      .update(conversationMessages)
      .set({ ...change.set, status: change.to, updatedAt: new Date() })
      .where(eq(conversationMessages.id, answerId))
      .returning();
    await logAnswerEvent(tx, updated!, change.type, change.actor, { from: current.status, to: change.to, ...change.detail });
    // A sent answer answers its message at the same moment: no one ever sees it sent and the message waiting.
    const answered = change.to === 'sent' ? await markAnswered(tx, updated!, updated!.updatedAt) : [];
    return { ok: true, answer: updated!, answered };
  });
}

/** Logs something that happened to an answer on its card's welcome (a refused approval, a nudge). */
export async function logAnswerEvent(
  db: Pick<Db, 'insert'>,
  answer: Pick<ConversationMessageRow, 'id' | 'welcomeId' | 'answersMessageId'>,
  type: WelcomeEventType,
  actor: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  if (answer.welcomeId === null) return;
  await db.insert(welcomeEvents).values({ welcomeId: answer.welcomeId, type, actor, detail: { answerId: answer.id, messageId: answer.answersMessageId, ...detail } });
}

export type AnswerClaim = { kind: 'claimed'; answer: ConversationMessageRow } | { kind: 'wait'; until: Date } | { kind: 'gone' };

/**
 * Takes an approved answer for sending, if X's windows allow one more message now: the same count
 * and the same lock on the account row as a welcome's claim, welcomes and answers counted together.
 */
export async function claimAnswerForSending(db: Db, answerId: number, now: Date, instanceId: string): Promise<AnswerClaim> {
  return db.transaction(async (tx) => {
    const [answer] = await tx.select().from(conversationMessages).where(eq(conversationMessages.id, answerId));
    if (answer?.direction !== 'out' || answer.status !== 'approved') return { kind: 'gone' } as const;
    await tx.select({ id: xAccounts.id }).from(xAccounts).where(eq(xAccounts.id, answer.accountId)).for('update');
    const until = await windowFullUntil(tx, answer.accountId, answer.via === 'dm' ? 'dm' : 'mention', now);
    if (until) return { kind: 'wait', until } as const;
    const [claimed] = await tx
      .update(conversationMessages)
      .set({ status: 'sending', attempts: sql`${conversationMessages.attempts} + 1`, sendingStartedAt: now, sendingBy: instanceId, updatedAt: now })
      .where(and(eq(conversationMessages.id, answerId), eq(conversationMessages.status, 'approved')))
      .returning();
    if (!claimed) return { kind: 'gone' } as const;
    await logAnswerEvent(tx, claimed, 'answer-sending', 'system', { from: 'approved', to: 'sending', attempt: claimed.attempts });
    return { kind: 'claimed', answer: claimed } as const;
  });
}

/** How many times the answer's send was tried: the send job's key has it. */
export async function answerAttempts(db: Db, answerId: number): Promise<number> {
  const [row] = await db.select({ attempts: conversationMessages.attempts }).from(conversationMessages).where(eq(conversationMessages.id, answerId));
  return row?.attempts ?? 0;
}

/** Approved answers last changed before `before`: their send job may be lost. */
export async function answersApprovedBefore(db: Db, before: Date): Promise<Array<{ id: number }>> {
  return db
    .select({ id: conversationMessages.id })
    .from(conversationMessages)
    .where(and(eq(conversationMessages.direction, 'out'), eq(conversationMessages.status, 'approved'), lt(conversationMessages.updatedAt, before)));
}

/** Answers being sent, with the process that claimed each. */
export async function answersBeingSent(db: Db): Promise<Array<{ id: number; sendingBy: string | null }>> {
  return db
    .select({ id: conversationMessages.id, sendingBy: conversationMessages.sendingBy })
    .from(conversationMessages)
    .where(and(eq(conversationMessages.direction, 'out'), eq(conversationMessages.status, 'sending')));
}

/**
 * Marks the message the answer was for as answered by its writer — and every earlier message of the
 * same conversation still waiting, since an answer answers what came before it. The ids it marked.
 */
async function markAnswered(db: Pick<Db, 'select' | 'update'>, answer: ConversationMessageRow, at: Date): Promise<number[]> {
  if (!answer.answersMessageId || answer.welcomeId === null) return [];
  const [answered] = await db.select().from(conversationMessages).where(eq(conversationMessages.id, answer.answersMessageId));
  if (!answered) return [];
  const writtenAt = (row: typeof conversationMessages) => sql`coalesce(${row.writtenAt}, ${row.recordedAt})`;
  const marked = await db
    .update(conversationMessages)
    .set({ handled: 'answered', handledBy: answer.writtenBy, handledAt: at, updatedAt: at })
    .where(
      and(
        eq(conversationMessages.welcomeId, answer.welcomeId),
        eq(conversationMessages.direction, 'in'),
        isNull(conversationMessages.handled),
        or(eq(conversationMessages.id, answered.id), sql`${writtenAt(conversationMessages)} <= ${(answered.writtenAt ?? answered.recordedAt).toISOString()}::timestamptz`),
      ),
    )
    .returning({ id: conversationMessages.id });
  return marked.map((row) => row.id);
}

/**
 * Marks one of their messages as needing no answer, with who, and logs it on the card, in one
 * transaction; false when it was already handled (the first decision stands).
 */
export async function markNoAnswerNeeded(db: Db, message: ConversationMessageRow, by: string, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(conversationMessages)
      .set({ handled: 'no-answer-needed', handledBy: by, handledAt: at, updatedAt: at })
      .where(and(eq(conversationMessages.id, message.id), eq(conversationMessages.direction, 'in'), isNull(conversationMessages.handled)))
      .returning({ id: conversationMessages.id });
    if (marked.length === 0) return false;
    if (message.welcomeId !== null) await tx.insert(welcomeEvents).values({ welcomeId: message.welcomeId, type: 'no-answer-needed', actor: by, detail: { messageId: message.id } });
    return true;
  });
}

/**
 * Cards whose conversation has waited for an answer since before `writtenBefore` and got no
 * reminder yet for this wait: one reminder per wait, not per message.
 */
export async function conversationsWaitingSince(db: Db, writtenBefore: Date): Promise<Array<{ welcomeId: number; since: Date }>> {
  const waitingAt = sql<Date>`coalesce(${conversationMessages.writtenAt}, ${conversationMessages.recordedAt})`;
  const rows = await db
    .select({ welcomeId: conversationMessages.welcomeId, since: sql<string>`min(${waitingAt})`, nudged: sql<number>`count(${conversationMessages.nudgedAt})` })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.direction, 'in'),
        isNull(conversationMessages.handled),
        isNotNull(conversationMessages.welcomeId),
        isNotNull(conversationMessages.slackTs),
      ),
    )
    .groupBy(conversationMessages.welcomeId);
  return rows
    .map((row) => ({ welcomeId: row.welcomeId!, since: new Date(row.since), nudged: Number(row.nudged) }))
    .filter((row) => row.nudged === 0 && row.since.getTime() < writtenBefore.getTime())
    .map(({ welcomeId, since }) => ({ welcomeId, since }));
}

/**
 * Takes the reminder of one waiting conversation: marks its waiting messages nudged, and says
 * whether this call did it (two passes at once: one reminder).
 */
export async function takeNudge(db: Db, welcomeId: number, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const waiting = await tx
      .select({ id: conversationMessages.id, nudgedAt: conversationMessages.nudgedAt })
      .from(conversationMessages)
      .where(and(eq(conversationMessages.welcomeId, welcomeId), eq(conversationMessages.direction, 'in'), isNull(conversationMessages.handled)))
      .for('update');
    if (waiting.length === 0 || waiting.some((row) => row.nudgedAt !== null)) return false;
    await tx
      .update(conversationMessages)
      .set({ nudgedAt: at })
      .where(and(eq(conversationMessages.welcomeId, welcomeId), eq(conversationMessages.direction, 'in'), isNull(conversationMessages.handled), isNull(conversationMessages.nudgedAt)));
    await tx.insert(welcomeEvents).values({ welcomeId, type: 'conversation-nudged', actor: 'system', detail: { messages: waiting.map((row) => row.id) } });
    return true;
  });
}

/**
 * Claims the first post of an answer in its thread: `slack_ts` holds a claim mark until the post's
 * ts replaces it. False when it is posted, or claimed by someone else less than `staleMs` ago.
 */
export async function claimAnswerPost(db: Db, answerId: number, now: Date, staleMs: number): Promise<boolean> {
  const stale = `claim:${new Date(now.getTime() - staleMs).toISOString()}`;
  const claimed = await db
    .update(conversationMessages)
    .set({ slackTs: `claim:${now.toISOString()}` })
    .where(
      and(
        eq(conversationMessages.id, answerId),
        eq(conversationMessages.direction, 'out'),
        or(isNull(conversationMessages.slackTs), and(like(conversationMessages.slackTs, 'claim:%'), lt(conversationMessages.slackTs, stale))),
      ),
    )
    .returning({ id: conversationMessages.id });
  return claimed.length > 0;
}

export async function setAnswerPost(db: Db, answerId: number, slackTs: string): Promise<void> {
  await db.update(conversationMessages).set({ slackTs }).where(and(eq(conversationMessages.id, answerId), eq(conversationMessages.direction, 'out')));
}
