// What counts as a team's own domain, wherever one is entered (OWN_DOMAINS, App Home, the CLI): a
// registrable domain or a subdomain of one. A public suffix such as co.uk would make every site
// under it "ours", and let off-domain links through the audit.
import { parse } from 'tldts';

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
