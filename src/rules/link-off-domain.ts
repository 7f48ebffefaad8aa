import { parse } from 'tldts';
import { extractLinks, isHostUnder, normalizeDomain } from './links';
import type { Link } from './links';
import type { WelcomeRuleMeta } from './rule';
import type { AuditContext, Localized, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'link-off-domain',
  severity: 'error',
  description: {
    fr: "Un lien doit mener au site de l'équipe (ses sous-domaines compris) : ni sosie, ni raccourcisseur.",
    en: "A link must lead to the team's own site (subdomains included): no lookalikes, no shorteners.",
  },
  rationale: {
    fr: "Le seul lien utile dans un accueil mène à votre propre site : un article, une aide, une ressource. Ailleurs, vous envoyez la personne loin de vous ; un raccourcisseur cache la destination, et un domaine sosie ressemble à de l'hameçonnage.",
    en: 'The one useful link in a welcome goes to your own site: an article, help, a resource. Anywhere else sends people away; a shortener hides where it leads, and a lookalike domain reads as phishing.',
  },
  messages: {
    offDomain: {
      fr: "{host} ne fait pas partie des domaines de l'équipe ({own}).",
      en: "{host} is not one of the team's domains ({own}).",
    },
    lookalike: {
      fr: "{host} ressemble à {own} mais n'est pas un domaine de l'équipe.",
      en: "{host} looks like {own} but is not one of the team's domains.",
    },
    shortener: {
      fr: "{host} est un raccourcisseur de liens : l'abonné ne voit pas où il mène.",
      en: '{host} is a link shortener: the follower cannot see where it leads.',
    },
    noOwnDomains: {
      fr: "{host} : les domaines de l'équipe ne sont pas renseignés, impossible de vérifier que ce lien est le vôtre.",
      en: "{host}: the team's own domains are not set, so this link cannot be shown to be yours.",
    },
  },
};

// Public shorteners, social networks' own included: they hide the destination from the follower.
const SHORTENERS = new Set([
  'bit.ly', 'bitly.com', 't.co', 'tinyurl.com', 'ow.ly', 'buff.ly', 'goo.gl', 'is.gd', 'v.gd', 'lnkd.in',
  'rebrand.ly', 'cutt.ly', 'shorturl.at', 'tiny.cc', 'bl.ink', 't.ly', 's.id', 'rb.gy', 'dlvr.it',
  'fb.me', 'amzn.to', 'youtu.be', 'trib.al', 'shorte.st', 'adf.ly', 'soo.gd', 'clck.ru', 'qr.ae',
  'linktr.ee', 'lnk.to', 'hubs.ly', 'hubs.la', 'short.gy', 'tr.im', 'x.co', 'po.st', 'mcaf.ee', 'spr.ly',
]);

const SUGGESTIONS: Record<string, Localized> = {
  offDomain: { fr: 'Mettez plutôt un lien vers une page de votre site ({own}).', en: 'Link to a page on your own site ({own}) instead.' },
  lookalike: {
    fr: "Si {host} est à vous, ajoutez-le aux domaines de l'équipe ; sinon, liez vers {own}.",
    en: "If {host} is yours, add it to the team's domains; otherwise link to {own}.",
  },
  shortener: { fr: "Écrivez l'adresse complète de la page, sur votre site.", en: 'Write the full address of the page, on your own site.' },
  noOwnDomains: {
    fr: "Renseignez les domaines de l'équipe (OWN_DOMAINS, ou --domain en ligne de commande).",
    en: "Set the team's domains (OWN_DOMAINS, or --domain on the command line).",
  },
};

const squash = (label: string): string => label.replace(/[^\p{L}\p{N}]/gu, '');

/** At most one edit apart (substitution, insertion or deletion): "brnad" for "brand". */
function nearlyEqual(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}

interface OwnDomain {
  domain: string;
  label: string;
  suffix: string;
}

/** Whether this host imitates an own domain: brand.com.evil.com, brand-com.net, brand.co, brnad.com. */
function imitates(host: string, label: string, own: OwnDomain): boolean {
  if (host.includes(own.domain)) return true;
  if (own.label.length < 4) return false;
  const squashed = squash(label);
  return (
    squashed === own.label ||
    squashed === own.label + own.suffix ||
    label.startsWith(`${own.label}-`) ||
    (own.label.length >= 5 && nearlyEqual(squashed, own.label))
  );
}

function classify(link: Link, owns: readonly OwnDomain[]): { messageId: string; own: string } | null {
  const domains = owns.map((own) => own.domain);
  if (isHostUnder(link.host, domains)) return null;
  if (SHORTENERS.has(link.host) || (link.domain !== null && SHORTENERS.has(link.domain))) return { messageId: 'shortener', own: domains.join(', ') };
  if (owns.length === 0) return { messageId: 'noOwnDomains', own: '' };
  const label = parse(link.host).domainWithoutSuffix ?? link.host;
  const imitated = owns.find((own) => imitates(link.host, label, own));
  if (imitated) return { messageId: 'lookalike', own: imitated.domain };
  return { messageId: 'offDomain', own: domains.join(', ') };
}

export function check(context: AuditContext): RuleFinding[] {
  const owns = context.ownDomains
    .map(normalizeDomain)
    .filter(Boolean)
    .map((domain): OwnDomain => {
      const parsed = parse(domain);
      return { domain, label: squash(parsed.domainWithoutSuffix ?? domain), suffix: squash(parsed.publicSuffix ?? '') };
    });
  const findings: RuleFinding[] = [];
  for (const link of extractLinks(context.text)) {
    const verdict = classify(link, owns);
    if (verdict === null) continue;
    findings.push({
      messageId: verdict.messageId,
      start: link.start,
      end: link.end,
      data: { host: link.host, own: verdict.own },
      suggestion: SUGGESTIONS[verdict.messageId],
    });
  }
  return findings;
}
