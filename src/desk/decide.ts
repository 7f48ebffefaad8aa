import { accountSettings } from '../db/accounts';
import { engagementOf, markEngagedFirst } from '../db/followers';
import type { WelcomeRow } from '../db/schema';
import { auditHistory, draftEditors, draftFor, getWelcomeContext, logWelcomeEvent, primaryChannel, sendAttempts, transitionWelcome, type WelcomeContext } from '../db/welcomes';
import type { Channel, FollowerProfile, SendMode } from '../domain';
import type { AuditReport, Finding, Localized } from '../rules/types';
import { logAuditRun } from '../db/audit-runs';
import { triageFollower } from '../rules/triage';
import { hasWrittenFirst } from '../x/api';
import { auditWelcomeText } from './audit';
import { errorSummary } from './cards';
import { QUEUES, type Desk, type DeskData, type SendDesk } from './desk';

/** What a teammate's click came to, in terms a listener can answer privately. */
export type DecisionOutcome =
  | { ok: true; status: string }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'already-decided'; status: string; by: string | null; at: Date | null }
  /**
   * The house rules say no: `four-eyes` (the approver changed the text), `draft-changing` (an edit
   * landed while approving), `already-template` (the draft to switch to is already the card's), or
   * `channel-closed` with the rule's own reason for that channel.
   */
  | { ok: false; reason: 'not-allowed'; why: 'four-eyes' | 'draft-changing' | 'already-template' }
  | { ok: false; reason: 'not-allowed'; why: 'channel-closed'; explanation: Localized }
  | { ok: false; reason: 'audit-failed'; findings: Finding[] }
  /** The draft was edited by someone else since this teammate's modal opened. */
  | { ok: false; reason: 'draft-changed'; by: string | null; at: Date | null };

const alreadyDecided = (ctx: WelcomeContext | undefined): DecisionOutcome =>
  ctx
    ? { ok: false, reason: 'already-decided', status: ctx.welcome.status, by: ctx.welcome.decidedBy, at: ctx.welcome.decidedAt }
    : { ok: false, reason: 'not-found' };

/**
 * A teammate approves one welcome on one channel. The house rules are checked again here, at the
 * moment of decision — the DM policy with a fresh look at whether the person wrote first — and the
 * text must pass the audit. Then the welcome is approved exactly once and, in API mode, queued to send.
 */
