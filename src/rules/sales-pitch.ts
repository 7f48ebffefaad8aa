import type { WelcomeRuleMeta } from './rule';
import { findAll, WORD_END, WORD_START, wordsPattern } from './text';
import type { TextRange } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'sales-pitch',
  severity: 'error',
  description: {
    fr: "Pas d'argumentaire de vente : « achetez », codes promo, remises, offres limitées, majuscules criardes.",
    en: 'No sales pitch: buy now, promo codes, discounts, limited offers, shouting in capitals.',
  },
  rationale: {
    fr: "Le vendeur qui vous saute dessus avant que vous ayez lâché la poignée de la porte : voilà ce qu'est une promo dans un message d'accueil. Il faut donner avant de recevoir ; la vente viendra de la qualité de ce que vous publiez.",
    en: 'A promo in a welcome is the shop assistant who pounces before you let go of the door handle. Give before you take; sales come from the quality of what you post, not from the first message.',
  },
  messages: {
    pitch: {
      fr: "Argumentaire de vente dans un message d'accueil : on donne d'abord, on vend plus tard.",
      en: 'Sales talk in a welcome: give first, sell later.',
    },
    shouting: {
      fr: 'Des mots entiers en majuscules : ça crie, comme une publicité.',
      en: 'Whole words in capitals: it shouts, like an advert.',
    },
  },
};

const SUGGESTIONS = {
  pitch: {
    fr: "Retirez l'offre ; proposez plutôt une ressource utile et gratuite de votre site.",
    en: 'Drop the offer; point to a free, useful resource on your own site instead.',
  },
  shouting: { fr: 'Écrivez en minuscules, sur un ton de conversation.', en: 'Write in lower case, in a conversational tone.' },
};

// Selling, not mentioning: a price said in passing ("the workshop is €10") is not a pitch, and
// "gratuit" / "free" alone is often a gift (a free guide), so neither is listed.
const PITCH = wordsPattern([
  'buy (?:now|today|it now|yours|one|ours|our|from us)', 'shop (?:now|today|our)', 'order (?:now|today|yours)',
  'promo(?:tional)? codes?', 'discount(?:s|ed)?(?: codes?)?', 'coupons?', 'use (?:the |my |our )?code', 'vouchers?',
  '(?:save|get) (?:up to )?\\d+ ?%', 'limited(?: time)? (?:offer|deal)', 'limited time', 'special (?:offer|deal|price)', 'exclusive (?:offer|deal|discount)',
  'offer ends', 'sale ends', 'flash sale', 'on sale', 'free shipping', "don't miss (?:out|this offer|our offer)", 'act now', 'hurry (?:up|now|while|before)',
  'today only', 'last chance', '(?:best|lowest) price', 'deals? of the day', 'black friday', 'cyber monday', 'bogo', 'buy one get one',
  'add (?:it )?to (?:your )?cart', 'money back',
  'achet(?:ez|e|er)', 'commandez', 'commande[sz]? (?:des maintenant|vite|aujourd\'hui)', 'codes? promo', 'codes? (?:de )?(?:reduction|remise|avantage)',
  'utilise[sz]? le code', 'avec le code', '\\d+ ?% de (?:reduction|remise|rabais)', "jusqu'a ?-? ?\\d+ ?%", 'remises? de \\d+', 'remises? (?:exceptionnelle|immediate)s?', 'rabais',
  'soldes', 'nos promo(?:tion)?s', 'en promo(?:tion)?', 'promo(?:tion)?s? (?:exceptionnelle|speciale|du moment|en cours)s?',
  'offres? (?:limitee|speciale|exclusive|exceptionnelle|de bienvenue|promotionnelle|flash|du moment)s?', 'vente flash', 'profitez en',
  'profitez (?:de|des) (?:nos offres|notre offre|cette offre|la promo|\\d+)', 'derniere chance', 'livraison (?:gratuite|offerte)', 'frais de port offerts',
  'ne (?:ratez|manquez) pas (?:notre|nos|cette) (?:offre|promo|vente)s?', 'depechez vous', "aujourd'hui seulement", 'prix (?:casses|choc|imbattables?|special|speciaux)',
  'bons? de reduction', 'satisfait ou rembourse', 'ajoute[rz]? au panier', 'dans la limite des stocks',
]);
// "-20 %" has no word start before the minus sign.
const PERCENT_OFF = new RegExp(`(?<![\\p{L}\\p{N}])-\\s?\\d{1,2}\\s?%${WORD_END}|${WORD_START}\\d{1,2}\\s?% off${WORD_END}`, 'gu');
// Three or more words in capitals in a row ("LIMITED TIME OFFER", "ACHETEZ VITE MAINTENANT").
const SHOUTING = /(?<![\p{L}\p{N}])\p{Lu}{2,}(?:[\s,.'’!&-]+\p{Lu}{2,}){2,}(?![\p{L}\p{N}])/gu;
const MIN_SHOUTED_LETTERS = 10;

const overlapsAny = (range: TextRange, ranges: readonly TextRange[]): boolean => ranges.some((other) => range.start < other.end && other.start < range.end);

export function check(context: AuditContext): RuleFinding[] {
  const pitches: TextRange[] = [];
  for (const range of [...findAll(context.text, PITCH), ...findAll(context.text, PERCENT_OFF)]) {
    if (!overlapsAny(range, pitches)) pitches.push(range);
  }
  const findings: RuleFinding[] = pitches.map((range) => ({ messageId: 'pitch', ...range, suggestion: SUGGESTIONS.pitch }));
  SHOUTING.lastIndex = 0;
  for (let match = SHOUTING.exec(context.text); match !== null; match = SHOUTING.exec(context.text)) {
    const letters = match[0].replace(/[^\p{L}]/gu, '').length;
    if (letters >= MIN_SHOUTED_LETTERS) findings.push({ messageId: 'shouting', start: match.index, end: match.index + match[0].length, suggestion: SUGGESTIONS.shouting });
  }
  return findings.sort((a, b) => a.start - b.start);
}
