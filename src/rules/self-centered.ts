import type { WelcomeRuleMeta } from './rule';
import { foldString, foldText, wholeText, WORD_END, WORD_START } from './text';
import type { AuditContext, RuleFinding } from './types';
import { extractLinks } from './links';
import { check as checkContactHarvest } from './no-contact-harvest';
import { check as checkSocialRedirect } from './no-social-redirect';
import { check as checkSalesPitch } from './sales-pitch';

export const meta: WelcomeRuleMeta = {
  id: 'self-centered',
  severity: 'warning',
  description: {
    fr: "Tout sur nous (nous, notre, je, mon…), rien sur la personne (vous, tu, votre…).",
    en: 'All about us (we, our, I, my…) and nothing about them (you, your…).',
  },
  rationale: {
    fr: "Un message d'accueil privé est trop souvent « centré sur l'expéditeur, quasiment jamais sur le destinataire ». Mettez-vous à la place de celui qui arrive : parlez de lui, de ce qui peut lui être utile.",
    en: 'A private welcome is too often about the sender and hardly ever about the recipient. Put yourself in the shoes of the one arriving: talk about them and what may help them.',
  },
  messages: {
    allAboutUs: {
      fr: "Le message parle de l'équipe ({we} fois : nous, notre, je…) et jamais de la personne.",
      en: 'The message talks about the team ({we} times: we, our, I…) and never about them.',
    },
    ourNews: {
      fr: "Le message donne des nouvelles de l'équipe et ne dit rien à la personne.",
      en: "The message gives the team's news and says nothing to them.",
    },
    mostlyAboutUs: {
      fr: "Le message parle surtout de l'équipe ({we} fois), très peu de la personne ({you} fois).",
      en: 'The message is mostly about the team ({we} times), hardly about them ({you} times).',
    },
  },
};

const SUGGESTION = {
  fr: "Parlez de la personne : son nom, son travail, ce qui peut l'aider.",
  en: 'Talk about them: their name, their work, what might help them.',
};

// Elided forms (j', m', t') are glued to the next word, so they need no word end.
const FIRST_PERSON = new RegExp(`${WORD_START}(?:(?:we|us|our|ours|ourselves|i|me|my|mine|myself|nous|notre|nos|je|moi|mon|ma|mes)${WORD_END}|[jm]')`, 'gu');
const SECOND_PERSON = new RegExp(`${WORD_START}(?:(?:you|your|yours|yourself|yourselves|u|ur|y'all|yall|ya|whatcha|vous|votre|vos|votres|tu|te|toi|tes|tien|tienne|tiennes)${WORD_END}|t')`, 'gu');
// French "ta" and "ton" are English words too ("Ta very much!", "Thanks a ton"): counted in French text only.
const TA = new RegExp(`${WORD_START}(?:ta|ton)${WORD_END}`, 'gu');
// French "on" is "we" in a welcome ("on fabrique des meubles"); counted in French text only.
const ON = new RegExp(`${WORD_START}on${WORD_END}`, 'gu');
// The team named as a thing: "the studio", "l'équipe", "chez nous", "ici".
const TEAM = new RegExp(
  `${WORD_START}(?:the (?:(?:whole|entire) )?(?:team|studio|brand|agency|crew|company|shop|store|office|founders?|owners?|roastery|brewery|bakery)|everyone (?:on|in) the team|its (?:\\p{L}+ )?(?:founders?|owners?|team|staff|editors|makers|people|employees|members|crew|artisans)|here at|(?:toute )?l'equipe|la boutique|la maison|la marque|l'agence|l'atelier|le studio|le cabinet|(?:le|la|les) fondat(?:eur|rice|eurs|rices)|ses (?:\\p{L}+ )?(?:fondat(?:eur|rice|eurs|rices)|salaries|artisans|membres|equipes|createurs|createurices)|chez nous|ici)${WORD_END}`,
  'gu',
);
// The team speaking of itself in the third person, by its name or as "it": "Hopfield is a 3-person
// brewery", "Lexique was founded by…", "Kora est une agence… Elle accompagne des PME". Read on the
// text with accents stripped but capitals kept, since a name is what its capital marks; the
// sentence's first word is only a name when it is not a pronoun, an article or a formula.
const NOT_A_NAME = '(?:It|This|That|There|Here|He|She|They|What|Which|Who|Today|Life|Your|You|My|Our|We|The|A|An|And|But|So|If|Thanks|Thank|Welcome|Hi|Hey|Hello|Il|Elle|Ils|Elles|Ce|Cette|Ca|C|Ton|Ta|Tes|Votre|Vos|Mon|Ma|Mes|Notre|Nos|Merci|Bienvenue|Bonjour|Salut|On|Nous|Je|Tu|Vous)';
const SELF_DESCRIBING =
  "(?:(?:has|have|had) \\p{Ll}{3,}|was \\p{Ll}{2,}(?:ed|en|un|wn|lt|ne|ght)|eleve|cultive|produit|opened|launched|won|\\p{Ll}{3,}ed (?:in|by|as|from|with|its|over)|\\p{Ll}{3,}s (?:over |more than |about |around |nearly )?\\d+|is (?:a|an|now|still)|was (?:founded|born|started|created|launched|set up|built)|started (?:as|in|out|with)|began (?:as|in|with)|has been|grew (?:out of|from)|makes|brews|builds|designs|roasts|bakes|ships|sells|employs|" +
  'est (?:une?|nee?|basee?|installee?|situee?|aujourd\x27hui)|a ete (?:fondee?|creee?|lancee?)|(?:a|ont) (?:ouvert|ete fonde(?:e|s|es)?|ete cree(?:e|s|es)?|vu le jour|remporte|gagne)|sont (?:nes|nees|une?|des)|existe depuis|a (?:demarre|commence|vu le jour)|fabrique|torrefie|brasse|accompagne|fournit|emploie)';
