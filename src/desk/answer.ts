// Answering a follower from the card's thread: which ways X's rules and the account's settings
// leave open, the audit of what the teammate typed, one human decision per answer, and the durable
// job that sends it. "No answer needed" is the other decision a teammate can take on a message.
import { answerAttempts, createAnswer, getAnswerContext, liveAnswerTo, logAnswerEvent, markNoAnswerNeeded as markHandledNoAnswer, publicReplyTo, transitionAnswer } from '../db/answers';
import { getMessageContext, type MessageContext } from '../db/conversations';
import { engagementOf } from '../db/followers';
import type { ConversationMessageRow, FollowerRow, WelcomeRow, XAccountRow } from '../db/schema';
import type { AnswerClosed, AnswerStatus, AnswerVia, FollowerProfile } from '../domain';
import { auditReply, type ReplyAuditReport } from '../rules/reply-profile';
import type { Severity } from '../rules/types';
import { QUEUES, type Desk, type DeskData } from './desk';

/**
 * What the desk needs of whoever shows the team's answers (the card's thread in Slack, provided in
 * main.ts); their messages are drawn by the incoming side's ThreadPublisher (desk.threads).
 */
export interface AnswerThreads {
  /** Posts the answer in its card's thread, or brings its thread message up to date (its state, its link on X). */
  showAnswer(answerId: number): Promise<void>;
  /** Posts the one reminder that a conversation has waited for an answer since `since`. */
  nudge(welcomeId: number, since: Date): Promise<void>;
}

export type { AnswerClosed };
export type WayOpen = { open: true } | { open: false; why: AnswerClosed };
export type AnswerWays = Record<AnswerVia, WayOpen>;

const closed = (why: AnswerClosed): WayOpen => ({ open: false, why });
const OPEN: WayOpen = { open: true };

/**
 * The ways open to answer one of their messages. A DM when they wrote by DM, or wrote first (X
 * allows a DM after the person writes) — never to someone who asked to stop, and never where the
 * account's settings forbid it; a public reply to their post, once per post.
 */
export function answerWays(
  ctx: { message: ConversationMessageRow; follower: FollowerRow; account: XAccountRow },
  replyTaken: boolean,
): AnswerWays {
  const { message, follower, account } = ctx;
  if (account.sendMode === 'manual') return { dm: closed('manual-send-mode'), reply: closed('manual-send-mode') };
  const wroteDm = message.via === 'dm' || engagementOf(follower).sentDm;
  const wroteFirst = follower.engagedFirstAt !== null;
  const profile = follower.profile as FollowerProfile | null;
  const dm: WayOpen =
    follower.doNotContactAt !== null
      ? closed('do-not-contact')
      : account.kind === 'personal'
        ? closed('personal-account')
        : account.dmPolicy === 'off'
          ? closed('dm-off')
          : !wroteDm && profile?.receivesYourDm === false
            ? closed('dm-closed')
            : account.dmPolicy === 'engaged-only' && !wroteDm && !wroteFirst
              ? closed('not-written-first')
              : OPEN;
  const reply: WayOpen = message.via === 'dm' || !message.xId ? closed('not-a-post') : replyTaken ? closed('already-replied') : OPEN;
  return { dm, reply };
}

/** Whether the account already answers this post publicly: an answer (other than `except`), or the welcome itself as a reply to it. */
async function replyTaken(desk: Pick<Desk, 'db'>, ctx: { message: ConversationMessageRow; follower: FollowerRow; welcome: WelcomeRow }, except?: number): Promise<boolean> {
  const { message, follower, welcome } = ctx;
  if (message.via === 'dm' || !message.xId) return false;
  const welcomeReplied = welcome.channel === 'mention' && ['approved', 'sending', 'sent'].includes(welcome.status) && follower.engagedPostId === message.xId;
  if (welcomeReplied) return true;
  const answer = await publicReplyTo(desk.db, message.accountId, message.xId);
  return answer !== undefined && answer.id !== except;
}

/** The way the modal proposes first: the way they wrote, when it is open. */
export function preferredWay(message: ConversationMessageRow, ways: AnswerWays): AnswerVia | null {
  const theirs: AnswerVia = message.via === 'dm' ? 'dm' : 'reply';
  if (ways[theirs].open) return theirs;
  const other: AnswerVia = theirs === 'dm' ? 'reply' : 'dm';
  return ways[other].open ? other : null;
}

