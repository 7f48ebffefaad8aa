import { extractLinks } from './links';
import type { WelcomeRuleMeta } from './rule';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'max-one-link',
  severity: 'error',
  description: {
    fr: 'Un lien au plus, adresses nues comprises (www.boutique.fr).',
    en: 'At most one link, bare domains such as www.shop.com included.',
  },
  rationale: {
    fr: "Plusieurs liens vers des endroits différents embrouillent la personne et sentent le spam. Un seul lien, vers la page la plus utile de votre site ; si tout ne tient pas, faites une page qui rassemble le reste.",
    en: 'Several links to different places confuse people and look like spam. Give one link, to the most useful page of your own site; if more is needed, make one page that gathers it.',
  },
  messages: {
    extraLink: {
      fr: 'Lien n° {position} : un message de bienvenue ne doit porter qu’un seul lien ({count} trouvés).',
      en: 'Link #{position}: a welcome should carry one link at most ({count} found).',
    },
  },
};

const SUGGESTION = {
  fr: 'Gardez le lien le plus utile et retirez les autres.',
  en: 'Keep the single most useful link and drop the others.',
};

export function check(context: AuditContext): RuleFinding[] {
  const links = extractLinks(context.text);
  if (links.length <= 1) return [];
  return links.slice(1).map((link, index) => ({
    messageId: 'extraLink',
    start: link.start,
    end: link.end,
    data: { position: index + 2, count: links.length },
    suggestion: SUGGESTION,
  }));
}
