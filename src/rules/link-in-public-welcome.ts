import { extractLinks } from './links';
import type { WelcomeRuleMeta } from './rule';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'link-in-public-welcome',
  severity: 'warning',
  description: {
    fr: 'Un accueil public se passe de lien ; le lien a sa place en message privé.',
    en: 'A public welcome does without a link; the link belongs in a DM.',
  },
  rationale: {
    fr: "Sur le fil du compte, un lien fait d'un mot d'accueil une publicité, et X facture une publication avec lien bien plus cher (0,200 $ au lieu de 0,015 $). Un mot public personnel suffit ; le lien ira dans un message privé, si la personne vous écrit.",
    en: 'On the account’s timeline a link turns a welcome into promotion, and X bills a post with a link far more ($0.200 instead of $0.015). A personal public word is enough; the link can go in a DM, if they write to you.',
  },
  messages: {
    linkInPost: {
      fr: 'Lien dans un accueil public : il se lit comme une publicité et X facture la publication 0,200 $ au lieu de 0,015 $.',
      en: 'Link in a public welcome: it reads as promotion, and X bills the post $0.200 instead of $0.015.',
    },
  },
};

const SUGGESTION = {
  fr: 'Retirez le lien de l’accueil public.',
  en: 'Drop the link from the public welcome.',
};

export function check(context: AuditContext): RuleFinding[] {
  if (context.kind !== 'mention') return [];
  return extractLinks(context.text).map((link) => ({ messageId: 'linkInPost', start: link.start, end: link.end, suggestion: SUGGESTION }));
}
