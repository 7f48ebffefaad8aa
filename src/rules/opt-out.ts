// Whether a follower's message asks the account to stop writing to them (X's rules want an easy
// opt-out for automated DMs). Read over the same words as the audit (./tokens: folded, elisions
// undone, "don't" → "do not"), in French and English. Two shapes:
// - a keyword that is the whole message, give or take a polite word: "STOP", "Arrêtez svp",
//   "unsubscribe" — as SMS opt-outs work. "Stop" inside a sentence ("I can't stop smiling") is not one;
// - a phrase anywhere: "stop messaging me", "ne m'écrivez plus", "leave me alone", "désabonnez-moi".
// A phrase right after a negation ("please don't stop writing to me") does not count.
import { tokenText } from './tokens';

/** Keywords that opt out when they are all the message says. */
const ALONE = new Set(['stop', 'stopall', 'stop all', 'unsubscribe', 'cancel', 'quit', 'end', 'optout', 'opt out', 'arret', 'arrete', 'arretez', 'stoppez', 'cessez', 'desabonner', 'desinscription', 'desabonnement', 'desabonnez moi', 'desinscrivez moi']);

/** Words that leave a keyword alone: "STOP please", « arrêtez merci ». */
const POLITE = new Set(['please', 'pls', 'plz', 'thanks', 'thank', 'you', 'now', 'merci', 'svp', 'stp', 'maintenant', 'tout', 'de', 'suite', 'immediatement', 'ok', 'okay', 'sil', 'vous', 'plait']);

// Phrases over folded words, one space between words; `W` is any one word.
const ME = '(?:me|moi|us|nous)';
const WRITE_EN = '(?:messag(?:e|es|ing)|dm(?:s|ing)?|writ(?:e|es|ing)|contact(?:s|ing)?|send(?:ing)?|spam(?:ming)?|email(?:ing)?|text(?:ing)?|bother(?:ing)?)';
const WRITE_FR = '(?:ecrire|ecrivez|ecris|ecrivez|contacter|contactez|contacte|envoyer|envoyez|envoie|spammer|spammez|relancer|relancez|harceler|harcelez|solliciter|sollicitez|deranger|derangez)';
const PHRASES: RegExp[] = [
  // English
  new RegExp(`\\b(?:stop|quit|cease) ${WRITE_EN}(?: ${ME})?\\b`),
  new RegExp(`\\bdo not (?:${WRITE_EN}) ${ME}\\b`),
  new RegExp(`\\bnever (?:${WRITE_EN}) ${ME} again\\b`),
  /\bunsubscribe\b/,
  /\bopt(?:ing)? (?:me )?out\b/,
  /\bleave me alone\b/,
  /\bremove me from\b/,
  /\btake me off\b/,
  /\bno more (?:messages|dms|dm|emails|spam)\b/,
  // Français
  new RegExp(`\\b(?:arret|arrete|arretez|arreter|cessez|cesse|cesser|stop|stoppez) (?:de |d )?(?:me |nous )?${WRITE_FR}\\b`),
  new RegExp(`\\bne ${ME} ${WRITE_FR} plus\\b`),
  new RegExp(`\\bne (?:plus|jamais) ${ME} ${WRITE_FR}\\b`),
  /\bne plus (?:recevoir|etre contacte|etre sollicite)/,
  /\bdesabonn\w* moi\b/,
  /\bdesinscri\w* moi\b/,
  /\blaisse[rz]? moi tranquille\b/,
  /\bfiche[rz]? moi la paix\b/,
  /\bplus de (?:messages|mp|dm|dms)\b/,
  /\bje ne veux plus (?:recevoir|de (?:vos )?messages|etre contacte)/,
];

/** A phrase cancelled by the words just before it: "do not stop writing", « n'arrêtez pas ». */
const NEGATED_BEFORE = /\b(?:not|never|ne|n)\s*$/;

export interface OptOut {
  /** The words that asked, as they wrote them (kept as the do-not-contact reason). */
  words: string;
}

/** Whether the message asks the account to stop writing to them; null when it does not. */
export function detectOptOut(text: string): OptOut | null {
  // Compatibility forms fold to their plain letters: ＳＴＯＰ is STOP.
  const { tokens, source } = tokenText(text.normalize('NFKC'));
  const words = tokens.filter((token) => /[\p{L}\p{N}]/u.test(token.word));
  if (words.length === 0) return null;
  const meaningful = words.filter((token) => !POLITE.has(token.word));
  const kept = meaningful.length > 0 ? meaningful : words;
  const alone = kept.map((token) => token.word).join(' ');
  if (kept.length <= 2 && ALONE.has(alone)) return { words: source.slice(kept[0]!.start, kept.at(-1)!.end) };

  const joined = words.map((token) => token.word).join(' ');
  // Where each word starts in `joined`, to give back the words as they were written.
  const starts: number[] = [];
  let offset = 0;
  for (const token of words) {
    starts.push(offset);
    offset += token.word.length + 1;
  }
  for (const phrase of PHRASES) {
    const match = phrase.exec(joined);
    if (!match) continue;
    if (NEGATED_BEFORE.test(joined.slice(0, match.index)) && !/^ne /.test(match[0])) continue;
    const first = starts.findLastIndex((start) => start <= match.index);
    const last = starts.findLastIndex((start) => start < match.index + match[0].length);
    return { words: source.slice(words[first]!.start, words[last]!.end) };
  }
  return null;
}
