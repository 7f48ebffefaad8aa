// Numbers, plurals, dates and lists in the desk's language, through the runtime's own Intl data:
// no library to keep in step with CLDR, and French rules (0 and 1 are singular) come for free.
import type { Lang } from '../domain';

const LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR' };

// Intl objects are costly to build and safe to share: one per language and set of options.
const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** 12345 → "12,345" in English, "12 345" (narrow no-break space) in French. */
export function formatNumber(lang: Lang, n: number, options: Intl.NumberFormatOptions = {}): string {
  return cached(`n:${lang}:${JSON.stringify(options)}`, () => new Intl.NumberFormat(LOCALE[lang], options)).format(n);
}

/** 0.42 → "42%" in English, "42 %" in French. */
export const formatPercent = (lang: Lang, ratio: number): string => formatNumber(lang, ratio, { style: 'percent', maximumFractionDigits: 0 });

/** Forms of a counted word; `#` stands for the number, written in the language's way. */
export interface PluralForms {
  one: string;
  other: string;
}

/**
 * The form the language's plural rule asks for: `plural('fr', 0, { one: '# carte', other: '# cartes' })`
 * is "0 carte", `plural('en', 0, { one: '# card', other: '# cards' })` is "0 cards".
 */
export function plural(lang: Lang, n: number, forms: PluralForms): string {
  const rule = cached(`p:${lang}`, () => new Intl.PluralRules(LOCALE[lang])).select(n);
  const form = rule === 'one' ? forms.one : forms.other;
  return form.replaceAll('#', formatNumber(lang, n));
}

/** A date or time in the language's order and words; pass `timeZone` whenever the reader's zone matters. */
export function formatDate(lang: Lang, date: Date, options: Intl.DateTimeFormatOptions): string {
  return cached(`d:${lang}:${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(LOCALE[lang], options)).format(date);
}

/** ["a", "b", "c"] → "a, b, and c" in English, "a, b et c" in French. */
export function formatList(lang: Lang, items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return cached(`l:${lang}:${type}`, () => new Intl.ListFormat(LOCALE[lang], { style: 'long', type })).format(items);
}
