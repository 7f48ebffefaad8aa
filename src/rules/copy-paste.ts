import type { WelcomeRuleMeta } from './rule';
import { foldString, wholeText } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'copy-paste',
  severity: 'warning',
  needsHistory: true,
  description: {
    fr: "Le même texte, au prénom près, déjà envoyé à plusieurs autres abonnés.",
    en: 'The same text, give or take a name, already sent to several other followers.',
  },
  rationale: {
    fr: "Un copier-coller reste un message impersonnel, même envoyé à la main : la personne le reconnaît, et c'est l'inverse de la proximité qu'elle venait chercher. Mieux vaut ne rien envoyer que d'envoyer du tout-fait.",
    en: 'A copy-paste is still an impersonal message, even sent by hand: people recognise it, and it is the opposite of the closeness they came for. Better to send nothing than something canned.',
  },
  messages: {
    repeated: {
      fr: 'Ce texte a déjà été envoyé, presque à l’identique, à {count} autres abonnés.',
      en: 'This text was already sent, nearly word for word, to {count} other followers.',
    },
  },
};

const SUGGESTION = {
  fr: "Réécrivez-le pour cette personne : son travail, sa bio, ce qui l'intéresse.",
  en: 'Rewrite it for this person: their work, their bio, what they care about.',
};

/** Two texts sharing this much of their words (Dice coefficient) are the same text. */
const SAME_TEXT = 0.8;
/** Sent to this many others already: a third copy is a copy-paste, two could be a coincidence. */
const MIN_COPIES = 2;
/** Shorter texts ("Merci !") are too short to call a copy. */
const MIN_WORDS = 4;
/**
 * A Dice coefficient of 0.8 needs word counts within a ratio of 2/3; twice the length, in
 * characters, is a safe margin for words of different lengths.
 */
const LENGTH_RATIO = 2;
/** The most recent welcomes are enough to recognise a template in use. */
const RECENT = 500;

// Mentions and links differ from one follower to the next; what is left is the template.
const TOKEN = /@\w+|https?:\/\/\S+|[\p{L}\p{N}]+/gu;

const wordOf = (token: string): string => (token.startsWith('@') ? '@' : token.startsWith('http') ? 'link' : token);

/** The words of the message being audited, each with its index and how often it occurs. */
interface Words {
  index: Map<string, number>;
  counts: number[];
  size: number;
}

function wordsOf(text: string): Words {
  const index = new Map<string, number>();
  const counts: number[] = [];
  let size = 0;
  TOKEN.lastIndex = 0;
  const folded = foldString(text);
  for (let match = TOKEN.exec(folded); match !== null; match = TOKEN.exec(folded)) {
    const word = wordOf(match[0]);
    const at = index.get(word);
    if (at === undefined) {
      index.set(word, counts.length);
      counts.push(1);
    } else counts[at]!++;
    size++;
  }
  return { index, counts, size };
}

// Every audit compares against the same recent welcomes of the desk: keep their words, bounded.
const sentWords = new Map<string, string[]>();
const SENT_WORDS_MAX = 5_000;

function wordsOfSent(text: string): string[] {
  let words = sentWords.get(text);
  if (words === undefined) {
    words = Array.from(foldString(text).matchAll(TOKEN), (match) => wordOf(match[0]));
    if (sentWords.size >= SENT_WORDS_MAX) sentWords.clear();
    sentWords.set(text, words);
  }
  return words;
}

/** How much of their words two texts share: the Dice coefficient over word counts. */
function similarity(words: Words, sent: readonly string[], used: Uint32Array): number {
  used.fill(0);
  let common = 0;
  for (const word of sent) {
    const at = words.index.get(word);
    if (at !== undefined && used[at]! < words.counts[at]!) {
      used[at]!++;
      common++;
    }
  }
  return sent.length === 0 ? 0 : (2 * common) / (words.size + sent.length);
}

export function check(context: AuditContext): RuleFinding[] {
  const sentTexts = context.history?.sentTexts;
  if (!sentTexts || sentTexts.length < MIN_COPIES) return [];
  const words = wordsOf(context.text);
  if (words.size < MIN_WORDS) return [];
  const used = new Uint32Array(words.counts.length);
  let count = 0;
  const recent = Math.min(sentTexts.length, RECENT);
  for (let i = 0; i < recent; i++) {
    const sent = sentTexts[i]!;
    // Texts sharing 80% of their words have about the same length: skip the others unread.
    if (sent.length * LENGTH_RATIO < context.text.length || context.text.length * LENGTH_RATIO < sent.length) continue;
    if (similarity(words, wordsOfSent(sent), used) >= SAME_TEXT) count++;
  }
  if (count < MIN_COPIES) return [];
  return [{ messageId: 'repeated', ...wholeText(context.text), data: { count }, suggestion: SUGGESTION }];
}
