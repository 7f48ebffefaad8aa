import { accountSettings } from '../db/accounts';
import { engagementOf, markEngagedFirst } from '../db/followers';
import type { WelcomeRow } from '../db/schema';
import { auditHistory, draftEditors, draftFor, getWelcomeContext, logWelcomeEvent, primaryChannel, sendAttempts, transitionWelcome, type WelcomeContext } from '../db/welcomes';
import type { Channel, FollowerProfile, SendMode } from '../domain';
import { t } from '../i18n';
import type { AuditReport, Finding } from '../rules/types';
import { logAuditRun } from '../db/audit-runs';
import { triageFollower } from '../rules/triage';
import { hasWrittenFirst } from '../x/api';
import { auditWelcomeText } from './audit';
import { errorSummary } from './cards';
import { QUEUES, type Desk } from './desk';

/** What a teammate's click came to, in terms a listener can answer privately. */
export type DecisionOutcome =
  | { ok: true; status: string }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'already-decided'; status: string; by: string | null; at: Date | null }
  | { ok: false; reason: 'not-allowed'; explanation: string }
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
  desk: Desk,
  opts: { welcomeId: number; channel: Channel; userId: string; fourEyes?: boolean },
): Promise<DecisionOutcome> {
  const ctx = await getWelcomeContext(desk.db, opts.welcomeId);
  if (!ctx) return { ok: false, reason: 'not-found' };
  if (ctx.welcome.status !== 'pending') return alreadyDecided(ctx);
  const lang = ctx.welcome.lang;

  // Everyone who changed the text since the draft, not only the last to save it.
  const editors = opts.fourEyes ? await draftEditors(desk.db, ctx.welcome.id) : [];
  if (editors.includes(opts.userId)) {
    await logWelcomeEvent(desk.db, ctx.welcome.id, 'approval-refused', opts.userId, { channel: opts.channel, why: 'four-eyes' });
    return { ok: false, reason: 'not-allowed', explanation: t(desk.lang).replies.fourEyes };
  }

  const availability = await channelAvailability(desk, ctx, opts.channel);
  if (!availability.allowed) {
    await logWelcomeEvent(desk.db, ctx.welcome.id, 'approval-refused', opts.userId, { channel: opts.channel, why: availability.reason.en });
    return { ok: false, reason: 'not-allowed', explanation: availability.reason[desk.lang] };
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
  await logAudit(desk, 'card', opts.userId, report, ctx);
  if (text.trim() === '' || report.verdict === 'fail') {
    await logWelcomeEvent(desk.db, ctx.welcome.id, 'approval-refused', opts.userId, { channel: opts.channel, audit: report.findings.map((f) => f.ruleId) });
    return { ok: false, reason: 'audit-failed', findings: report.findings.filter((finding) => finding.severity === 'error') };
  }

  const result = await transitionWelcome(desk.db, ctx.welcome.id, {
    from: ['pending'],
    to: 'approved',
    type: 'approved',
    actor: opts.userId,
    // The send mode is kept on the welcome: approved for manual sending, it stays manual whatever the account's mode becomes.
    set: { channel: opts.channel, finalText: text, decidedBy: opts.userId, decidedAt: desk.now(), error: null, sendMode: ctx.account.sendMode as SendMode },
    detail: { channel: opts.channel },
    // What is approved is the text that was audited: an edit landing meanwhile, or by the approver
    // themself under four-eyes, stops it.
    guard: (current) => draftFor(current, opts.channel) === text && current.editedAt?.getTime() === ctx.welcome.editedAt?.getTime(),
  });
  if (!result.ok) {
    const now = await getWelcomeContext(desk.db, ctx.welcome.id);
    if (now?.welcome.status === 'pending') return { ok: false, reason: 'not-allowed', explanation: t(desk.lang).replies.draftChanged };
    return alreadyDecided(now);
  }
  if (result.welcome.sendMode === 'api') await queueSend(desk, ctx.welcome.id);
  await desk.cards.refresh(ctx.welcome.id);
  return { ok: true, status: 'approved' };
}

/** The house rules for this channel, with a fresh look at X for the engaged-only DM policy. */
async function channelAvailability(desk: Desk, ctx: WelcomeContext, channel: Channel) {
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
async function logAudit(desk: Desk, source: 'card' | 'edit', actor: string, report: AuditReport, ctx: WelcomeContext): Promise<void> {
  await logAuditRun(desk.db, {
    source,
    actor,
    verdict: report.verdict,
    ruleIds: report.findings.map((finding) => finding.ruleId),
    accountId: ctx.account.id,
    welcomeId: ctx.welcome.id,
  });
}

export async function queueSend(desk: Desk, welcomeId: number, startAfter?: Date): Promise<void> {
  const singletonKey = `${welcomeId}:${await sendAttempts(desk.db, welcomeId)}`;
  await desk.boss.send(QUEUES.send, { welcomeId }, { singletonKey, ...(startAfter ? { startAfter } : {}) });
}

export async function skipWelcome(desk: Desk, opts: { welcomeId: number; userId: string }): Promise<DecisionOutcome> {
  const result = await transitionWelcome(desk.db, opts.welcomeId, {
    from: ['pending', 'failed'],
    to: 'skipped',
    type: 'skipped',
    actor: opts.userId,
    set: { decidedBy: opts.userId, decidedAt: desk.now() },
  });
  if (!result.ok) return alreadyDecided(await getWelcomeContext(desk.db, opts.welcomeId));
  await desk.cards.refresh(opts.welcomeId);
  return { ok: true, status: 'skipped' };
}

/**
 * A teammate rewrites the draft. Errors send the text back to the editor; warnings are accepted and
 * shown on the card.
 */
export async function editDraft(
  desk: Desk,
  opts: { welcomeId: number; channel: Channel; text: string; userId: string; seenEditedAt?: number | null },
): Promise<DecisionOutcome> {
  const ctx = await getWelcomeContext(desk.db, opts.welcomeId);
  if (!ctx) return { ok: false, reason: 'not-found' };
  if (ctx.welcome.status !== 'pending') return alreadyDecided(ctx);
  // A save on a draft someone changed since the modal opened would silently undo their edit.
  const changedSince = (current: WelcomeRow) => opts.seenEditedAt !== undefined && (current.editedAt?.getTime() ?? null) !== opts.seenEditedAt;
  if (changedSince(ctx.welcome)) return draftChanged(ctx.welcome);
  // An unchanged save is not an edit: it neither makes its author an editor nor logs anything.
  if (opts.text === draftFor(ctx.welcome, opts.channel)) return { ok: true, status: 'pending' };
  const report = auditWelcomeText({
    account: ctx.account,
    profile: ctx.follower.profile as FollowerProfile,
    text: opts.text,
    channel: opts.channel,
    lang: ctx.welcome.lang,
    history: await auditHistory(desk.db, ctx.account.id, ctx.follower.id, ctx.welcome.id),
  });
  await logAudit(desk, 'edit', opts.userId, report, ctx);
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) return { ok: false, reason: 'audit-failed', findings: errors };
  const result = await transitionWelcome(desk.db, opts.welcomeId, {
    from: ['pending'],
    to: 'pending',
    type: 'edited',
    actor: opts.userId,
    set: {
      drafts: { ...ctx.welcome.drafts, [opts.channel]: opts.text },
      ...(opts.channel === primaryChannel(ctx.welcome) ? { draftText: opts.text } : {}),
      editedBy: opts.userId,
      editedAt: desk.now(),
    },
    detail: { channel: opts.channel, before: draftFor(ctx.welcome, opts.channel), after: opts.text },
    guard: (current) => draftFor(current, opts.channel) === draftFor(ctx.welcome, opts.channel) && !changedSince(current),
  });
  if (!result.ok) return result.welcome?.status === 'pending' ? draftChanged(result.welcome) : alreadyDecided(await getWelcomeContext(desk.db, opts.welcomeId));
  // The caller refreshes the card once it has answered the modal: Slack gives a submission 3 seconds.
  return { ok: true, status: 'pending' };
}

const draftChanged = (welcome: WelcomeRow): DecisionOutcome => ({ ok: false, reason: 'draft-changed', by: welcome.editedBy, at: welcome.editedAt });

/** After a failure, a teammate sends the same approved text again. */
export async function retryWelcome(desk: Desk, opts: { welcomeId: number; userId: string }): Promise<DecisionOutcome> {
  const result = await transitionWelcome(desk.db, opts.welcomeId, {
    from: ['failed'],
    to: 'approved',
    type: 'retried',
    actor: opts.userId,
    set: { decidedBy: opts.userId, decidedAt: desk.now(), error: null },
  });
  const ctx = await getWelcomeContext(desk.db, opts.welcomeId);
  if (!result.ok) return alreadyDecided(ctx);
  if (result.welcome.sendMode !== 'manual') await queueSend(desk, opts.welcomeId);
  await desk.cards.refresh(opts.welcomeId);
  return { ok: true, status: 'approved' };
}

/** Manual send mode: the teammate sent the approved text in X and says so. */
export async function markSentManually(desk: Desk, opts: { welcomeId: number; userId: string }): Promise<DecisionOutcome> {
  const ctx = await getWelcomeContext(desk.db, opts.welcomeId);
  if (ctx?.welcome.sendMode !== 'manual') return alreadyDecided(ctx);
  const result = await transitionWelcome(desk.db, opts.welcomeId, {
    from: ['approved'],
    to: 'sent',
    type: 'sent-manually',
    actor: opts.userId,
    set: { sentAt: desk.now(), sendingStartedAt: desk.now() },
  });
  if (!result.ok) return alreadyDecided(await getWelcomeContext(desk.db, opts.welcomeId));
  await desk.cards.refresh(opts.welcomeId);
  return { ok: true, status: 'sent' };
}
