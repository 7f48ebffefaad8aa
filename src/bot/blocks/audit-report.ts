// The private answer to an audit a teammate asked for: the verdict, then each finding with its
// severity, rule id, why, where (the offending excerpt, quoted and escaped) and a suggestion.
// Pure: the listeners post it as an ephemeral message or put it in the audit modal.
import type { Lang } from '../../domain';
import { followerRuleIds } from '../../rules/index';
import type { AuditReport, Finding } from '../../rules/types';
import { t as words, type AuditWords } from '../../i18n';
import { escapeMrkdwn } from './escape';
import { context, divider, mrkdwn, mrkdwnSection, type KnownBlock } from './kit';

export interface AuditReportView {
  /** The text that was audited, to quote where each finding sits. */
  text: string;
  report: AuditReport;
  /** The desk's language, for the report's own words (findings come in the text's language). */
  lang: Lang;
  /** For a DM audit, how the same text would fare as a public mention, when that differs. */
  asMention?: { verdict: AuditReport['verdict']; extraRuleIds: string[] } | null;
}

/** Blocks the report itself may use; the caller may add a few around it (the modal adds its inputs). */
const REPORT_MAX_BLOCKS = 45;
const EXCERPT_MAX = 200;
const MESSAGE_MAX = 1000;
const SUGGESTION_MAX = 1000;

export function buildAuditReport(view: AuditReportView, maxBlocks = REPORT_MAX_BLOCKS): { text: string; blocks: KnownBlock[] } {
  const t = words(view.lang).audit;
  const { report } = view;
  const counts = countsOf(report.findings, t);
  const blocks: KnownBlock[] = [mrkdwnSection(verdictLine(view, counts, t))];
  if (view.asMention) {
    const extra = view.asMention.extraRuleIds.map(code).join(', ');
    blocks.push(context([mrkdwn(t.asMention(`${t.verdictIcon[view.asMention.verdict]} ${t.verdict[view.asMention.verdict]}`, extra))], () => ''));
  }
  const footer: KnownBlock[] = [];
  const needFollower = report.skipped.filter((id) => followerRuleIds.has(id));
  const needHistory = report.skipped.filter((id) => !followerRuleIds.has(id));
  if (needHistory.length > 0) footer.push(context([mrkdwn(t.needHistory(words(view.lang).format.list(needHistory.map(code))))], () => ''));
  if (needFollower.length > 0) footer.push(context([mrkdwn(t.needFollower(words(view.lang).format.list(needFollower.map(code))))], () => ''));

  if (report.findings.length === 0) {
    blocks.push(mrkdwnSection(t.noFindings));
  } else {
    blocks.push(divider());
    // Room for every finding that fits, and one line saying how many did not.
    const room = Math.max(1, maxBlocks - blocks.length - footer.length - 1);
    const shown = report.findings.length <= room + 1 ? report.findings : report.findings.slice(0, room);
    for (const finding of shown) blocks.push(mrkdwnSection(findingText(finding, view.text, t)));
    const hidden = report.findings.length - shown.length;
    if (hidden > 0) blocks.push(context([mrkdwn(t.moreFindings(hidden))], () => ''));
  }
  blocks.push(...footer);
  return { text: t.fallback(t.verdict[report.verdict], counts), blocks };
}

function verdictLine(view: AuditReportView, counts: string, t: AuditWords): string {
  const { report } = view;
  const head = `${t.verdictIcon[report.verdict]} *${t.verdict[report.verdict]}*`;
  return `${head} — ${t.auditedAs(t.kindName[report.kind], t.langName[report.lang])}: ${counts}.`;
}

function countsOf(findings: readonly Finding[], t: AuditWords): string {
  const n = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  return t.counts(n('error'), n('warning'), n('info'));
}

/** One finding as mrkdwn: everything that came from the text or the rules' data is escaped. */
export function findingText(finding: Finding, text: string, t: AuditWords): string {
  const lines = [
    `${t.severityIcon[finding.severity]} *${t.severity[finding.severity]}* · ${code(finding.ruleId)}`,
    escapeMrkdwn(finding.message, MESSAGE_MAX),
    `${t.where} ${whereText(finding, text, t)}`,
  ];
  if (finding.suggestion) lines.push(`${t.suggestion} ${escapeMrkdwn(finding.suggestion, SUGGESTION_MAX)}`);
  // Each part is capped, so a finding stays well under a section's 3,000 characters.
  return lines.join('\n');
}

function whereText(finding: Finding, text: string, t: AuditWords): string {
  const start = Math.max(0, Math.min(finding.start, text.length));
  const end = Math.max(start, Math.min(finding.end, text.length));
  if (start === 0 && end >= text.trimEnd().length) return t.wholeText;
  if (end === start) return t.atCharacter(start + 1);
  const excerpt = escapeMrkdwn(text.slice(start, end), EXCERPT_MAX, { singleLine: true });
  return `“${excerpt}” (${t.characters(start + 1, end)})`;
}

/** A rule id, ours and well-formed, as code. */
function code(ruleId: string): string {
  return /^[a-z0-9-]+$/.test(ruleId) ? `\`${ruleId}\`` : escapeMrkdwn(ruleId, 100);
}
