// Untrusted text (a follower's name, bio, location, a draft, X's error text) on the card.
//
// Two defences, in order of preference:
// 1. plain_text objects wherever Block Kit takes them: Slack never parses them for mentions,
//    links or formatting, so they need no escaping, only cleaning (`cleanText`).
// 2. `escapeMrkdwn` where the text has to sit inside mrkdwn (fields, a line next to a mention):
//    `&`, `<`, `>` become entities, so `<!channel>` and `<https://evil.example|click>` show as
//    typed; and each formatting marker (* _ ~ `) gets a zero-width space on both sides. Slack
//    only treats a marker as formatting at a word boundary, and with a zero-width space on each
//    side no marker ever sits on one, so `*bold*` shows as typed. A zero-width space keeps the
//    visible text identical (a lookalike such as ∗ would not), and we strip any the sender typed,
//    so the only ones left are ours.

const ZWSP = '\u200B';

/**
 * Removed from untrusted text: control characters (but newline and tab), invisible spaces and
 * joiners that hide differences (zero-width space, word joiner, BOM, soft hyphen), and the
 * bidirectional embeddings, overrides and isolates that can make text read backwards.
 * ZWJ and ZWNJ stay: emoji sequences and Persian or Indic scripts need them, and they cannot
 * reorder or hide anything.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Untrusted text made harmless to display: invisible and direction-changing characters removed,
 * line breaks normalised, runs of blank lines capped at one, tabs as spaces. With `singleLine`,
 * line breaks become spaces (a name or a location must not push the card around).
 */
export function cleanText(text: string, opts: { singleLine?: boolean } = {}): string {
  let clean = text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/\t/g, ' ');
  clean = opts.singleLine ? clean.replace(/\s*\n\s*/g, ' ') : clean.replace(/\n[ ]*\n(?:[ ]*\n)+/g, '\n\n');
  return clean.trim();
}

/** One grapheme, escaped for mrkdwn. Escaping per grapheme lets `escapeMrkdwn` cut safely. */
function escapeGrapheme(g: string): string {
  switch (g) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    // A leading `&gt;` is how Slack stores a quote, so it must never start a line.
    case '>':
      return `${ZWSP}&gt;`;
    case '*':
    case '_':
    case '~':
    case '`':
      return `${ZWSP}${g}${ZWSP}`;
    // `@channel` typed as text only pings with link_names; never let it look like one either way.
    case '@':
      return `@${ZWSP}`;
    default:
      return g;
  }
}

/**
 * Untrusted text for a mrkdwn object: cleaned, `& < >` escaped as Slack requires, formatting
 * markers neutralised. With `max`, the escaped result is at most `max` UTF-16 units (Slack's
 * limits count what we send, escapes included), cut on a grapheme boundary with an ellipsis.
 */
export function escapeMrkdwn(text: string, max = Infinity, opts: { singleLine?: boolean } = {}): string {
  const parts = Array.from(graphemes.segment(cleanText(text, opts)), (s) => escapeGrapheme(s.segment));
  const whole = parts.join('');
  if (whole.length <= max) return whole;
  let out = '';
  for (const part of parts) {
    if (out.length + part.length + ELLIPSIS.length > max) break;
    out += part;
  }
  return max >= ELLIPSIS.length ? out + ELLIPSIS : '';
}

const ELLIPSIS = '…';

/**
 * At most `max` UTF-16 units (the strictest way to read Slack's character limits), cut between
 * graphemes so no emoji, accent or surrogate pair is split, ending with an ellipsis when cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length + ELLIPSIS.length > max) break;
    out += segment;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** X handles are 1 to 15 letters, digits or underscores: nothing in one can end a link or escape it. */
const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/**
 * `@handle` for a mrkdwn link label: a checked handle as is, with no zero-width space (a label is
 * never a ping nor formatted, so `@rita_skip` copies cleanly); anything else escaped as untrusted.
 */
export function handleLabel(handle: string): string {
  const bare = handle.replace(/^@/, '');
  return X_HANDLE.test(bare) ? `@${bare}` : escapeMrkdwn(`@${bare}`, 100, { singleLine: true });
}

/**
 * A handle in mrkdwn as a link to its X profile, labelled `@handle`: it cannot ping (a link label
 * is not parsed for mentions) and copies without invisible characters. A string that is not a
 * handle gets no link of ours, only escaping.
 */
export function handleMrkdwn(handle: string): string {
  const bare = handle.replace(/^@/, '');
  return X_HANDLE.test(bare) ? `<https://x.com/${bare}|@${bare}>` : escapeMrkdwn(`@${bare}`, 100, { singleLine: true });
}

/**
 * A mrkdwn link `<url|label>` for a URL we did not build, or null when it is not http(s).
 * The URL is normalised by the URL parser, and the few characters that would end the link
 * early (`|`, `<`, `>`) are percent-encoded; `&` becomes `&amp;` as Slack requires.
 */
export function mrkdwnLink(url: string, label: string, maxUrl = 3000): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const href = parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
  if (href.length > maxUrl) return null;
  return `<${href}|${escapeMrkdwn(label, 200, { singleLine: true })}>`;
}
