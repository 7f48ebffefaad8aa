import type { WelcomeRuleMeta } from './rule';
import { wholeText } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'one-dm-per-follower',
  severity: 'error',
  needsHistory: true,
  description: {
    fr: 'Un seul message de bienvenue par abonné, DM ou mention, même après un désabonnement.',
    en: 'One welcome per follower, DM or mention, even after an unfollow and re-follow.',
  },
  rationale: {
    fr: "Un deuxième message d'accueil, c'est déjà du spam : l'abonné se sent inondé et se désabonne. Si un seul message ne suffit pas, mieux vaut un lien vers une page qui dit tout.",
    en: 'A second welcome reads as spam and floods the person who just followed you. If one message cannot hold it all, link to a page that does.',
  },
  messages: {
    alreadySent: {
      fr: 'Cet abonné a déjà reçu son message de bienvenue ({channel}, le {sentAt}).',
      en: 'This follower already got their welcome ({channel}, on {sentAt}).',
    },
    alreadySentBy: {
      fr: 'Cet abonné a déjà reçu son message de bienvenue ({channel}, envoyé par {by} le {sentAt}).',
      en: 'This follower already got their welcome ({channel}, sent by {by} on {sentAt}).',
    },
    alreadyApproved: {
      fr: 'Un message de bienvenue ({channel}) est déjà approuvé pour cet abonné et part bientôt.',
      en: 'A welcome ({channel}) is already approved for this follower and on its way.',
    },
    alreadyApprovedBy: {
      fr: 'Un message de bienvenue ({channel}) est déjà approuvé par {by} pour cet abonné et part bientôt.',
      en: 'A welcome ({channel}) is already approved by {by} for this follower and on its way.',
    },
  },
};

const SKIP = {
  fr: "Passez cet abonné : il a eu son message d'accueil.",
  en: 'Skip this follower: they already had their welcome.',
};

export function check(context: AuditContext): RuleFinding[] {
  const previous = context.history?.previousWelcome;
  if (!previous) return [];
  const channel = previous.channel === 'dm' ? 'DM' : 'mention';
  const pending = previous.sentAt === null;
  const messageId = `${pending ? 'alreadyApproved' : 'alreadySent'}${previous.by ? 'By' : ''}`;
  const data: Record<string, string> = { channel };
  if (previous.by) data.by = previous.by;
  if (previous.sentAt) data.sentAt = previous.sentAt.slice(0, 10);
  return [{ messageId, ...wholeText(context.text), data, suggestion: SKIP }];
}
