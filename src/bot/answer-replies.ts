// The private answer to a click or a submission on a conversation that did nothing, in the desk's words.
import type { AnswerOutcome } from '../desk/answer';
import type { Lang } from '../domain';
import { t } from '../i18n';
import { escapeMrkdwn } from './blocks/escape';
import { slackDate, userMention } from './blocks/kit';

/**
 * Why an answer, an approval or "no answer needed" did nothing; null when it did something.
 * `inModal`: a modal's error line is plain text, where `<@U…>` and dates are not rendered.
 */
export function answerRefusal(outcome: AnswerOutcome, lang: Lang, inModal = false): string | null {
  if (outcome.ok) return null;
  const words = t(lang).answer;
  switch (outcome.reason) {
    case 'not-found':
      return words.messageGone;
    case 'closed':
      return words.closed[outcome.why];
    case 'four-eyes':
      return words.fourEyes;
    case 'audit-failed':
    case 'warnings': {
      const findings = outcome.report.findings.filter((finding) => outcome.reason === 'warnings' || finding.severity === 'error');
      if (inModal) return [words.auditBlocks, ...findings.map((finding) => `${finding.ruleId}: ${finding.message}`)].join(' · ');
      return [words.auditBlocks, ...findings.map((finding) => `• \`${finding.ruleId}\` ${escapeMrkdwn(finding.message)}`)].join('\n');
    }
    case 'already-answered': {
      const who = outcome.by ? (inModal ? outcome.by : userMention(outcome.by)) : t(lang).replies.theBot;
      const when = outcome.at ? (inModal ? `${outcome.at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : slackDate(outcome.at.toISOString())) : null;
      return words.alreadyAnswered(outcome.status, who, when);
    }
  }
}
