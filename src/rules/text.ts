// Text helpers shared by the rules: matching that ignores case, accents and typographic quirks,
// while every reported range still points into the text the teammate wrote.

/** A text folded for matching, with, for each folded UTF-16 unit, the index it came from. */
export interface FoldedText {
  source: string;
  /** Lower case, no accents, typographic apostrophes and spaces made plain. */
  folded: string;
  /** folded[i] comes from source[starts[i]]. */
  starts: Uint32Array;
}

export interface TextRange {
  start: number;
  end: number;
}

const SPECIAL: Record<string, string> = {
  '\u2019': "'", // ’ — what phones type
  '\u2018': "'",
  '\u02bc': "'",
  '\u00b4': "'",
  '\u2032': "'",
  '\u00a0': ' ', // French typography puts (narrow) no-break spaces before ? ! : ;
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\u2010': '-',
  '\u2011': '-',
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
};

const MARKS = /\p{M}/gu;
const charCache = new Map<string, string>();

function foldChar(char: string): string {
  const special = SPECIAL[char];
  if (special !== undefined) return special;
  let folded = charCache.get(char);
  if (folded === undefined) {
    folded = char.normalize('NFD').replace(MARKS, '').toLowerCase();
    if (charCache.size < 4096) charCache.set(char, folded);
  }
  return folded;
}

const UTF16 = new TextDecoder('utf-16le');

function buildFold(source: string): FoldedText {
  // A folded character is at most a few units ("œ" → "oe"); twice the length covers real text, and
  // the buffers grow in the rare case it does not.
  let codes = new Uint16Array(source.length * 2 + 4);
  let starts = new Uint32Array(codes.length);
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code < 0x80 || (code >= 0xd800 && code <= 0xdfff)) {
      // ASCII is lowered in place; surrogate pairs (emoji) pass through unchanged, unit by unit.
      codes[n] = code >= 65 && code <= 90 ? code + 32 : code;
      starts[n++] = i;
      continue;
    }
    const piece = foldChar(source[i]!);
    if (n + piece.length >= codes.length) {
      const grownCodes = new Uint16Array(codes.length * 2);
      const grownStarts = new Uint32Array(codes.length * 2);
      grownCodes.set(codes);
      grownStarts.set(starts);
      codes = grownCodes;
      starts = grownStarts;
    }
    for (let k = 0; k < piece.length; k++) {
      codes[n] = piece.charCodeAt(k);
      starts[n++] = i;
    }
  }
  return { source, folded: UTF16.decode(codes.subarray(0, n)), starts: starts.subarray(0, n) };
}

const NON_ASCII = /[\u0080-\uffff]/;
const SPECIAL_CHARS = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'gu');

/** Folds a string the same way, without keeping offsets or caching it: for names and past welcomes. */
export function foldString(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.replace(SPECIAL_CHARS, (char) => SPECIAL[char]!).normalize('NFD').replace(MARKS, '').toLowerCase();
}

// Every rule folds the same text in one audit: keep the last one.
let lastFold: FoldedText | null = null;

/** Folds a text for matching; the result is cached for the text last folded. */
export function foldText(source: string): FoldedText {
  if (lastFold === null || lastFold.source !== source) lastFold = buildFold(source);
  return lastFold;
}

/** Maps a range of the folded text back to the range of the original text. */
export function toSourceRange(fold: FoldedText, start: number, end: number): TextRange {
  if (end <= start) {
    const at = start < fold.starts.length ? fold.starts[start]! : fold.source.length;
    return { start: at, end: at };
  }
  return { start: fold.starts[start]!, end: fold.starts[end - 1]! + 1 };
}

/** All matches of a global pattern in the folded text, as ranges of the original text. */
export function findAll(source: string, pattern: RegExp): TextRange[] {
  const fold = foldText(source);
  const found: TextRange[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(fold.folded); match !== null; match = pattern.exec(fold.folded)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    found.push(toSourceRange(fold, match.index, match.index + match[0].length));
  }
  return found;
}

/** Whether a pattern occurs anywhere in the folded text. */
export function hasMatch(source: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(foldText(source).folded);
  pattern.lastIndex = 0;
  return found;
}

// Pattern building. Rules write phrases in folded form (lower case, no accents, plain ').

const LETTER = '[\\p{L}\\p{N}]';
/** A word boundary that knows accented letters, unlike \b. */
export const WORD_START = `(?<!${LETTER})`;
export const WORD_END = `(?!${LETTER})`;
/** Up to n characters within the same sentence (a line break does not end one), as few as possible. */
export const within = (n: number): string => `[^.?!]{0,${n}}?`;

/**
 * Turns a readable phrase into a pattern source: a space matches spaces, hyphens or line breaks
 * ("avez-vous" / "avez vous"), " ?" an optional one ("10 %" / "10%"), an apostrophe may be followed by a space or be missing ("qu'attendez",
 * "qu attendez"). Other characters are regex syntax, so phrases may carry alternations.
 */
export function phrase(text: string): string {
  return text.replace(/ \?/g, '[\\s-]?').replace(/ /g, '[\\s-]+').replace(/'/g, "['\\s]?");
}

/** Compiles phrases into one global pattern matching any of them as whole words. */
export function wordsPattern(phrases: readonly string[]): RegExp {
  return new RegExp(`${WORD_START}(?:${phrases.map(phrase).join('|')})${WORD_END}`, 'gu');
}

/** The whole message, for findings about the message as a whole. */
export function wholeText(text: string): TextRange {
  return { start: 0, end: text.length };
}

/** Counts code points, the way X counts a DM's characters. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) count++;
  }
  return count;
}

/** The UTF-16 index where the n-th code point starts (the text's length when it has fewer). */
export function indexOfCodePoint(text: string, n: number): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (count === n) return i;
    count++;
  }
  return text.length;
}
