import { TEMPLATE_SLOTS, type TemplateBodyProblem, type TemplateSlot, type TemplateSlots, type VoiceAddress } from '../domain/templates';
import type { Lang } from '../domain';

// A template body is the text of a welcome with named slots, written by the team (App Home, the
// CLI) or by the code's starting set. The syntax, documented in the README ("Templates"):
//
//   {name} {topic} {link} {account} {signoff}   a slot, filled by the draft
//   {de topic}                                  French "de" + slot, elided: "de design", "d’IA"
//   {vous|tu}                                   the words for `vous`, then for `tu` (the account's
//                                               voice setting); English uses the first
//   [[ … ]]                                     an optional sentence: dropped when a slot in it is
//                                               empty, or, last first, when the message runs long
//
// `{topic}`, `{link}` and `{signoff}` may be empty, so they only go inside `[[ … ]]`. An unknown
// first name (a mention to someone whose display name gives none) takes the comma or space that
// joins it along: "Bonjour {name}, merci" → "Bonjour, merci"; "{name}, merci" → "Merci".
// Slot values are inserted once and never read again as syntax: a name that reads "{topic}" stays
// text. French text gets its no-break spaces (frenchSpacing) after filling.

export type RenderProblem = TemplateBodyProblem | { code: 'empty-slot'; slot: TemplateSlot };

export type RenderResult =
  | {
      ok: true;
      text: string;
      /** Optional sentences left out: those with an empty slot, then those dropped for length. */
      dropped: number;
      /** False when the message is still too long once every optional sentence is gone. */
      fits: boolean;
    }
  | { ok: false; problems: RenderProblem[] };

export interface RenderOptions {
  lang: Lang;
  /** French address; `vous` when not given. */
  address?: VoiceAddress;
  /** Whether a text is short enough; by default at most maxLength characters (no limit without one). */
  fits?: (text: string) => boolean;
  maxLength?: number;
}

type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'slot'; slot: TemplateSlot; elide: boolean }
  | { kind: 'variant'; vous: string; tu: string };

type Segment = { kind: 'required'; piece: Piece } | { kind: 'optional'; pieces: Piece[] } | { kind: 'newline' };

/** Slots that may be empty and so belong in an optional sentence. */
const MAY_BE_EMPTY: readonly TemplateSlot[] = ['topic', 'link', 'signoff'];
const isSlot = (name: string): name is TemplateSlot => (TEMPLATE_SLOTS as readonly string[]).includes(name);
/** Stands for an unknown first name until its glue is removed; never in cleaned text (private use). */
const NO_NAME = '\uE000';