export async function approveWelcome(
  desk: SendDesk,
  opts: { welcomeId: number; channel: Channel; userId: string; fourEyes?: boolean },
): Promise<DecisionOutcome> {
  const ctx = await getWelcomeContext(desk.db, opts.welcomeId);
  if (!ctx) return { ok: false, reason: 'not-found' };
  if (ctx.welcome.status !== 'pending') return alreadyDecided(ctx);
  const lang = ctx.welcome.lang;

  // Everyone who changed the text since the draft, not only the last to save it.
  const editors = opts.fourEyes ? await draftEditors(desk.db, ctx.welcome.id) : [];
  if (editors.includes(opts.userId)) {
    await logWelcomeEvent(desk.db, ctx.welcome.id, 'approval-refused', opts.userId, { channel: opts.channel, why: 'four-eyes' }, desk.now());
    return { ok: false, reason: 'not-allowed', why: 'four-eyes' };
  }

  const availability = await channelAvailability(desk, ctx, opts.channel);
  if (!availability.allowed) {
    await logWelcomeEvent(desk.db, ctx.welcome.id, 'approval-refused', opts.userId, { channel: opts.channel, why: availability.reason.en }, desk.now());
    return { ok: false, reason: 'not-allowed', why: 'channel-closed', explanation: availability.reason };
  }

  // The draft written for the chosen channel, never the other one's.
  const text = draftFor(ctx.welcome, opts.channel);
  const report = auditWelcomeText({
    account: ctx.account,
    profile: ctx.follower.profile as FollowerProfile,
    text,
    channel: opts.channel,
    lang,
    history: await auditHistory(desk.db, ctx.account.id, ctx.follower.id, ctx.welcome.id),
  });
  if (text.trim() === '' || report.verdict === 'fail') {
    await logAudit(desk, 'card', opts.userId, report, ctx);
    await logWelcomeEvent(desk.db, ctx.welcome.id, 'approval-refused', opts.userId, { channel: opts.channel, audit: report.findings.map((f) => f.ruleId) }, desk.now());
    return { ok: false, reason: 'audit-failed', findings: report.findings.filter((finding) => finding.severity === 'error') };
  }

  const result = await transitionWelcome(desk.db, ctx.welcome.id, {
    from: ['pending'],
    to: 'approved',
    type: 'approved',
    actor: opts.userId,
    at: desk.now(),
    // The send mode is kept on the welcome: approved for manual sending, it stays manual whatever the account's mode becomes.
    set: { channel: opts.channel, finalText: text, decidedBy: opts.userId, decidedAt: desk.now(), errorKind: null, errorDetail: null, sendMode: sendModeOf(ctx) },
    detail: { channel: opts.channel },
    // What is approved is the text that was audited: an edit landing meanwhile, or by the approver
    // themself under four-eyes, stops it.
    guard: (current) => draftFor(current, opts.channel) === text && current.editedAt?.getTime() === ctx.welcome.editedAt?.getTime(),
  });
  if (!result.ok) {
    await logAudit(desk, 'card', opts.userId, report, ctx);
    const now = await getWelcomeContext(desk.db, ctx.welcome.id);
    if (now?.welcome.status === 'pending') return { ok: false, reason: 'not-allowed', why: 'draft-changing' };
    return alreadyDecided(now);
  }
  // The card first: its statements go ahead of the send job's and of the audit log's, which nobody
  // waits for (with fifty approvals at once, each statement queued is one more the card waits behind).
  await settleAll([
    desk.cards.refresh(ctx.welcome.id),
    result.welcome.sendMode === 'api' ? queueSend(desk, ctx.welcome.id, undefined, result.welcome.attempts) : undefined,
    logAudit(desk, 'card', opts.userId, report, ctx),
  ]);
  return { ok: true, status: 'approved' };
}

/**
 * How an approved welcome leaves: the account's send mode — except a language model's draft, which
 * goes through the API only when the account declared X's approval for AI-generated replies
 * (X's developer guidelines); otherwise a teammate sends it from X.
 */
export function sendModeOf(ctx: Pick<WelcomeContext, 'welcome' | 'account'>): SendMode {
  if (ctx.welcome.draftSource === 'model' && !ctx.account.aiRepliesApproved) return 'manual';
  return ctx.account.sendMode as SendMode;
}

/** The house rules for this channel, with a fresh look at X for the engaged-only DM policy. */
async function channelAvailability(desk: Pick<Desk, 'db' | 'xClient' | 'logger' | 'now'>, ctx: WelcomeContext, channel: Channel) {
  const { follower, account } = ctx;
  const profile = follower.profile as FollowerProfile;
  let { engagedFirst, sentDm } = engagementOf(follower);
  const { doNotContact } = engagementOf(follower);
  if (channel === 'dm' && !sentDm && !doNotContact && account.dmPolicy === 'engaged-only' && account.kind !== 'personal') {
    try {
      const wrote = await hasWrittenFirst(desk.xClient(account), { accountUserId: account.xUserId, followerId: follower.xUserId });
      if (wrote.wrote && wrote.via) {
        // Only a DM from them opens a DM; a mention is recorded for the public reply.
        engagedFirst = true;
        sentDm = wrote.via === 'dm';
        await markEngagedFirst(desk.db, follower.id, wrote.via, wrote.at ? new Date(wrote.at) : desk.now(), wrote.xId);
      }
    } catch (error) {
      desk.logger.warn({ welcomeId: ctx.welcome.id, err: errorSummary(error) }, 'could not check whether the follower wrote first');
    }
  }
  const triage = triageFollower(profile, { account: accountSettings(account), engagedFirst, sentDm, doNotContact, now: desk.now() });
  return channel === 'dm' ? triage.dm : triage.mention;
}

/**
 * Queues the welcome's send job: one waiting job per welcome and attempt. The attempt is in the key
 * because a process killed mid-send leaves its job `active` until pg-boss expires it, and a stately
 * queue cannot start a second job under the same key meanwhile — it would hold up every send behind it.
 */
