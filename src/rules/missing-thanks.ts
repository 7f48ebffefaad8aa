import type { WelcomeRuleMeta } from './rule';
import { hasMatch, wholeText, wordsPattern } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'missing-thanks',
  severity: 'warning',
  description: {
    fr: 'Le message ne remercie pas la personne (merci, je vous remercie, reconnaissant…).',
    en: 'The message never thanks the person (thanks, thank you, appreciate…).',
  },
  rationale: {
    fr: "Suivre un compte est un premier pas ; le minimum est d'y répondre par un merci. « Bienvenue » ou « ravi de vous compter parmi nous » accueillent, mais ne remercient pas : c'est le merci qui montre le côté humain de la marque.",
    en: 'Following you is a first step; the least you can do is say thank you. "Welcome" or "glad to have you" greet but do not thank: the thank-you is what shows the human side of the brand.',
  },
  messages: {
    noThanks: {
      fr: 'Aucun remerciement : dites merci pour le suivi.',
      en: 'No thanks anywhere: thank them for the follow.',
    },
  },
};

const SUGGESTION = {
  fr: 'Commencez par un merci, par exemple « Merci de nous suivre ! ».',
  en: 'Open with a thank-you, e.g. "Thanks for the follow!".',
};

// Gratitude said in words. Greetings ("bienvenue", "ravi de vous compter parmi nous", "welcome
// aboard") are not thanks, and neither is 🙏 alone: it also reads as "please" or a high five.
const THANKS = wordsPattern([
  // "mercii", "mille mercis", "grand merci", "merci mille fois", SMS forms, the pun.
  'merci+s?', 'mrc', 'mrci', 'mci', 'mercy (?:beaucoup|bcp|a toi|a vous)', 'remerci\\p{L}*', 'reconnaissant\\p{L}*', 'gratitude', 'gracias', 'grazie', 'danke', 'obrigad[oa]',
  // Informal English: "thanksss", "thank u", "thankyou", "ty", "tysm", "thx", "tnx".
  'thank(?:s+|you+|u+|z+|ies)?', 'thank (?:you+|u+|ya|yall|yu)', 'thankful', 'thx', 'thnx', 'thnks', 'thks', 'thanx', 'thanq', 'thankee', 'tnx', 'tks', 'ty', 'tysm', 'tyvm', 'tyty',
  // British "ta" ("Ta very much!", "Ta, Sam!"), and not the French "ta" (your): followed by what
  // only follows thanks, or standing alone before a stop or a comma.
  'ta (?:very much|v much|much|muchly|so much|loads|lots|mate|for)', 'ta(?=\\s*[!.,]|\\s*$)',
  'appreciat\\p{L}*', "'?preciate", 'grateful', 'much obliged', 'cheers for', 'kudos for', 'thnk', 'thnk u', 'thnq', 'tq', 'merki', 'arigato+u?',
  // Cheers as thanks, not as a sign-off: opening the message, or with what only follows thanks.
  // "Cheers" opening the message (after their handle in a public welcome), or said with a comma or a vocative: "Cheers, Laura!", "cheers pal"; not a sign-off after the last sentence ("… Cheers, the team").
  '(?<=^\\s*(?:@\\w+\\s+)?)cheers', '(?<![.!?]\\s*)cheers(?=\\s*[,!])', 'cheers (?:mate|m8|pal|buddy|legend|fam|love|muchly|so much|loads|heaps|a lot|again)',
  // Appreciation for the follow in other words: "big ups for the follow", "shout-out for following", "nice one for the follow".
  '(?:big ups|shout ?outs?|props|big love|much love|nice one|respect|hats off) for (?:the )?follow(?:ing)?(?: us| me)?',
]);

export function check(context: AuditContext): RuleFinding[] {
  if (hasMatch(context.text, THANKS)) return [];
  return [{ messageId: 'noThanks', ...wholeText(context.text), suggestion: SUGGESTION }];
}