/** What the Reply… modal needs: the message, its card, and the ways open. */
/** A message of theirs, and the ways open to answer it. */
export interface AnswerChoices {
  ctx: MessageContext;
  ways: AnswerWays;
}

export async function answerChoices(desk: Pick<Desk, 'db'>, messageId: number): Promise<AnswerChoices | undefined> {
  const ctx = await getMessageContext(desk.db, messageId);
  if (ctx?.message.direction !== 'in') return undefined;
  return { ctx, ways: answerWays(ctx, await replyTaken(desk, ctx)) };
}

/** The audit of an answer with the account's domains, kind and rule switches. */
export function auditAnswer(account: XAccountRow, via: AnswerVia, text: string): ReplyAuditReport {
  return auditReply({ text, via, ownDomains: account.ownDomains, accountKind: account.kind, overrides: account.ruleOverrides as Record<string, Severity | 'off'> });
}

export type AnswerOutcome =
  | { ok: true; answer: ConversationMessageRow }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'closed'; why: AnswerClosed }
  /** Whoever wrote the answer cannot be its only approver (FOUR_EYES). */
  | { ok: false; reason: 'four-eyes' }
  | { ok: false; reason: 'audit-failed'; report: ReplyAuditReport }
  /** Warnings the teammate has not seen yet: the modal shows them, and a second submit sends. */
  | { ok: false; reason: 'warnings'; report: ReplyAuditReport }
  | { ok: false; reason: 'already-answered'; status: AnswerStatus | 'no-answer-needed'; by: string | null; at: Date | null };

const alreadyAnswered = (row: ConversationMessageRow): AnswerOutcome => ({
  ok: false,
  reason: 'already-answered',
  status: row.status ?? 'no-answer-needed',
  by: row.approvedBy ?? row.writtenBy ?? row.handledBy,
  at: row.approvedAt ?? row.handledAt ?? row.recordedAt,
});

/**
 * A teammate submits an answer to one of their messages. The way must be open, the text must pass
 * the reply audit (an error blocks; warnings need to have been seen), and the message must not have
 * an answer already — checked on the locked row, so three submits at once store one answer. Without
 * FOUR_EYES the submission is the human decision and the answer is approved at once; with it, the
 * answer waits for another teammate's approval in the thread.
 */
export async function writeAnswer(
  desk: DeskData,
  opts: { messageId: number; via: AnswerVia; text: string; userId: string; fourEyes: boolean; warningsSeen: boolean },
): Promise<AnswerOutcome> {
  const choices = await answerChoices(desk, opts.messageId);
  if (!choices) return { ok: false, reason: 'not-found' };
  const way = choices.ways[opts.via];
  if (!way.open) return { ok: false, reason: 'closed', why: way.why };
  const report = auditAnswer(choices.ctx.account, opts.via, opts.text);
  if (report.verdict === 'fail') return { ok: false, reason: 'audit-failed', report };
  if (report.verdict === 'warn' && !opts.warningsSeen) return { ok: false, reason: 'warnings', report };
  const created = await createAnswer(desk.db, {
    incomingId: opts.messageId,
    via: opts.via,
    text: opts.text,
    writtenBy: opts.userId,
    approvedAt: opts.fourEyes ? null : desk.now(),
  });
  if (created.ok) return { ok: true, answer: created.answer };
  if (created.reason === 'not-found') return { ok: false, reason: 'not-found' };
  if (created.reason === 'public-reply-exists') return { ok: false, reason: 'closed', why: 'already-replied' };
  return alreadyAnswered(created.existing);
}

/** After the modal closed: an approved answer goes to its send job, and the thread shows it. */
export async function afterAnswerWritten(desk: Pick<Desk, 'db' | 'boss' | 'logger' | 'answers'>, answer: ConversationMessageRow): Promise<void> {
  if (answer.status === 'approved') await queueAnswerSend(desk, answer.id);
  await showAnswer(desk, answer.id);
}

/**
 * Another teammate approves an answer waiting under FOUR_EYES. The way and the audit are checked
 * again at the moment of decision (they may have asked to stop since), then the answer is approved
 * exactly once and queued.
 */
