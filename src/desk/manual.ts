// What a teammate starts by hand rather than the follower poll: an audit of a text they paste or
// point at, and a welcome for someone they name by @handle. Same rules as the automatic path.
import { logAuditRun, type AuditSource } from '../db/audit-runs';
import type { XAccountRow } from '../db/schema';
import { logWelcomeEvent } from '../db/welcomes';
import type { AccountKind, Channel, Lang, XFailure } from '../domain';
import { auditMessage } from '../rules/audit';
import { detectLanguage } from '../rules/lang';
import type { AuditReport, Severity, Verdict } from '../rules/types';
import { lookupUserByHandle, XApiError } from '../x/api';
import { errorSummary } from './cards';
import type { Desk, NoticeDesk } from './desk';
import { followerHistoryByXId, X_HANDLE, type FollowerHistory } from './history';
import { noticeFollower } from './notice';
import { listAccounts } from '../db/accounts';
import { withSecondOpinion } from './model-draft';

/**
 * The account a teammate's command speaks for: the one whose desk channel they typed it in, else
 * the first (the environment's own). Removed accounts are never used.
 */
export async function accountFor(desk: Pick<Desk, 'db'>, slackChannelId?: string): Promise<XAccountRow | undefined> {
  const accounts = await listAccounts(desk.db);
  return accounts.find((account) => account.slackChannelId === slackChannelId) ?? accounts[0];
}

/** How the same text would fare as a public mention, when that differs from the DM verdict. */
export interface MentionComparison {
  verdict: Verdict;
  /** Rules that fire on the mention and not on the DM (too-long, multiple-mentions…). */
  extraRuleIds: string[];
}

export interface HandAudit {
  report: AuditReport;
  /** Only for a DM audit, and only when the mention's verdict or rules differ. */
  asMention: MentionComparison | null;
}

/** The settings of the account a hand audit speaks for: read once, carried by the audit form until it is submitted. */
export interface HandAuditSettings {
  accountId: number | null;
  ownDomains: string[];
  accountKind: AccountKind;
  ruleOverrides: Record<string, Severity | 'off'>;
}

/** The settings of the account this channel serves (the first account's elsewhere; none at all gives the defaults). */
export async function handAuditSettings(desk: Pick<Desk, 'db'>, slackChannelId?: string): Promise<HandAuditSettings> {
  const account = await accountFor(desk, slackChannelId);
  return {
    accountId: account?.id ?? null,
    ownDomains: account?.ownDomains ?? [],
    accountKind: account?.kind ?? 'business',
    ruleOverrides: (account?.ruleOverrides ?? {}) as Record<string, Severity | 'off'>,
  };
}

/**
 * Audits a text a teammate brought, with an account's settings (own domains, kind, rule switches) and
 * no follower or history: the history rules are skipped, and the report says so. The language is
 * the text's own; `fallbackLang` (the desk's) when the text is too short to tell. Pure.
 */
export function auditTextByHand(settings: HandAuditSettings, opts: { text: string; kind: Channel; fallbackLang: Lang }): HandAudit {
  const audit = (kind: Channel) =>
    auditMessage({
      text: opts.text,
      kind,
      lang: detectLanguage(opts.text) ?? opts.fallbackLang,
      ownDomains: settings.ownDomains,
      accountKind: settings.accountKind,
      overrides: settings.ruleOverrides,
    });
  const report = audit(opts.kind);
  let asMention: MentionComparison | null = null;
  if (opts.kind === 'dm') {
    const mention = audit('mention');
    const dmRules = new Set(report.findings.map((finding) => finding.ruleId));
    const extraRuleIds = [...new Set(mention.findings.map((finding) => finding.ruleId).filter((id) => !dmRules.has(id)))];
    if (mention.verdict !== report.verdict || extraRuleIds.length > 0) asMention = { verdict: mention.verdict, extraRuleIds };
  }
  return { report, asMention };
}

type HandSource = Extract<AuditSource, 'slash' | 'modal' | 'shortcut'>;

/** Every hand audit is logged for the digest; a failure to log is only a warning. */
export async function logHandAudit(desk: Pick<Desk, 'db' | 'logger'>, run: { source: HandSource; actor: string; report: AuditReport; accountId: number | null }): Promise<void> {
  try {
    await logAuditRun(desk.db, {
      source: run.source,
      actor: run.actor,
      verdict: run.report.verdict,
      ruleIds: run.report.findings.map((finding) => finding.ruleId),
      accountId: run.accountId,
    });
  } catch (error) {
    // The teammate still gets the report; only the digest's count is short by one.
    desk.logger.warn({ err: errorSummary(error), source: run.source }, 'could not log the audit run');
  }
}

/** A hand audit from start to end: the account's settings, the audit, the log. */
export async function auditByHand(
  desk: Pick<Desk, 'db' | 'logger' | 'model'>,
  opts: { text: string; kind: Channel; source: HandSource; actor: string; slackChannelId?: string; fallbackLang: Lang },
): Promise<HandAudit> {
  const settings = await handAuditSettings(desk, opts.slackChannelId);
  const audit = auditTextByHand(settings, opts);
  // The language model's second opinion, when it is on, on what the rules pass: a warning at most.
  const report = await withSecondOpinion(desk, { text: opts.text, channel: opts.kind, lang: audit.report.lang, report: audit.report });
  await logHandAudit(desk, { source: opts.source, actor: opts.actor, report, accountId: settings.accountId });
  return { ...audit, report };
}

