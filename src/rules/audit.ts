// Runs every rule on one welcome and turns what they report into a report a teammate can read.
import type { Lang } from '../domain';
import { formatNumber } from '../i18n/format';
import { rules } from './index';
import { detectLanguage } from './lang';
import type { WelcomeRule } from './rule';
import type { AuditContext, AuditInput, AuditReport, Finding, Localized, RuleFinding, Severity, Verdict } from './types';

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills a rule's {placeholders}; numbers are written in the language's way (10,000 / 10 000). */
function interpolate(template: string, data: RuleFinding['data'], lang: Lang): string {
  if (!data) return template;
  const show = (value: string | number) => (typeof value === 'number' ? formatNumber(lang, value) : value);
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in data ? show(data[name]!) : whole));
}

function resolve(rule: WelcomeRule, finding: RuleFinding, lang: Lang, severity: Severity): Finding {
  const message: Localized | undefined = rule.meta.messages[finding.messageId];
  if (!message) throw new Error(`Rule ${rule.meta.id} reported unknown message id "${finding.messageId}"`);
  const resolved: Finding = {
    ruleId: rule.meta.id,
    severity,
    message: interpolate(message[lang], finding.data, lang),
    start: finding.start,
    end: finding.end,
  };
  if (finding.suggestion) resolved.suggestion = interpolate(finding.suggestion[lang], finding.data, lang);
  return resolved;
}

function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((finding) => finding.severity === 'error')) return 'fail';
  if (findings.some((finding) => finding.severity === 'warning')) return 'warn';
  return 'pass';
}

const byPosition = (a: Finding, b: Finding): number => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/**
 * Audits one welcome: every rule that applies, its findings in the report's language, and a verdict.
 * `only` narrows the rules to a profile (an answer in a conversation runs fewer: ./reply-profile.ts).
 */
export function auditMessage(input: AuditInput, only?: ReadonlySet<string>): AuditReport {
  const lang: Lang = input.lang ?? detectLanguage(input.text) ?? 'en';
  const context: AuditContext = {
    text: input.text,
    kind: input.kind ?? 'dm',
    lang,
    ownDomains: input.ownDomains ?? [],
    accountKind: input.accountKind ?? 'business',
  };
  if (input.follower) context.follower = input.follower;
  if (input.history) context.history = input.history;
  if (input.answering) context.answering = true;

  const findings: Finding[] = [];
  const skipped: string[] = [];
  for (const rule of rules) {
    if (only && !only.has(rule.meta.id)) continue;
    const override = input.overrides?.[rule.meta.id];
    if (override === 'off') continue;
    if (rule.meta.needsHistory && !input.history) {
      skipped.push(rule.meta.id);
      continue;
    }
    if (rule.meta.needsFollower && !input.follower?.handle?.replace(/^@/, '')) {
      // Said only where the rule would have run: a rule about mentions checks nothing on a DM anyway.
      if (rule.meta.onlyFor === undefined || rule.meta.onlyFor === context.kind) skipped.push(rule.meta.id);
      continue;
    }
    for (const finding of rule.check(context)) {
      const severity = override ?? rule.meta.messageSeverity?.[finding.messageId] ?? rule.meta.severity;
      findings.push(resolve(rule, finding, lang, severity));
    }
  }
  findings.sort(byPosition);
  return { verdict: verdictOf(findings), lang, kind: context.kind, findings, skipped };
}
