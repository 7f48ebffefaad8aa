// The audit's second reading of a welcome: words, not characters. The folded text (./text) is cut
// into tokens once per message; each word carries its French and English Snowball stems, elisions
// and contractions are undone ("qu'attendez" → "que attendez", "we're" → "we are"), and numbers
// become notations ("20 %", "20 percent" → #pct; "€10", "10 euros" → #money). Rules then match
// small patterns over these tokens, so "abonnez-vous", "abonne-toi" and "s'abonner" are one word.
import { newStemmer } from 'snowball-stemmers';
import { foldText } from './text';
import type { TextRange } from './text';

const english = newStemmer('english');
const french = newStemmer('french');

export interface Token {
  /** The folded word ("abonnez"), a number's digits, or a punctuation mark. */
  word: string;
  /** Snowball stems, or a notation shared by both (#pct, #money, #num, #dur, #code). */
  en: string;
  fr: string;
  /** Range in the original text. */
  start: number;
  end: number;
}

export interface TokenText {
  source: string;
  tokens: Token[];
  /** " word|en|fr word|en|fr ? " — what token patterns run on. */
  rendered: string;
  /** Where each token starts in `rendered`. */
  offsets: number[];
  /** For each registered start test (see `tokenPattern`), the tokens it accepts, in order; built on first use. */
  starts?: number[][];
}

// French elided words, restored: "l'", "qu'", "jusqu'"…
const ELIDED: Record<string, string> = { l: 'le', d: 'de', j: 'je', m: 'me', t: 'te', s: 'se', n: 'ne', c: 'ce', qu: 'que', jusqu: 'jusque', lorsqu: 'lorsque', puisqu: 'puisque' };
// English contractions, restored: "we're", "what's", "I'd", "don't".
const CONTRACTED: Record<string, string> = { s: 'is', re: 'are', ll: 'will', d: 'would', ve: 'have', m: 'am' };

const stemCache = new Map<string, [string, string]>();
function stems(word: string): [string, string] {
  let found = stemCache.get(word);
  if (!found) {
    found = [english.stem(word), french.stem(word)];
    if (stemCache.size < 20_000) stemCache.set(word, found);
  }
  return found;
}

/** The English and French stems of a word as lexicons write it (folded). */
export function stemOf(word: string, lang: 'en' | 'fr'): string {
  return stems(word)[lang === 'en' ? 0 : 1];
}

// Words, numbers (with thousands separators and decimals), currency signs, % and sentence marks.
const PIECE = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|[%€$£¥]|[.?!;:,]+|\n/gu;
const NUMBER = /^\d+$/;
const DURATION = /^\d+(?:h|hr|hrs|j|d|min|mn)$/;
const CODE_SHAPE = /^(?=.*\p{Lu})(?=.*\d)[\p{Lu}\d]{4,}$/u;
// A number glued to its unit: "20pct", "15percent", "10eur", "5bucks".
const GLUED_PERCENT = /^\d+(?:pct|percent|pourcent)$/;
const GLUED_MONEY = /^\d+(?:eur|euros?|usd|dollars?|bucks|balles)$/;
const CURRENCY_WORDS = new Set(['euro', 'euros', 'eur', 'dollar', 'dollars', 'usd', 'gbp', 'balles', 'bucks', 'pounds', 'quid', 'cents']);
const PERCENT_WORDS = new Set(['percent', 'per', 'pourcent', 'pct']);

// A code in capitals without digits is a code when named so: "code BIENVENUE", "coupon: HELLO".
const CODE_WORDS = new Set(['code', 'codes', 'coupon', 'voucher', 'promo']);
const CAPITALS = /^\p{Lu}{4,}$/u;
/** The last word before the punctuation that ends `raw`, unless it is itself in capitals ("CODE BLUE" is a title). */
function lastWord(raw: readonly Token[], source: string): string {
  for (let i = raw.length - 1; i >= 0 && i >= raw.length - 2; i--) {
    const token = raw[i]!;
    if (/\p{L}/u.test(token.word)) return CAPITALS.test(source.slice(token.start, token.end)) ? '' : token.word;
  }
  return '';
}

function word(text: string, start: number, end: number): Token {
  const [en, fr] = stems(text);
  return { word: text, en, fr, start, end };
}

function notation(text: string, kind: string, start: number, end: number): Token {
  return { word: text, en: kind, fr: kind, start, end };
}

