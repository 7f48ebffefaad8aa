// Finds the links a follower would see in a welcome, including bare domains ("www.shop.com",
// "instagram.com/brand") that X turns into links, and tells which site each one leads to.
import { parse } from 'tldts';

export interface Link {
  start: number;
  end: number;
  /** The link as written. */
  text: string;
  /** Lower-case host name, e.g. "help.brand.com". */
  host: string;
  /** The registrable domain (tldts), e.g. "brand.com"; null for hosts like "localhost". */
  domain: string | null;
}

// A scheme link runs to the next space; a bare one is a host name with a letter TLD, maybe a path.
const CANDIDATE =
  /(?<![\p{L}\p{N}@._\-/])(?:https?:\/\/[^\s<>"«»]+|(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}(?![\p{L}\p{N}@_-])(?::\d{2,5})?(?:[/?#][^\s<>"«»]*)?)/giu;
const SCHEME = /^https?:\/\//i;
const TRAILING_PUNCTUATION = /[.,;:!?'"’»…)\]}]+$/u;

// Country TLDs that are also everyday file extensions: "README.md" or "deploy.sh" in a message is
// not a link unless it looks like one (www., a scheme or a path).
const FILE_LIKE_TLDS = new Set(['md', 'sh', 'py', 'pl', 'rs', 'ps', 'cs', 'ts', 'js', 'so', 'zip', 'mov']);

/** Trims sentence punctuation glued to the end of a link, keeping a ")" that closes one inside it. */
function trimEnd(raw: string): string {
  let text = raw.replace(TRAILING_PUNCTUATION, '');
  const closing = raw.slice(text.length);
  if (closing.startsWith(')') && text.includes('(') && !text.includes(')')) text += ')';
  return text;
}

function hostOf(link: string): string {
  const withoutScheme = link.replace(SCHEME, '');
  const host = withoutScheme.split(/[/?#]/, 1)[0]!.replace(/^[^@]*@/, '').replace(/:\d+$/, '');
  return host.toLowerCase().replace(/\.$/, '');
}

function isBareLinkPlausible(text: string, host: string, suffix: string): boolean {
  if (host.startsWith('www.') || /[/?#]/.test(text)) return true;
  if (FILE_LIKE_TLDS.has(suffix)) return false;
  // "ASP.NET", "VB.NET": a product name in capitals, one dot, no path. Addresses are written in
  // lower case ("brand.com", "Brand.com"); X would link it, but nobody reading it sees an address.
  if (!/\p{Ll}/u.test(text) && text.split('.').length === 2) return false;
  // "Thanks for the follow.Today we…": a missing space, not a domain.
  const tld = text.slice(text.length - suffix.length);
  return !(tld[0] !== tld[0]!.toLowerCase() && text[0] === text[0]!.toLowerCase());
}

// "${user.name}", "{{ contact.site }}", "%user.url%", "`user.name`": a template field's or a code
// name is not an address, even with a dot in it.
const PLACEHOLDER_OPEN = /(?:\$?\{\{?|%%?|`)\s*$/u;
const PLACEHOLDER_CLOSE = /^\s*(?:\}\}?|%%?|`)/u;

function insidePlaceholder(text: string, start: number, end: number): boolean {
  return PLACEHOLDER_OPEN.test(text.slice(Math.max(0, start - 4), start)) && PLACEHOLDER_CLOSE.test(text.slice(end, end + 4));
}

// Code quoted between backticks ("`items.map(fn)`"): a name with a dot in it, not an address, unless written with its scheme.
const CODE_SPAN = /`[^`\n]+`/gu;

function scan(text: string): Link[] {
  const links: Link[] = [];
  const code = text.includes('`') ? [...text.matchAll(CODE_SPAN)].map((span) => [span.index, span.index + span[0].length] as const) : [];
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const written = trimEnd(match[0]);
    if (insidePlaceholder(text, match.index, match.index + written.length)) continue;
    const host = hostOf(written);
    if (host === '') continue;
    const parsed = parse(host);
    if (!SCHEME.test(written)) {
      if (code.some(([from, to]) => match.index >= from && match.index < to)) continue;
      if (!parsed.isIcann || parsed.domain === null) continue;
      if (!isBareLinkPlausible(written.split(/[/?#:]/, 1)[0]!, host, parsed.publicSuffix ?? '')) continue;
    }
    links.push({ start: match.index, end: match.index + written.length, text: written, host, domain: parsed.domain });
  }
  return links;
}

let lastText: string | null = null;
let lastLinks: Link[] = [];

/** The links in a text, in order; cached for the text last scanned, since several rules ask. */
export function extractLinks(text: string): readonly Link[] {
  if (text !== lastText) {
    lastLinks = scan(text);
    lastText = text;
  }
  return lastLinks;
}

/** "https://www.Brand.com/" → "brand.com": how teams write their domains, made comparable. */
export function normalizeDomain(domain: string): string {
  return hostOf(domain.trim()).replace(/^www\./, '');
}

/** Whether a host is one of these domains or a subdomain of one. */
export function isHostUnder(host: string, domains: readonly string[]): boolean {
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
