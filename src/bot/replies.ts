import type { ApproverPolicy } from '../config';
import type { Authorization } from '../desk/authorize';
import type { DecisionOutcome } from '../desk/decide';
import type { Lang } from '../domain';
import { t } from '../i18n';
import { escapeMrkdwn } from './blocks/escape';

const slackDate = (date: Date) => `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} {time}|${date.toISOString()}>`;

/** The private answer to a click that did nothing, in the desk's language; null when it did something. */
export function refusalText(outcome: DecisionOutcome, lang: Lang): string | null {
  if (outcome.ok) return null;
  const words = t(lang).replies;
  switch (outcome.reason) {
    case 'not-found':
      return words.welcomeGone;
    case 'already-decided': {
      const status = words.status[outcome.status] ?? outcome.status;
      const who = outcome.by && outcome.by !== 'system' ? `<@${outcome.by}>` : words.theBot;
      return words.alreadyDecided(status, who, outcome.at ? slackDate(outcome.at) : null);
    }
    case 'not-allowed':
      if (outcome.why === 'channel-closed') return escapeMrkdwn(outcome.explanation[lang]);
      if (outcome.why === 'already-template') return escapeMrkdwn(t(lang).model.alreadyTemplate);
      return escapeMrkdwn(outcome.why === 'four-eyes' ? words.fourEyes : words.draftChanged);
    case 'draft-changed': {
      const who = outcome.by ? `<@${outcome.by}>` : '?';
      const when = outcome.at ? slackDate(outcome.at) : '?';
      return words.draftChangedBy(who, when);
    }
    case 'audit-failed': {
      const lines = outcome.findings.map((finding) => `• \`${finding.ruleId}\` ${escapeMrkdwn(finding.message)}`);
      return [words.auditBlocks, ...lines].join('\n');
    }
  }
}

/** The private answer to someone who may not decide. */
export function refusalForUnauthorized(auth: Exclude<Authorization, { allowed: true }>, policy: ApproverPolicy, lang: Lang): string {
  if (auth.why === 'cannot-check') return t(lang).replies.cannotCheckApprovers;
  return t(lang).replies.notAnApprover(policy.kind === 'usergroup' ? 'usergroup' : 'channel');
}