function tokenize(source: string): Token[] {
  const fold = foldText(source);
  const text = fold.folded;
  const at = (index: number) => fold.starts[index]!;
  const raw: Token[] = [];
  PIECE.lastIndex = 0;
  for (let match = PIECE.exec(text); match !== null; match = PIECE.exec(text)) {
    const piece = match[0];
    const start = at(match.index);
    const end = at(match.index + piece.length - 1) + 1;
    if (piece === '\n') continue;
    if (/^[.?!;:,]/.test(piece)) {
      raw.push(notation(piece.includes('?') ? '?' : piece.includes('!') ? '!' : piece[0]!, piece.includes('?') ? '?' : piece[0]!, start, end));
      continue;
    }
    if (piece.includes("'")) {
      // Split elisions and contractions, each part keeping its own range.
      const parts = piece.split("'");
      let offset = match.index;
      const first = parts[0]!;
      if (ELIDED[first] !== undefined && parts.length === 2) {
        raw.push(word(ELIDED[first], at(offset), at(offset + first.length) + 1));
        offset += first.length + 1;
        raw.push(word(parts[1]!, at(offset), end));
        continue;
      }
      const last = parts.at(-1)!;
      if (parts.length === 2 && last === 't' && first.endsWith('n')) {
        const base = first === 'can' ? 'can' : first === 'won' ? 'will' : first.slice(0, -1);
        raw.push(word(base, start, at(offset + first.length - 1)), word('not', at(offset + first.length - 1), end));
        continue;
      }
      if (parts.length === 2 && CONTRACTED[last] !== undefined) {
        raw.push(word(first, start, at(offset + first.length)), word(CONTRACTED[last]!, at(offset + first.length), end));
        continue;
      }
      raw.push(word(piece.replace(/'/g, ''), start, end));
      continue;
    }
    if (NUMBER.test(piece)) raw.push(notation(piece, '#num', start, end));
    else if (DURATION.test(piece)) raw.push(notation(piece, '#dur', start, end));
    else if (GLUED_PERCENT.test(piece)) raw.push(notation(piece, '#pct', start, end));
    else if (GLUED_MONEY.test(piece)) raw.push(notation(piece, '#money', start, end));
    else if (CODE_SHAPE.test(source.slice(start, end)) || (CODE_WORDS.has(lastWord(raw, source)) && CAPITALS.test(source.slice(start, end)))) raw.push(notation(piece, '#code', start, end));
    else if (/^[%€$£¥]$/.test(piece)) raw.push(notation(piece, piece === '%' ? '%' : '#cur', start, end));
    else raw.push(word(piece, start, end));
  }
  return joinNotations(raw, source);
}

/** "5,000" → one number; "20 %", "20 percent", "20 pour cent" → #pct; "€ 10", "10 euros" → #money. */
function joinNotations(raw: Token[], source: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    let token = raw[i]!;
    if (token.en === '#num') {
      // Thousands and decimals: "5,000", "9.99", "3 000".
      for (let mark = raw[i + 1], digits = raw[i + 2]; ; mark = raw[i + 1], digits = raw[i + 2]) {
        const glued = mark && digits && (mark.word === ',' || mark.word === '.') && digits.en === '#num' && mark.start === token.end && digits.start === mark.end;
        if (!glued) break;
        token = notation(`${token.word}.${digits.word}`, '#num', token.start, digits.end);
        i += 2;
      }
      while (raw[i + 1]?.en === '#num' && /^\d{3}$/.test(raw[i + 1]!.word) && /^[\s\u00a0\u202f]$/.test(source.slice(token.end, raw[i + 1]!.start))) {
        token = notation(`${token.word}${raw[i + 1]!.word}`, '#num', token.start, raw[i + 1]!.end);
        i += 1;
      }
      const next = raw[i + 1];
      if (next?.word === '%' || (next && PERCENT_WORDS.has(next.word) && next.word !== 'per') || (next?.word === 'per' && raw[i + 2]?.word === 'cent')) {
        const last = next.word === 'per' ? raw[i + 2]! : next;
        tokens.push(notation(token.word, '#pct', token.start, last.end));
        i += next.word === 'per' ? 2 : 1;
        continue;
      }
      if (next?.word === 'pour' && raw[i + 2]?.word === 'cent') {
        tokens.push(notation(token.word, '#pct', token.start, raw[i + 2]!.end));
        i += 2;
        continue;
      }
      if (next && (next.en === '#cur' || CURRENCY_WORDS.has(next.word))) {
        tokens.push(notation(token.word, '#money', token.start, next.end));
        i += 1;
        continue;
      }
      const previous = tokens.at(-1);
      if (previous?.en === '#cur' && previous.end === token.start) {
        tokens[tokens.length - 1] = notation(token.word, '#money', previous.start, token.end);
        continue;
      }
    }
    tokens.push(token);
  }
  return tokens;
}

function render(tokens: readonly Token[]): { rendered: string; offsets: number[] } {
  let rendered = ' ';
  const offsets: number[] = [];
  for (const token of tokens) {
    offsets.push(rendered.length);
    rendered += token.en === token.word && !/[\p{L}\p{N}]/u.test(token.word) ? `${token.word} ` : `${token.word}|${token.en}|${token.fr} `;
  }
  return { rendered, offsets };
}

let last: TokenText | null = null;

/** Tokens of a text; cached for the text last read, since every rule asks. */
export function tokenText(source: string): TokenText {
  if (last === null || last.source !== source) {
    const tokens = tokenize(source);
    last = { source, tokens, ...render(tokens) };
  }
  return last;
}

function tokenAt(offsets: readonly number[], index: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle]! <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

// Where a pattern can start, for every pattern compiled: one inverted index from a token's fields
// (its word, its stems, a notation, a prefix of its word) to the start tests that accept it, so a
// message is looked up once, however many patterns the rules hold.
const startKeys = new Map<string, number[]>();
const startPrefixes = new Map<string, number[]>();
let longestPrefix = 0;
const startTests = new Map<string, number>();

function addKey(map: Map<string, number[]>, key: string, test: number): void {
  const tests = map.get(key);
  if (!tests) map.set(key, [test]);
  else if (!tests.includes(test)) tests.push(test);
}

/** Registers the test of a slot's first words (what the slot's expression can start with); returns its id. */
function startTest(text: string, lang: 'en' | 'fr' | 'any', lexicons: Record<string, readonly string[]>): number {
  const alternatives = text.startsWith('@') ? lexicons[text.slice(1)]! : text.split('|');
  const firsts = alternatives.map((alternative) => phraseParts(alternative)[0]!);
  const identity = `${lang} ${[...new Set(firsts)].sort().join(' ')}`;
  const known = startTests.get(identity);
  if (known !== undefined) return known;
  const test = startTests.size;
  startTests.set(identity, test);
  for (const part of firsts) {
    if (part.startsWith('<') && part.endsWith('>')) addKey(startKeys, `w ${part.slice(1, -1)}`, test);
    else if (part.startsWith('#')) addKey(startKeys, `e ${part}`, test);
    else if (part.startsWith('=')) addKey(startKeys, `w ${part.slice(1)}`, test);
    else if (part.endsWith('*')) {
      addKey(startPrefixes, part.slice(0, -1), test);
      longestPrefix = Math.max(longestPrefix, part.length - 1);
    } else {
      addKey(startKeys, `w ${part}`, test);
      if (lang !== 'fr') addKey(startKeys, `e ${stemOf(part, 'en')}`, test);
      if (lang !== 'en') addKey(startKeys, `f ${stemOf(part, 'fr')}`, test);
    }
  }
  return test;
}

function startIndex(text: TokenText): number[][] {
  if (text.starts && text.starts.length === startTests.size) return text.starts;
  const starts: number[][] = Array.from({ length: startTests.size }, () => []);
  const accept = (tests: readonly number[] | undefined, index: number) => {
    if (tests === undefined) return;
    for (const test of tests) {
      const list = starts[test]!;
      if (list.at(-1) !== index) list.push(index);
    }
  };
  text.tokens.forEach((token, index) => {
    accept(startKeys.get(`w ${token.word}`), index);
    accept(startKeys.get(`e ${token.en}`), index);
    accept(startKeys.get(`f ${token.fr}`), index);
    for (let length = 1; length <= Math.min(longestPrefix, token.word.length); length++) accept(startPrefixes.get(token.word.slice(0, length)), index);
  });
  return (text.starts = starts);
}

/** Every match of token patterns, as ranges of the original text (the first to the last token). */
export function findTokens(source: string, patterns: readonly TokenPattern[]): TextRange[] {
  const text = tokenText(source);
  const found: TextRange[] = [];
  const add = (index: number, length: number, first: number) => {
    const lastToken = text.tokens[tokenAt(text.offsets, index + length - 2)]!;
    found.push({ start: text.tokens[first]!.start, end: lastToken.end });
  };
  for (const pattern of patterns) {
    const { start, sticky, global } = pattern;
    if (start === null) {
      global.lastIndex = 0;
      for (let match = global.exec(text.rendered); match !== null; match = global.exec(text.rendered)) add(match.index, match[0].length, tokenAt(text.offsets, match.index));
      continue;
    }
    // Tried only where its first word can start, and as the global scan would: after a match,
    // from the end of it.
    let from = 0;
    for (const index of startIndex(text)[start]!) {
      if (text.offsets[index]! < from) continue;
      sticky.lastIndex = text.offsets[index]!;
      const match = sticky.exec(text.rendered);
      if (match === null) continue;
      add(match.index, match[0].length, index);
      from = match.index + match[0].length;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// Token patterns. A pattern is written as words separated by spaces:
//   word        the word itself or any word with the same stem (in the pattern's language)
//   a|b|c       one of several; a_b is a phrase of two words inside an alternative
//   =word       that exact word only;  word*  any word that starts so
//   #pct #money #num #dur #code          a notation;   <?> <!> <.> <,> <:>  a punctuation mark
//   x?          an optional slot;  ~3  up to three words in between, within the sentence;
//   ^3          the same, but none of them addressing the reader (you, votre…)
//   +8          up to eight words in between, across sentences ("You're on Insta? We post there…")
//   @NAME       an alternative list given in the lexicons argument

/**
 * The words of a lexicon phrase as the tokenizer writes them: "c_est" → ce est, "don_t" → do not,
 * "qui_t_a" → qui te a, "aujourd_hui" → aujourdhui (a phrase's "_" may stand for an apostrophe).
 * Markers ("=" before the first word, "*" after the last) are kept.
 */
function phraseParts(alternative: string): string[] {
  const parts = alternative.split(/[_ ]/);
  const exact = parts[0]!.startsWith('=');
  if (exact) parts[0] = parts[0]!.slice(1);
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part === 'aujourd' && next === 'hui') {
      words.push('aujourdhui');
      i++;
    } else if (next !== undefined && ELIDED[part] !== undefined) words.push(ELIDED[part]);
    else if (next === 't' && part.endsWith('n') && part.length > 2) {
      words.push(part === 'can' ? 'can' : part === 'won' ? 'will' : part.slice(0, -1), 'not');
      i++;
    } else if (i > 0 && next === undefined && CONTRACTED[part] !== undefined) words.push(CONTRACTED[part]);
    else words.push(part);
  }
  if (exact) words[0] = `=${words[0]}`;
  return words;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const YOU_FORMS = ['you', 'your', 'yours', 'u', 'ur', 'vous', 'votre', 'vos', 'tu', 'ton', 'ta', 'tes', 'toi'];
const gap = (n: number, noYou: boolean): string =>
  noYou ? `(?:(?!(?:${YOU_FORMS.join('|')})\\|)(?![.?!:;] )[^ ]+ ){0,${n}}` : `(?:(?![.?!] )[^ ]+ ){0,${n}}`;

/** One slot: its one-word alternatives grouped by the field they test (one scan of the token per
 * field, however long the list), its phrases spelt out. */
function slot(text: string, lang: 'en' | 'fr' | 'any', lexicons: Record<string, readonly string[]>): string {
  const alternatives = text.startsWith('@') ? lexicons[text.slice(1)] : text.split('|');
  if (!alternatives) throw new Error(`unknown lexicon ${text}`);
  const words = new Set<string>();
  const prefixes = new Set<string>();
  const en = new Set<string>();
  const fr = new Set<string>();
  const marks = new Set<string>();
  const phrases: string[] = [];
  const add = (part: string) => {
    if (part.startsWith('<') && part.endsWith('>')) marks.add(escape(part.slice(1, -1)));
    else if (part.startsWith('#')) en.add(escape(part));
    else if (part.startsWith('=')) words.add(escape(part.slice(1)));
    else if (part.endsWith('*')) prefixes.add(escape(part.slice(0, -1)));
    else {
      words.add(escape(part));
      if (lang !== 'fr') en.add(escape(stemOf(part, 'en')));
      if (lang !== 'en') fr.add(escape(stemOf(part, 'fr')));
    }
  };
  const single = (part: string): string => {
    if (part.startsWith('<') && part.endsWith('>')) return escape(part.slice(1, -1));
    if (part.startsWith('#')) return `[^ |]*\\|${escape(part)}\\|[^ ]*`;
    if (part.startsWith('=')) return `${escape(part.slice(1))}\\|[^ ]*`;
    if (part.endsWith('*')) return `${escape(part.slice(0, -1))}[^ |]*\\|[^ ]*`;
    const forms = [`${escape(part)}\\|[^ ]*`];
    if (lang !== 'fr') forms.push(`[^ |]*\\|${escape(stemOf(part, 'en'))}\\|[^ ]*`);
    if (lang !== 'en') forms.push(`[^ |]*\\|[^ |]*\\|${escape(stemOf(part, 'fr'))}`);
    return `(?:${forms.join('|')})`;
  };
  // Phrases sharing a first word are tried as one: "like_us|like_our" → like (?:us|our).
  const byFirst = new Map<string, string[]>();
  for (const alternative of alternatives) {
    const parts = phraseParts(alternative);
    if (parts.length === 1) {
      add(parts[0]!);
      continue;
    }
    // Only a phrase's first word is stemmed ("subscribe to", "abonnez-vous"); the small words after it are exact.
    const first = `${single(parts[0]!)} `;
    const rest = parts.slice(1).map((part) => `${single(part.startsWith('=') || part.startsWith('#') || part.startsWith('<') || part.endsWith('*') ? part : `=${part}`)} `).join('');
    byFirst.set(first, [...(byFirst.get(first) ?? []), rest]);
  }
  for (const [first, rests] of byFirst) phrases.push(rests.length === 1 ? `${first}${rests[0]}` : `${first}(?:${rests.join('|')})`);
  const group = (set: Set<string>) => (set.size === 1 ? [...set][0]! : `(?:${[...set].join('|')})`);
  const forms: string[] = [];
  if (marks.size > 0) forms.push(`${group(marks)} `);
  if (words.size > 0) forms.push(`${group(words)}\\|[^ ]* `);
  if (prefixes.size > 0) forms.push(`${group(prefixes)}[^ |]*\\|[^ ]* `);
  if (en.size > 0) forms.push(`[^ |]*\\|${group(en)}\\|[^ ]* `);
  if (fr.size > 0) forms.push(`[^ |]*\\|[^ |]*\\|${group(fr)} `);
  return `(?:${[...phrases, ...forms].join('|')})`;
}

/** A compiled token pattern: the expression, and the start test of the tokens where a match can begin. */
export interface TokenPattern {
  global: RegExp;
  sticky: RegExp;
  /** Its start test's id; null when a match can begin anywhere (the pattern opens with an optional slot). */
  start: number | null;
}

/** Compiles token patterns (see above), one expression each over `rendered` (small ones stay in
 * V8's compiled tier; one giant alternation would be interpreted), each tried only at the tokens
 * its first slot accepts. */
export function tokenPattern(patterns: readonly string[], lang: 'en' | 'fr' | 'any', lexicons: Record<string, readonly string[]> = {}): TokenPattern[] {
  return patterns.map((pattern) => {
    const parts = pattern.trim().split(/\s+/);
    const source = parts
      .map((part) => {
        const gapMatch = /^([~^+])(\d+)$/.exec(part);
        if (gapMatch) return gapMatch[1] === '+' ? `(?:[^ ]+ ){0,${gapMatch[2]}}` : gap(Number(gapMatch[2]), gapMatch[1] === '^');
        if (part.length > 1 && part.endsWith('?') && part !== '<?>') return `(?:${slot(part.slice(0, -1), lang, lexicons)})?`;
        return slot(part, lang, lexicons);
      })
      .join('');
    const first = parts[0]!;
    const optional = /^[~^+]\d+$/.test(first) || (first.length > 1 && first.endsWith('?') && first !== '<?>');
    return {
      global: new RegExp(`(?<= )${source}`, 'g'),
      sticky: new RegExp(`(?<= )${source}`, 'y'),
      start: optional ? null : startTest(first, lang, lexicons),
    };
  });
}

/**
 * A quick test, before running a rule's token patterns, that the text holds at least one of the
 * words every one of them needs (a network, a contact channel…): most welcomes hold none.
 */
export function tokenGate(entries: readonly string[]): (source: string) => boolean {
  const exact = new Set<string>();
  const stemmed = new Set<string>();
  const prefixes: string[] = [];
  for (const entry of entries) {
    const first = phraseParts(entry)[0]!;
    if (first.startsWith('=')) exact.add(first.slice(1));
    else if (first.startsWith('#')) stemmed.add(first);
    else if (first.endsWith('*')) prefixes.push(first.slice(0, -1));
    else {
      exact.add(first);
      stemmed.add(stemOf(first, 'en'));
      stemmed.add(stemOf(first, 'fr'));
    }
  }
  return (source) =>
    tokenText(source).tokens.some(
      (token) => exact.has(token.word) || stemmed.has(token.en) || stemmed.has(token.fr) || prefixes.some((prefix) => token.word.startsWith(prefix)),
    );
}
