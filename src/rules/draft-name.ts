import twttr from 'twitter-text';

// Display names, bios and even settings are untrusted text: they reach a draft that a person
// reads in Slack and that may be posted on X. These helpers keep only what reads as words.

export const MAX_FIRST_NAME_LENGTH = 30;

// Invisible or direction-changing characters (zero-width, bidi overrides, BOM, tags), control
// characters, private-use and lone surrogates, then emoji and their modifiers and keycaps.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{20E3}]/gu;
// Once text is composed, the script-neutral combining marks left over are decoration
// (s̶t̶r̶i̶k̶e̶, zalgo); scripts that need marks of their own rarely stack more than three.
const LOOSE_MARKS = /\p{Script=Inherited}/gu;
const STACKED_MARKS = /(\p{M}{3})\p{M}+/gu;
// Line and paragraph breaks separate words; they must not glue them together when stripped.
const BREAKS = /[\t\n\v\f\r\u{85}\u{2028}\u{2029}]/gu;

/**
 * Text safe to put in a draft: compatibility-normalised (so 𝓜𝓪𝓻𝓲𝓮 reads Marie), without
 * invisible, control or emoji characters, whitespace collapsed to single spaces.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(EMOJI, ' ')
    .replace(LOOSE_MARKS, '')
    .replace(STACKED_MARKS, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when X would turn part of the text into a link or a tag. */
export function hasLinkOrTag(text: string): boolean {
  return twttr.extractUrls(text).length > 0 || /[@＠#＃$]/.test(text);
}

// Placeholders a tool forgot to fill, and asides such as "(she/her)" or "[Paris]": never a name.
const BRACKETED = /\{[^}]*\}?|\[[^\]]*\]?|\([^)]*\)?|<[^>]*>?|%[A-Za-z_]+%/g;
// "Marie | Growth @Acme", "Marie — CEO", "Marie, PhD": the name comes first.
const SEPARATOR = /\s[-–—]\s|[|•·/\\,;:!?¦‖–—]/u;
const HONORIFICS = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'm', 'mme', 'mlle', 'pr', 'prof', 'sir']);
// A name is letters, with inner hyphens, apostrophes or dots: Jean-Luc, O’Brien, J.-P.
const NAME_WORD = /^\p{L}[\p{L}\p{M}'’.-]*$/u;

const letters = (word: string): string => word.replace(/[^\p{L}]/gu, '');

// "MARIE" or "JEAN-PIERRE" in a welcome reads as shouting; the person's own mixed case is kept.
function unshout(word: string): string {
  const only = letters(word);
  if (only.length < 3 || only !== only.toUpperCase() || only === only.toLowerCase()) return word;
  return word.toLowerCase().replace(/(^|[-'’.])(\p{L})/gu, (_, sep: string, first: string) => sep + first.toUpperCase());
}

function withoutLinksAndTags(text: string): string {
  let out = text;
  for (const { url } of twttr.extractUrlsWithIndices(text)) out = out.replace(url, ' ');
  return out.replace(/[@＠#＃$][\p{L}\p{N}_]*/gu, ' ');
}

// "Marie." loses its full stop; initials such as "J.-P." keep theirs.
const dropFullStop = (word: string): string => (/^[^.]+\.$/.test(word) ? word.slice(0, -1) : word);

/**
 * The first name to greet someone by, from their display name: emoji, handles, links,
 * placeholders and decorations removed, a leading title skipped, at most 30 characters.
 * Null when nothing in the name reads as one.
 */
export function firstNameOf(displayName: string): string | null {
  const text = withoutLinksAndTags(cleanText(displayName).replace(BRACKETED, ' '));
  for (const segment of text.split(SEPARATOR)) {
    const words = segment
      .replace(/[^\p{L}\p{M}\p{N}'’.\s-]/gu, ' ')
      .split(/\s+/)
      .map((word) => word.replace(/^[^\p{L}]+|[^\p{L}\p{M}.]+$/gu, ''))
      .filter((word) => NAME_WORD.test(word));
    for (const [i, word] of words.entries()) {
      let name = dropFullStop(word);
      const rest = words.slice(i + 1);
      if (HONORIFICS.has(name.toLowerCase()) && rest.length > 0) {
        // "Dr Dupont" keeps the title, which is how one addresses them; "Dr Marie Dupont" is Marie.
        name = rest.length === 1 ? `${word} ${dropFullStop(rest[0])}` : dropFullStop(rest[0]);
      }
      name = unshout(name);
      // A 31-letter "word" is not a first name: try the next one rather than cut it.
      if ([...name].length <= MAX_FIRST_NAME_LENGTH) return name;
    }
  }
  return null;
}