/** Every audit run counts for the digest's "caught this week". */
/** Waits for every one of them, then throws the first failure, if any: none is left running unobserved. */
async function settleAll(work: ReadonlyArray<Promise<unknown> | undefined>): Promise<void> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

async function logAudit(desk: DeskData, source: 'card' | 'edit', actor: string, report: AuditReport, ctx: WelcomeContext): Promise<void> {
  await logAuditRun(desk.db, {
    source,
    actor,
    verdict: report.verdict,
    ruleIds: report.findings.map((finding) => finding.ruleId),
    accountId: ctx.account.id,
    welcomeId: ctx.welcome.id,
    at: desk.now(),
  });
}

export async function queueSend(desk: Pick<Desk, 'db' | 'boss'>, welcomeId: number, startAfter?: Date, attempts?: number): Promise<void> {
  const singletonKey = `${welcomeId}:${attempts ?? (await sendAttempts(desk.db, welcomeId))}`;
  await desk.boss.send(QUEUES.send, { welcomeId }, { singletonKey, ...(startAfter ? { startAfter } : {}) });
}

export async function skipWelcome(desk: Pick<Desk, 'db' | 'cards' | 'now'>, opts: { welcomeId: number; userId: string }): Promise<DecisionOutcome> {
  const result = await transitionWelcome(desk.db, opts.welcomeId, {
    from: ['pending', 'failed'],
    to: 'skipped',
    type: 'skipped',
    actor: opts.userId,
    at: desk.now(),
    set: { decidedBy: opts.userId, decidedAt: desk.now() },
  });
  if (!result.ok) return alreadyDecided(await getWelcomeContext(desk.db, opts.welcomeId));
  await desk.cards.refresh(opts.welcomeId);
  return { ok: true, status: 'skipped' };
}

type DraftEditRequest = { welcomeId: number; channel: Channel; text: string; userId: string; seenEditedAt?: number | null };

/** A checked edit, to record once the teammate has had their answer: the welcome as read, and the audit run. */
export interface CheckedDraftEdit {
  opts: DraftEditRequest;
  ctx: WelcomeContext;
  report: AuditReport;
}

/**
 * A teammate rewrites the draft. Errors send the text back to the editor; warnings are accepted and
 * shown on the card. Check and record in one go; a modal acks between the two (checkDraftEdit, then
 * recordDraftEdit).
 */
export async function editDraft(desk: DeskData, opts: DraftEditRequest): Promise<DecisionOutcome> {
  const check = await checkDraftEdit(desk, opts);
  if (!check.edit) return check.outcome;
  const recorded = await recordDraftEdit(desk, check.edit);
  return check.outcome.ok ? recorded : check.outcome;
}

/**
 * The edit's validation, reads only: the welcome is still pending, nobody changed the draft since the
 * modal opened, and the text passes the audit. `edit` is there whenever the audit ran: hand it to
 * recordDraftEdit (after the ack), which logs the run and, when the outcome was ok, saves the draft.
 */
export async function checkDraftEdit(desk: Pick<Desk, 'db'>, opts: DraftEditRequest): Promise<{ outcome: DecisionOutcome; edit?: CheckedDraftEdit }> {
  const ctx = await getWelcomeContext(desk.db, opts.welcomeId);
  if (!ctx) return { outcome: { ok: false, reason: 'not-found' } };
  if (ctx.welcome.status !== 'pending') return { outcome: alreadyDecided(ctx) };
  // A save on a draft someone changed since the modal opened would silently undo their edit.
  if (changedSince(opts, ctx.welcome)) return { outcome: draftChanged(ctx.welcome) };
  // An unchanged save is not an edit: it neither makes its author an editor nor logs anything.
  if (opts.text === draftFor(ctx.welcome, opts.channel)) return { outcome: { ok: true, status: 'pending' } };
  const report = auditWelcomeText({
    account: ctx.account,
    profile: ctx.follower.profile as FollowerProfile,
    text: opts.text,
    channel: opts.channel,
    lang: ctx.welcome.lang,
    history: await auditHistory(desk.db, ctx.account.id, ctx.follower.id, ctx.welcome.id),
  });
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  const outcome: DecisionOutcome = errors.length > 0 ? { ok: false, reason: 'audit-failed', findings: errors } : { ok: true, status: 'pending' };
  return { outcome, edit: { opts, ctx, report } };
}