export type ManualWelcomeOutcome =
  | { kind: 'carded'; welcomeId: number; handle: string; slackChannelId: string }
  | { kind: 'already-welcomed'; history: FollowerHistory }
  /** Known to the desk (e.g. already following when it started) but the desk made no card. */
  | { kind: 'known-without-card'; history: FollowerHistory }
  /** Noticed a moment ago by another request (a teammate, the poll): their card is being made. */
  | { kind: 'card-under-way'; handle: string }
  | { kind: 'not-found'; handle: string }
  /** X has suspended the account: it exists, but no welcome can reach it. */
  | { kind: 'suspended'; handle: string }
  /** X failed; `error` is null when the failure was ours, not X's. */
  | { kind: 'x-failed'; handle: string; error: XFailure | null }
  | { kind: 'no-account' };

/**
 * A teammate asks for a welcome card for @handle. X is asked who that is (a handle can change
 * hands; the X user id is what the desk keeps), then the follower is noticed exactly as the poll
 * would: one welcome per follower, ever, so someone already welcomed gets their history instead.
 */
export async function welcomeByHandle(
  desk: NoticeDesk,
  opts: { handle: string; actor: string; slackChannelId?: string },
): Promise<ManualWelcomeOutcome> {
  const account = await accountFor(desk, opts.slackChannelId);
  if (!account) return { kind: 'no-account' };
  const handle = opts.handle.replace(/^@/, '');
  let lookup;
  try {
    lookup = await lookupUserByHandle(desk.xClient(account), handle);
  } catch (error) {
    desk.logger.warn({ handle, err: errorSummary(error) }, 'manual welcome: X lookup failed');
    const failure = error instanceof XApiError ? { kind: error.kind, status: error.status, resetAt: error.resetAt, detail: error.detail, retryable: error.retryable } : null;
    return { kind: 'x-failed', handle, error: failure };
  }
  if (lookup.kind !== 'found') return { kind: lookup.kind, handle };
  const { profile } = lookup;

  const before = await followerHistoryByXId(desk.db, account.id, profile.xUserId);
  if (before?.welcome) return { kind: 'already-welcomed', history: before };
  if (before) return cardUnderWay(before, desk.now()) ? { kind: 'card-under-way', handle: profile.handle } : { kind: 'known-without-card', history: before };

  const welcomeId = await noticeFollower(desk, account, profile, 'manual');
  if (welcomeId !== null) {
    await logWelcomeEvent(desk.db, welcomeId, 'requested-manually', opts.actor, { handle: profile.handle });
    desk.logger.info({ welcomeId, follower: profile.handle, actor: opts.actor }, 'manual welcome: card queued');
    return { kind: 'carded', welcomeId, handle: profile.handle, slackChannelId: account.slackChannelId };
  }
  // Someone else (a teammate, the poll) noticed them at this very moment.
  const after = await followerHistoryByXId(desk.db, account.id, profile.xUserId);
  if (after?.welcome) return { kind: 'already-welcomed', history: after };
  return { kind: 'card-under-way', handle: profile.handle };
}

/** How long noticing a follower may take (an X look-up, the draft) before a follower without a welcome counts as stuck. */
const NOTICING_MS = 5 * 60_000;

/** A follower noticed moments ago whose welcome is not there yet: another request is making their card. */
function cardUnderWay(history: FollowerHistory, now: Date): boolean {
  return history.source !== 'baseline' && now.getTime() - history.firstSeenAt.getTime() < NOTICING_MS;
}

/** Paths of x.com that are pages, not people. */
const NOT_PROFILES = new Set([
  'home', 'explore', 'search', 'i', 'intent', 'messages', 'notifications', 'settings', 'share', 'hashtag',
  'compose', 'login', 'logout', 'signup', 'tos', 'privacy', 'about', 'jobs', 'download', 'account',
]);

// The scheme is optional (Slack shows "x.com/camille" for a link typed that way); "box.com/…" is not x.com.
const PROFILE_LINK = /(?<![\w.-])(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\/([A-Za-z0-9_]{1,15})(?=\/?(?:[?#|>\s)\].,;!]|$))/gi;

/** The handle a teammate typed: "@handle", "handle", or a profile link. Null when it is none of those. */
export function handleFromInput(input: string): string | null {
  const trimmed = input.trim();
  const bare = /^@?([A-Za-z0-9_]{1,15})$/.exec(trimmed);
  if (bare) return bare[1]!;
  // One profile link and nothing else (Slack may wrap it as <https://x.com/handle|x.com/handle>).
  return /\s/.test(trimmed) ? null : profileHandleInText(trimmed);
}

/** The handle of the first X profile link (x.com/handle, twitter.com/handle) in a text; null when none. */
export function profileHandleInText(text: string): string | null {
  for (const match of text.matchAll(PROFILE_LINK)) {
    const handle = match[1]!;
    if (X_HANDLE.test(handle) && !NOT_PROFILES.has(handle.toLowerCase())) return handle;
  }
  return null;
}
