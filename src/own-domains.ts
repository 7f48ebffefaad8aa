// What counts as a team's own domain, wherever one is entered (OWN_DOMAINS, App Home, the CLI): a
// registrable domain or a subdomain of one. A public suffix such as co.uk would make every site
// under it "ours", and let off-domain links through the audit.
import { parse } from 'tldts';
import type { Lang } from './domain';

export type OwnDomainProblem = 'not-a-name' | 'unknown-suffix' | 'public-suffix';

export type OwnDomainCheck = { ok: true; domain: string } | { ok: false; input: string; problem: OwnDomainProblem };

const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** "https://Shop.Brand.com/fr" → shop.brand.com when it is a registrable domain or under one; else why not. */
export function checkOwnDomain(input: string): OwnDomainCheck {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/\.$/, '');
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return { ok: false, input, problem: 'not-a-name' };
  const parsed = parse(host, { allowPrivateDomains: true });
  if (!parsed.isIcann && !parsed.isPrivate) return { ok: false, input, problem: 'unknown-suffix' };
  if (parsed.domain === null || host === parsed.publicSuffix) return { ok: false, input, problem: 'public-suffix' };
  return { ok: true, domain: host };
}

/** Checks a list; the first refusal wins. */
export function checkOwnDomains(inputs: readonly string[]): { ok: true; domains: string[] } | Extract<OwnDomainCheck, { ok: false }> {
  const domains: string[] = [];
  for (const input of inputs) {
    const checked = checkOwnDomain(input);
    if (!checked.ok) return checked;
    domains.push(checked.domain);
  }
  return { ok: true, domains };
}

const REASONS: Record<Lang, Record<OwnDomainProblem, (input: string) => string>> = {
  en: {
    'not-a-name': (d) => `"${d}" is not a domain name: parts between dots are letters, digits and inner hyphens, such as brand.com`,
    'unknown-suffix': (d) => `"${d}" does not end in a known top-level domain such as .com or .fr`,
    'public-suffix': (d) => `"${d}" is a public suffix shared by everyone's sites: give your own domain under it, such as brand.${d.replace(/^\./, '')}`,
  },
  fr: {
    'not-a-name': (d) => `« ${d} » n’est pas un nom de domaine : entre les points, des lettres, des chiffres et des tirets intérieurs, comme marque.fr`,
    'unknown-suffix': (d) => `« ${d} » ne se termine pas par un domaine de premier niveau connu comme .fr ou .com`,
    'public-suffix': (d) => `« ${d} » est un suffixe public, partagé par les sites de tout le monde : donnez votre domaine sous lui, comme marque.${d.replace(/^\./, '')}`,
  },
};

/** Why a domain was refused, in words. */
export function ownDomainRefusal(refused: Extract<OwnDomainCheck, { ok: false }>, lang: Lang = 'en'): string {
  return REASONS[lang][refused.problem](refused.input.trim());
}