const NAMED_SELF = new RegExp(
  `(?<![\\p{L}\\p{N}@#'’_-])(?:(?!${NOT_A_NAME}(?![\\p{L}\\p{N}]))\\p{Lu}[\\p{L}\\p{N}]+(?:(?: &| and| et| of| de| des| du| d')? ?\\p{Lu}[\\p{L}\\p{N}]+){0,3}|It|Elle|Il) ${SELF_DESCRIBING}(?![\\p{L}\\p{N}])`,
  'gu',
);
// Its history and its reach, the brag of an "about us" page: "founded by two nurses", "now serves
// 10k classrooms", "accompagne plus de 300 clients".
const HISTORY_AND_REACH = new RegExp(
  `${WORD_START}(?:(?:founded|established|opened|launched|fondee?s?|creee?s?|ouverte?s?|lancee?s?) (?:in|by|en|par|its doors|ses portes)|(?:since|depuis) (?:19|20)\\d\\d|(?:has won|won|a gagne|a remporte|ont gagne|ont remporte) (?:\\d+ |two |three |several |deux |trois |plusieurs |\\p{L}+ )?(?:awards?|prix|medailles?|medals?|trophees?)|(?:in|across|dans|into) (?:over |more than |plus de )?\\d+ (?:countries|pays|cities|villes|states|stores|magasins|shops|boutiques)|(?:since|depuis|for|pour|over) (?:\\d+|two|three|four|five|deux|trois|quatre|cinq|several|plusieurs) (?:generations|decades|decennies)|(?:serves|helps|powers|supports|ships to|sells in|employs|manages|works with|hosts|counts|accompagne|fournit|equipe|emploie|compte|travaille avec|gere|selectionne|forme|equips|trains|has trained|a forme) (?:now |today |already |aujourd'hui |deja )?(?:over |more than |nearly |almost |some |plus de |pres de |environ )?\\d)`,
  'gu',
);
const stripAccents = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/g, "'");
// "Thank you" thanks them but says nothing about them; "following us" is what they did, not talk about us.
// The same holds for the possessive of the thanks formula: "thanks for your follow", "merci de ton abonnement".
const THANK_YOU = new RegExp(
  `${WORD_START}(?:thank (?:you|u)|thanks (?:a lot |so much )?for (?:your|ur) (?:follow|sub|subscription)|merci (?:beaucoup )?(?:de|pour) (?:ton|votre) (?:abonnement|abo|follow)|merci a (?:toi|vous))${WORD_END}`,
  'gu',
);
const FOLLOWING_US = new RegExp(`${WORD_START}(?:following us|followed us|de nous suivre|nous suivre)${WORD_END}`, 'gu');
// An offer to help speaks to them even without "you": "feel free to ask us", "n'hésitez pas".
// A recommendation made to them, its "you" implied: "worth a peek", "ça vaut le détour".
const ADDRESSING = new RegExp(
  `${WORD_START}(?:feel free|don't hesitate|do not hesitate|n'hesite[zs]? pas|just ask|ask us|let us know|ping us|shout|dites nous|ecrivez nous|bon courage|bonne (?:decouverte|continuation|chance|journee|soiree|semaine|lecture|visite)|bon (?:week-end|weekend|dimanche|voyage|appetit)|good luck|best of luck|welcome (?:to|aboard|on board)|bienvenue (?:dans|au|aux|a|chez|parmi|sur)|mate|pal|legend|buddy|congrats|congratulations|kudos|well done|take care|felicitations|bravo|chapeau|prends soin|prenez soin|dear|cher|chere|happy (?:baking|reading|listening|riding|running|cooking|coding|gardening|hunting|knitting|painting|travels|trails)|on se (?:voit|croise|retrouve|recroise|dit|parle)|(?:well )?worth (?:a|the) (?:peek|look|visit|listen|read|follow|try|watch|detour)|ca vaut (?:le detour|le coup|la peine))${WORD_END}`,
  'gu',
);
// Imperatives speak to the reader, with an implied "you": French "-ez" forms and "rejoins-nous", and
// a verb opening a clause, after a stop, a comma or a linking word ("so give us a follow", "Pense à
// liker", "…, find us there").
// Weak links ("and", "just", "then") count only right after a clause's start: "we've just hit 10k" is no imperative.
const CLAUSE_START = "(?:(?:^|[.!?:,;(—–\\p{Extended_Pictographic}]|\\s-)\\s*(?:(?:and|then|just|now|or|et|puis|surtout|juste)\\s+)?|(?<![\\p{L}\\p{N}])(?:so|please|pls|do|go|alors|donc|stp|svp)\\s+)";
const ENGLISH_IMPERATIVES = [
  'sign', 'join', 'check', 'follow', 'grab', 'get', 'come', 'see', 'enjoy', 'take', 'read', 'find', 'feel', 'drop', 'send', 'tell', 'give', 'use', 'try', 'hit',
  'visit', 'subscribe', 'reply', 'ask', 'share', 'pop', 'hop', 'jump', 'head', 'say', 'catch', 'connect', 'add', 'like', 'leave', 'stop', 'swing', 'look', 'watch',
  'listen', 'ping', 'dm', 'text', 'call', 'ring', 'message', 'reach', 'shoot', 'let', 'keep', 'stay', 'mind', 'tap', 'slide', 'sub', 'peep', 'tune', 'hang', 'meet',
  'make', 'book', 'pull', 'bring', 'tag', 'vote', 'pick', 'save',
];
const FRENCH_IMPERATIVES = [
  'pense', 'passe', 'viens', 'rejoins', 'retrouve', 'file', 'dis', 'ecris', 'regarde', 'jette', 'envoie', 'laisse', 'reponds', 'clique', 'decouvre', 'profite',
  'fonce', 'essaie', 'essaye', 'ajoute', 'partage', 'garde', 'prends', 'fais', 'raconte', 'montre', 'note', 'tente', 'abonne', 'ecoute', 'lis', 'teste',
  'reserve', 'inscris', 'oublie', 'hesite', 'cherche', 'tape', 'glisse', 'balance', 'contacte', 'appelle',
  'demande', 'suis', 'ramene', 'installe', 'sers', 'choisis', 'vote',
];
const IMPERATIVE = new RegExp(
  `${WORD_START}(?:(?!(?:chez|assez|nez|rez)${WORD_END})\\p{L}{2,}ez|\\p{L}+-(?:nous|moi|toi))${WORD_END}|${CLAUSE_START}(?:n')?(?:${[...ENGLISH_IMPERATIVES, ...FRENCH_IMPERATIVES].join('|')})${WORD_END}`,
  'gu',
);
// What the reader may do, as an infinitive of purpose with "you" implied: "le mieux pour suivre nos
// nouveautés", "the easiest way to keep up" (not "we're thrilled to see", which is about us).
const READER_PURPOSE = new RegExp(
  `(?<!(?:excited|thrilled|happy|proud|glad|love|loved|able|hope|hoping|want|wants|need|heureux|heureuse|ravi|ravis|fier|fiers|hate) )${WORD_START}(?:pour (?:ne (?:rien|pas) )?(?:suivre|voir|decouvrir|rater|manquer|louper|retrouver|rejoindre|recevoir|rester au courant)|to (?:follow|see|keep up|catch|discover|miss|find|stay|join))${WORD_END}`,
  'gu',
);
// The thanks or greeting a message opens with, sentence by sentence: "Thanks for the follow!", "Cheers for
// following.", "Merci beaucoup 🙏". It is said to them but says nothing, neither about them nor about us.
// The thanks and greetings a welcome opens with, as written; read folded here and with the case of their first letter in GREETING_NAME.
const OPENERS = [
  'thanks', 'thank you', 'thank u', 'thx', 'ty', 'tysm', 'cheers', 'much appreciated', 'many thanks', 'merci', 'welcome', 'bienvenue', 'hi', 'hey', 'hello', 'hiya',
  'howdy', 'namaste', 'yo', "g'day", 'dear', 'cher', 'chère', 'hola', 'ciao', 'bonjour', 'salut', 'coucou',
];
const OPENING_FORMULA = new RegExp(
  `^(?:[^\\p{L}\\p{N}]*${WORD_START}(?:${OPENERS.map(foldString).join('|')})${WORD_END}[^.!?\\n\\p{Extended_Pictographic}]*(?:[.!?\\n\\p{Extended_Pictographic}\\uFE0F\\u200D]+|$))+`,
  'u',
);
const TAGGED = /^\s*@\w/u;
const WORD = /[\p{L}\p{N}]+/gu;
// News about the team needs no "we": "Second game shipping this spring. Three years, four people."
// Past its opening thanks, a message that says this much and nothing to them is about us.
const NEWS_MIN_WORDS = 4;
// A wish made to them, its "I" left out: "Hope the launch goes well", "Have a great week".
const WISH = new RegExp(`${CLAUSE_START}(?:hope (?:the|it|that|all)|have (?:a|an) (?:great|good|nice|lovely|wonderful|fab)|have fun)${WORD_END}`, 'gu');
// A question is put to them, even one about us ("Why us, if I may ask?").
const QUESTION = /\?+/g;
// Two statements about the team and not one word to them: the message is all about us.
const ALL_ABOUT_US_MIN = 2;
// Five "we" or more, four times as many as "you": the balance of a message centred on the sender.
const MOSTLY_RATIO = 4;
const MOSTLY_MIN = 5;

