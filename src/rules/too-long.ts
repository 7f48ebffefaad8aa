import twitterText from 'twitter-text';
import type { WelcomeRuleMeta } from './rule';
import { codePointLength, indexOfCodePoint } from './text';
import type { AuditContext, RuleFinding } from './types';

/** X's limit for a post, in weighted characters (a URL counts 23, most emoji and CJK count 2). */
export const MENTION_LIMIT = 280;
/** X's limit for a direct message, in characters. */
export const DM_LIMIT = 10_000;
/**
 * Past this a DM is no longer the "brief thank-you with one quick link" the seeds describe: about
 * 80 words, two short paragraphs, what fits on a phone screen without scrolling. More belongs in a
 * page on your site, linked once.
 */
export const BRIEF_DM = 500;

export const meta: WelcomeRuleMeta = {
  id: 'too-long',
  severity: 'error',
  messageSeverity: { notBrief: 'warning' },
  description: {
    fr: "Au-delà des limites de X (mention : 280 caractères pondérés, un lien compte 23 ; DM : 10 000), et un avertissement quand un DM n'est plus bref.",
    en: "Over X's limits (mention: 280 weighted characters, a URL counts 23; DM: 10,000), and a warning when a DM stops being brief.",
  },
  rationale: {
    fr: "X refuse un message trop long. Et bien avant cette limite, un accueil doit rester un bref merci : s'il ne tient pas en quelques lignes, écrivez une page sur votre site et mettez-en le lien.",
    en: 'X refuses a message that is too long. Well before that, a welcome should stay a brief thank-you: if it does not fit in a few lines, write a page on your site and link to it.',
  },
  messages: {
    mentionTooLong: {
      fr: 'Mention trop longue pour X : {length} caractères pondérés sur {limit}.',
      en: 'Mention too long for X: {length} weighted characters out of {limit}.',
    },
    dmTooLong: {
      fr: 'DM trop long pour X : {length} caractères sur {limit}.',
      en: 'DM too long for X: {length} characters out of {limit}.',
    },
    notBrief: {
      fr: "Ce DM fait {length} caractères : au-delà de {limit}, ce n'est plus un bref message d'accueil.",
      en: 'This DM is {length} characters long: past {limit}, it is no longer a brief welcome.',
    },
  },
};

const SUGGESTIONS = {
  mentionTooLong: { fr: 'Raccourcissez : un merci, le prénom, une phrase sur la personne.', en: 'Shorten it: a thank-you, their name, one line about them.' },
  dmTooLong: { fr: 'Mettez le détail sur une page de votre site et liez-la une fois.', en: 'Put the details on a page of your site and link it once.' },
  notBrief: { fr: 'Gardez un bref merci et un lien vers une page de votre site pour le reste.', en: 'Keep a brief thank-you, and one link to a page of your site for the rest.' },
};

function checkMention(text: string): RuleFinding[] {
  const parsed = twitterText.parseTweet(text);
  if (parsed.weightedLength <= MENTION_LIMIT) return [];
  // validRangeEnd is the last UTF-16 index X would accept: the overflow starts right after it.
  return [
    {
      messageId: 'mentionTooLong',
      start: parsed.validRangeEnd + 1,
      end: text.length,
      data: { length: parsed.weightedLength, limit: MENTION_LIMIT },
      suggestion: SUGGESTIONS.mentionTooLong,
    },
  ];
}

function checkDm(text: string): RuleFinding[] {
  const length = codePointLength(text);
  if (length > DM_LIMIT) {
    return [{ messageId: 'dmTooLong', start: indexOfCodePoint(text, DM_LIMIT), end: text.length, data: { length, limit: DM_LIMIT }, suggestion: SUGGESTIONS.dmTooLong }];
  }
  if (length > BRIEF_DM) {
    return [{ messageId: 'notBrief', start: indexOfCodePoint(text, BRIEF_DM), end: text.length, data: { length, limit: BRIEF_DM }, suggestion: SUGGESTIONS.notBrief }];
  }
  return [];
}

export function check(context: AuditContext): RuleFinding[] {
  return context.kind === 'mention' ? checkMention(context.text) : checkDm(context.text);
}