/** The pieces of a body, or what is wrong with it. */
export function parseTemplateBody(body: string): { ok: true; segments: Segment[] } | { ok: false; problems: TemplateBodyProblem[] } {
  const problems: TemplateBodyProblem[] = [];
  const add = (problem: TemplateBodyProblem): void => {
    if (!problems.some((p) => JSON.stringify(p) === JSON.stringify(problem))) problems.push(problem);
  };
  const segments: Segment[] = [];
  let optional: Piece[] | null = null;
  let text = '';
  const push = (piece: Piece): void => {
    if (optional) optional.push(piece);
    else segments.push({ kind: 'required', piece });
  };
  const flush = (): void => {
    if (text) push({ kind: 'text', text });
    text = '';
  };
  if (!body.trim()) add({ code: 'empty-body' });
  let i = 0;
  while (i < body.length) {
    const rest = body.slice(i);
    if (rest.startsWith('[[')) {
      flush();
      if (optional) add({ code: 'nested-optional' });
      else optional = [];
      i += 2;
    } else if (rest.startsWith(']]')) {
      flush();
      if (optional) segments.push({ kind: 'optional', pieces: optional });
      else add({ code: 'stray-bracket' });
      optional = null;
      i += 2;
    } else if (body[i] === '\n') {
      flush();
      // An optional sentence stays on its line, so a dropped one never takes a line break along.
      if (optional) add({ code: 'unclosed-optional' });
      optional = null;
      segments.push({ kind: 'newline' });
      i += 1;
    } else if (body[i] === '{') {
      const end = body.indexOf('}', i);
      const inner = end === -1 ? null : body.slice(i + 1, end);
      if (inner === null || /[{\n[\]]/.test(inner)) {
        add({ code: 'stray-bracket' });
        i += 1;
        continue;
      }
      flush();
      if (inner.includes('|')) {
        const [vous, ...tu] = inner.split('|');
        push({ kind: 'variant', vous: vous!, tu: tu.join('|') });
      } else {
        const match = /^\s*(de\s+)?([A-Za-z_-]+)\s*$/.exec(inner);
        const name = match?.[2]?.toLowerCase();
        if (!match || !name || !isSlot(name)) add({ code: 'unknown-slot', slot: inner.trim() });
        else {
          if (!optional && MAY_BE_EMPTY.includes(name)) add({ code: 'slot-not-optional', slot: name });
          push({ kind: 'slot', slot: name, elide: Boolean(match[1]) });
        }
      }
      i = end + 1;
    } else if (body[i] === '}') {
      add({ code: 'stray-bracket' });
      i += 1;
    } else {
      text += body[i];
      i += 1;
    }
  }
  flush();
  if (optional) add({ code: 'unclosed-optional' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, segments };
}

/** French elision: "de design", "d’IA". An h is left alone: tech loanwords (hardware, hackathon) do not elide. */
export function deFr(topic: string): string {
  const first = topic.normalize('NFD').charAt(0).toLowerCase();
  return 'aeiouy'.includes(first) ? `d’${topic}` : `de ${topic}`;
}

/**
 * French typography: a no-break space before a colon and inside guillemets, a narrow one before
 * ; ! ?. Written into the text so X never breaks a line before the punctuation.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/ ([:»])/g, '\u00A0$1')
    .replace(/« /g, '«\u00A0')
    .replace(/ ([;!?])/g, '\u202F$1');
}

const filled = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';

function pieceText(piece: Piece, slots: TemplateSlots, address: VoiceAddress): string {
  if (piece.kind === 'text') return piece.text;
  if (piece.kind === 'variant') return address === 'tu' ? piece.tu : piece.vous;
  const value = slots[piece.slot];
  if (!filled(value)) return NO_NAME;
  const clean = value.replaceAll(NO_NAME, '').replace(/\s+/g, ' ').trim();
  return piece.elide ? deFr(clean) : clean;
}

const upperFirst = (letter: string): string => letter.toUpperCase();

/** Joins the kept segments, removes the glue of an unknown name, tidies spaces, line by line. */
function compose(segments: Segment[], keep: (index: number) => boolean, slots: TemplateSlots, opts: RenderOptions): string {
  const address: VoiceAddress = opts.lang === 'fr' ? (opts.address ?? 'vous') : 'vous';
  const lines: { text: string; hadContent: boolean }[] = [{ text: '', hadContent: false }];
  segments.forEach((segment, index) => {
    const line = lines[lines.length - 1]!;
    if (segment.kind === 'newline') lines.push({ text: '', hadContent: false });
    else if (segment.kind === 'required') {
      line.text += pieceText(segment.piece, slots, address);
      if (segment.piece.kind !== 'text' || segment.piece.text.trim()) line.hadContent = true;
    } else {
      line.hadContent = true;
      if (keep(index)) line.text += segment.pieces.map((piece) => pieceText(piece, slots, address)).join('');
    }
  });
  const tidy = lines
    .map(({ text, hadContent }) => ({
      text: text
        .replace(/(^|[.!?…]\s+)\uE000,?\s*(\p{L})/gu, (_, before: string, letter: string) => before + upperFirst(letter))
        .replace(/,\s*\uE000/g, '')
        .replace(/\s*\uE000/g, '')
        .replace(/[ \t]+/g, ' ')
        .replace(/ ([,.])/g, '$1')
        .trim(),
      hadContent,
    }))
    // A line left empty by what was dropped goes; a blank line the body has (a paragraph break) stays.
    .filter(({ text, hadContent }) => text !== '' || !hadContent)
    .map(({ text }) => text)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return opts.lang === 'fr' ? frenchSpacing(tidy) : tidy;
}

/**
 * The welcome a body gives for these slots: optional sentences with an empty slot left out, then
 * the others dropped last first until the message fits. Never leaves a placeholder: a body that
 * names an unknown slot, or a required slot that is empty, gives problems instead of a text.
 */
export function renderTemplate(body: string, slots: TemplateSlots, opts: RenderOptions): RenderResult {
  const parsed = parseTemplateBody(body);
  if (!parsed.ok) return parsed;
  const { segments } = parsed;
  const empty: RenderProblem[] = [];
  for (const segment of segments) {
    if (segment.kind !== 'required' || segment.piece.kind !== 'slot') continue;
    const { slot } = segment.piece;
    if (slot !== 'name' && !filled(slots[slot]) && !empty.some((p) => p.code === 'empty-slot' && p.slot === slot)) empty.push({ code: 'empty-slot', slot });
  }
  if (empty.length > 0) return { ok: false, problems: empty };

  const kept = new Set<number>();
  let optionals = 0;
  segments.forEach((segment, index) => {
    if (segment.kind !== 'optional') return;
    optionals += 1;
    if (segment.pieces.every((piece) => piece.kind !== 'slot' || filled(slots[piece.slot]))) kept.add(index);
  });
  const fits = opts.fits ?? ((text: string) => opts.maxLength === undefined || [...text].length <= opts.maxLength);
  let text = compose(segments, (i) => kept.has(i), slots, opts);
  while (!fits(text) && kept.size > 0) {
    kept.delete(Math.max(...kept));
    text = compose(segments, (i) => kept.has(i), slots, opts);
  }
  return { ok: true, text, dropped: optionals - kept.size, fits: fits(text) };
}

/** The slots a body names, in order of first use (for the editor's help and the model's prompt). */
export function slotsOf(body: string): TemplateSlot[] {
  const parsed = parseTemplateBody(body);
  if (!parsed.ok) return [];
  const found: TemplateSlot[] = [];
  for (const segment of parsed.segments) {
    const pieces = segment.kind === 'optional' ? segment.pieces : segment.kind === 'required' ? [segment.piece] : [];
    for (const piece of pieces) if (piece.kind === 'slot' && !found.includes(piece.slot)) found.push(piece.slot);
  }
  return found;
}