function count(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let found = 0;
  while (pattern.exec(text) !== null) found++;
  return found;
}

/** Naming the person, or tagging them, is talking to them. */
function addressesFollower(folded: string, follower: AuditContext['follower']): boolean {
  const names = [follower?.handle ? `@${follower.handle}` : '', follower?.name?.split(/\s+/)[0] ?? '']
    .map(foldString)
    .filter((name) => name.length >= 2);
  return names.some((name) => folded.includes(name));
}

// The person called by their name in the opening greeting: "Thanks for the follow, Ines!", "Merci Zoé !",
// "Hi Sam,". Read on the first sentence of each line only, where a name is a vocative and not a list's
// last item (a draft pasted under a heading greets on its second line); used when the audit has no
// follower to compare it with.
// A template names them by a slot even unfilled ("Hi {{first name}}", "[pseudo]"): the message is addressed to someone.
const NAME_SLOT = /(?<![\p{L}\p{N}])xxx(?![\p{L}\p{N}])|(?:[{[%<$]\s*|:)(?:\w+\.)?(?:first[ _-]?name|firstname|name|prenom|pseudo|user[ _-]?name|handle)/u;
const GREETING_NAME = new RegExp(
  `^[^.!?\\n]*?(?:,\\s*|(?<![\\p{L}\\p{N}])(?:${OPENERS.map((word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`).join('|')})\\s+)(\\p{Lu}\\p{Ll}{1,20})\\s*(?:[!,.?]|\\p{Extended_Pictographic}|$)`,
  'mu',
);

const asksThem = (context: AuditContext): boolean =>
  extractLinks(context.text).length > 0 || checkSalesPitch(context).length > 0 || checkSocialRedirect(context).length > 0 || checkContactHarvest(context).length > 0;

export function check(context: AuditContext): RuleFinding[] {
  const folded = foldText(context.text).folded;
  const we = count(FIRST_PERSON, folded) + count(TEAM, folded) + (context.lang === 'fr' ? count(ON, folded) : 0);
  // A name in the greeting is theirs only when the audit cannot tell: with the follower known, their own name decides.
  const named = context.follower?.name || context.follower?.handle ? addressesFollower(folded, context.follower) : GREETING_NAME.test(context.text) || NAME_SLOT.test(folded);
  const you = count(SECOND_PERSON, folded) + (context.lang === 'fr' ? count(TA, folded) : 0) + (named ? 1 : 0);
  // Whether anything speaks to them at all: "thank you" and "following us" are formulas, an imperative is an address.
  const toThem = you - count(THANK_YOU, folded) + count(ADDRESSING, folded) + count(IMPERATIVE, folded) + count(QUESTION, folded) + count(READER_PURPOSE, folded) + count(WISH, folded);
  if (toThem <= 0) {
    // The team in the third person only matters to a message that speaks to nobody: read it only then.
    const ours = we + count(NAMED_SELF, stripAccents(context.text)) + count(HISTORY_AND_REACH, folded);
    if (ours - count(FOLLOWING_US, folded) >= ALL_ABOUT_US_MIN) return [{ messageId: 'allAboutUs', ...wholeText(context.text), data: { we: ours }, suggestion: SUGGESTION }];
    // Once is enough then, and so is news with no "we" at all, once past the thanks; but a link is put
    // there for them to open, and an offer, an invitation elsewhere or a request for their details is
    // made to them: its own rule says what is wrong.
    const rest = folded.replace(OPENING_FORMULA, '');
    const weAfterThanks = count(FIRST_PERSON, rest) + count(TEAM, rest) + (context.lang === 'fr' ? count(ON, rest) : 0) - count(FOLLOWING_US, rest);
    // A public welcome opens with their handle: put to them, its news without "we" may be about them ("@kai thx! that kickflip was filthy").
    const news = count(WORD, rest) >= NEWS_MIN_WORDS && !TAGGED.test(context.text);
    if ((weAfterThanks >= 1 || news) && !asksThem(context)) return [{ messageId: 'ourNews', ...wholeText(context.text), suggestion: SUGGESTION }];
  }
  if (we >= MOSTLY_MIN && we >= MOSTLY_RATIO * you) return [{ messageId: 'mostlyAboutUs', ...wholeText(context.text), data: { we, you }, suggestion: SUGGESTION }];
  return [];
}
