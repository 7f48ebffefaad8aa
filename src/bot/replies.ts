import type { DecisionOutcome } from '../desk/decide';
import type { Lang } from '../domain';
import { escapeMrkdwn } from './blocks/escape';

const STATUS_WORDS: Record<Lang, Record<string, string>> = {
  en: { approved: 'approved', sending: 'being sent', sent: 'sent', failed: 'failed', skipped: 'skipped', expired: 'expired', pending: 'still pending' },
  fr: { approved: 'approuvé', sending: "en cours d'envoi", sent: 'envoyé', failed: 'en échec', skipped: 'passé', expired: 'expiré', pending: 'toujours en attente' },
};

const slackDate = (date: Date) => `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} {time}|${date.toISOString()}>`;

/** The private answer to a click that did nothing, in the desk's language; null when it did something. */
export function refusalText(outcome: DecisionOutcome, lang: Lang): string | null {
  if (outcome.ok) return null;
  const fr = lang === 'fr';
  switch (outcome.reason) {
    case 'not-found':
      return fr ? "Ce message de bienvenue n'existe plus." : 'This welcome no longer exists.';
    case 'already-decided': {
      const status = STATUS_WORDS[lang][outcome.status] ?? outcome.status;
      const who = outcome.by && outcome.by !== 'system' ? `<@${outcome.by}>` : fr ? 'le bot' : 'the bot';
      const when = outcome.at ? ` ${fr ? 'le' : 'at'} ${slackDate(outcome.at)}` : '';
      return fr
        ? `Déjà décidé : ${status} par ${who}${when}. Rien n'a été fait.`
        : `Already decided: ${status} by ${who}${when}. Nothing was done.`;
    }
    case 'not-allowed':
      return escapeMrkdwn(outcome.explanation);
    case 'draft-changed': {
      const who = outcome.by ? `<@${outcome.by}>` : '?';
      const when = outcome.at ? slackDate(outcome.at) : '?';
      return fr ? `Modifié par ${who} le ${when} : relisez la carte. Rien n'a été fait.` : `Changed by ${who} at ${when}: read the card again. Nothing was done.`;
    }
    case 'audit-failed': {
      const lines = outcome.findings.map((finding) => `• \`${finding.ruleId}\` ${escapeMrkdwn(finding.message)}`);
      const head = fr
        ? "Pas envoyé : l'audit bloque ce texte. Modifiez-le avec « Modifier… »."
        : 'Not sent: the audit blocks this text. Change it with “Edit…”.';
      return [head, ...lines].join('\n');
    }
  }
}