export async function approveAnswer(desk: Pick<Desk, 'db' | 'boss' | 'logger' | 'answers' | 'now'>, opts: { answerId: number; userId: string; fourEyes: boolean }): Promise<AnswerOutcome> {
  const ctx = await getAnswerContext(desk.db, opts.answerId);
  if (!ctx) return { ok: false, reason: 'not-found' };
  if (ctx.answer.status !== 'pending') return alreadyAnswered(ctx.answer);
  if (opts.fourEyes && ctx.answer.writtenBy === opts.userId) {
    await logAnswerEvent(desk.db, ctx.answer, 'answer-refused', opts.userId, { why: 'four-eyes' });
    return { ok: false, reason: 'four-eyes' };
  }
  const via = ctx.answer.via as AnswerVia;
  const message = { ...ctx, message: ctx.incoming };
  const way = answerWays(message, await replyTaken(desk, message, ctx.answer.id))[via];
  if (!way.open) {
    await logAnswerEvent(desk.db, ctx.answer, 'answer-refused', opts.userId, { why: way.why });
    return { ok: false, reason: 'closed', why: way.why };
  }
  const report = auditAnswer(ctx.account, via, ctx.answer.text);
  if (report.verdict === 'fail') {
    await logAnswerEvent(desk.db, ctx.answer, 'answer-refused', opts.userId, { audit: report.findings.map((finding) => finding.ruleId) });
    return { ok: false, reason: 'audit-failed', report };
  }
  const result = await transitionAnswer(desk.db, ctx.answer.id, {
    from: ['pending'],
    to: 'approved',
    type: 'answer-approved',
    actor: opts.userId,
    set: { approvedBy: opts.userId, approvedAt: desk.now() },
    // Under four-eyes the writer never approves, even in a race with their own double click.
    guard: (current) => !opts.fourEyes || current.writtenBy !== opts.userId,
  });
  if (!result.ok) return result.answer ? alreadyAnswered(result.answer) : { ok: false, reason: 'not-found' };
  await queueAnswerSend(desk, ctx.answer.id);
  await showAnswer(desk, ctx.answer.id);
  return { ok: true, answer: result.answer };
}

/** A teammate marks one of their messages as needing no answer; the first decision stands. */
export async function markNoAnswerNeeded(desk: Pick<Desk, 'db' | 'logger' | 'cards' | 'threads' | 'now'>, opts: { messageId: number; userId: string }): Promise<AnswerOutcome> {
  const ctx = await getMessageContext(desk.db, opts.messageId);
  if (ctx?.message.direction !== 'in') return { ok: false, reason: 'not-found' };
  const answer = await liveAnswerTo(desk.db, ctx.message.id);
  if (answer) return alreadyAnswered(answer);
  if (!(await markHandledNoAnswer(desk.db, ctx.message, opts.userId, desk.now()))) {
    const now = await getMessageContext(desk.db, opts.messageId);
    return alreadyAnswered(now!.message);
  }
  await refreshIncoming(desk, ctx.message.id);
  await desk.cards.refresh(ctx.welcome.id);
  return { ok: true, answer: ctx.message };
}

/**
 * Queues the answer's send job: one waiting job per answer and attempt (see queueSend for welcomes:
 * a job left active by a dead process must not hold up the next attempt).
 */
export async function queueAnswerSend(desk: Pick<Desk, 'db' | 'boss'>, answerId: number, startAfter?: Date): Promise<void> {
  const singletonKey = `answer-${answerId}:${await answerAttempts(desk.db, answerId)}`;
  await desk.boss.send(QUEUES.answer, { answerId }, { singletonKey, ...(startAfter ? { startAfter } : {}) });
}

/** The thread is only a picture of the rows: a failure to draw it is logged, never undoes a decision. */
export async function showAnswer(desk: Pick<Desk, 'logger' | 'answers'>, answerId: number): Promise<void> {
  await desk.answers?.showAnswer(answerId).catch((error: unknown) => desk.logger.warn({ answerId, err: message(error) }, 'could not show the answer in its thread'));
}

export async function refreshIncoming(desk: Pick<Desk, 'logger' | 'threads'>, messageId: number): Promise<void> {
  // Their message in the thread (the incoming side draws it) shows who answered, or who said no answer was needed.
  await desk.threads.refresh(messageId).catch((error: unknown) => desk.logger.warn({ messageId, err: message(error) }, 'could not refresh the message in its thread'));
}

const message = (error: unknown) => ({ message: error instanceof Error ? error.message : String(error) });