/**
 * Logs the checked edit's audit run and, when it found no error, saves the draft — only if the
 * draft is still the one checked (compare-and-set on its text and edit time): an edit that landed
 * between the check and now wins, and this one comes back `draft-changed`.
 */
export async function recordDraftEdit(desk: DeskData, { opts, ctx, report }: CheckedDraftEdit): Promise<DecisionOutcome> {
  await logAudit(desk, 'edit', opts.userId, report, ctx);
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) return { ok: false, reason: 'audit-failed', findings: errors };
  const result = await transitionWelcome(desk.db, opts.welcomeId, {
    from: ['pending'],
    to: 'pending',
    type: 'edited',
    actor: opts.userId,
    at: desk.now(),
    set: {
      drafts: { ...ctx.welcome.drafts, [opts.channel]: opts.text },
      ...(opts.channel === primaryChannel(ctx.welcome) ? { draftText: opts.text } : {}),
      editedBy: opts.userId,
      editedAt: desk.now(),
    },
    detail: { channel: opts.channel, before: draftFor(ctx.welcome, opts.channel), after: opts.text },
    guard: (current) => draftFor(current, opts.channel) === draftFor(ctx.welcome, opts.channel) && !changedSince(opts, current),
  });
  if (!result.ok) return result.welcome?.status === 'pending' ? draftChanged(result.welcome) : alreadyDecided(await getWelcomeContext(desk.db, opts.welcomeId));
  // The caller refreshes the card once it has answered the modal: Slack gives a submission 3 seconds.
  return { ok: true, status: 'pending' };
}

/** The draft was edited since the teammate's modal opened (when the modal says when that was). */
const changedSince = (opts: DraftEditRequest, current: WelcomeRow) => opts.seenEditedAt !== undefined && (current.editedAt?.getTime() ?? null) !== opts.seenEditedAt;

const draftChanged = (welcome: WelcomeRow): DecisionOutcome => ({ ok: false, reason: 'draft-changed', by: welcome.editedBy, at: welcome.editedAt });

/** After a failure, a teammate sends the same approved text again. */
export async function retryWelcome(desk: Pick<Desk, 'db' | 'boss' | 'cards' | 'now'>, opts: { welcomeId: number; userId: string }): Promise<DecisionOutcome> {
  const result = await transitionWelcome(desk.db, opts.welcomeId, {
    from: ['failed'],
    to: 'approved',
    type: 'retried',
    actor: opts.userId,
    at: desk.now(),
    set: { decidedBy: opts.userId, decidedAt: desk.now(), errorKind: null, errorDetail: null },
  });
  const ctx = await getWelcomeContext(desk.db, opts.welcomeId);
  if (!result.ok) return alreadyDecided(ctx);
  if (result.welcome.sendMode !== 'manual') await queueSend(desk, opts.welcomeId);
  await desk.cards.refresh(opts.welcomeId);
  return { ok: true, status: 'approved' };
}

/** Manual send mode: the teammate sent the approved text in X and says so. */
export async function markSentManually(desk: Pick<Desk, 'db' | 'cards' | 'now'>, opts: { welcomeId: number; userId: string }): Promise<DecisionOutcome> {
  const ctx = await getWelcomeContext(desk.db, opts.welcomeId);
  if (ctx?.welcome.sendMode !== 'manual') return alreadyDecided(ctx);
  const result = await transitionWelcome(desk.db, opts.welcomeId, {
    from: ['approved'],
    to: 'sent',
    type: 'sent-manually',
    actor: opts.userId,
    at: desk.now(),
    set: { sentAt: desk.now(), sendingStartedAt: desk.now() },
  });
  if (!result.ok) return alreadyDecided(await getWelcomeContext(desk.db, opts.welcomeId));
  await desk.cards.refresh(opts.welcomeId);
  return { ok: true, status: 'sent' };
}
