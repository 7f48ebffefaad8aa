// The audit's third reading: a small learned model per meaning-based rule, for the phrasings no
// pattern names. Patterns catch what the rule's lists say; writers who never saw those lists still
// find a tenth of each concept in words of their own ("the real banter is in the club's WhatsApp",
// "when would suit you for a quick phone chat?"). A logistic regression over the message's stems in
// both languages, their pairs, the concepts below and the words around each concept, trained on the
// labelled corpus (scripts/train-audit-model.ts), reads those.
//
// It only speaks where the rule's concept is present (a network, a way to reach someone, a question
// about the follow, an offer), so the model decides between two readings of the same words (an
// invitation to Discord or their Discord server praised), never whether a message about bread is a
// sales pitch. It is trained on welcomes, so an answer in a conversation is not read by it.
import weights from './learned-weights.json';
import { NETWORKS, VENUES } from './lexicon';
import { tokenText } from './tokens';
import type { TextRange } from './text';
import type { AuditContext, Localized, RuleFinding } from './types';

export type LearnedRule = 'no-social-redirect' | 'no-contact-harvest' | 'interrogation' | 'sales-pitch';
export const LEARNED_RULES: readonly LearnedRule[] = ['no-social-redirect', 'no-contact-harvest', 'interrogation', 'sales-pitch'];

const words = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean));
/** Single words of a shared lexicon ("=insta" → insta); phrases and prefixes are the patterns' business. */
const singleWords = (lexicon: readonly string[]): string[] => lexicon.filter((entry) => !/[_*<]/.test(entry)).map((entry) => entry.replace(/^=/, ''));

/** The concepts, as folded words. A concept is both a feature and the gate of the rules it belongs to. */
const CONCEPTS = {
  network: new Set([...singleWords(NETWORKS), ...words('tt bs wa disc strava steam circle deezer podcast podcasts reels reel twitter substack zuckerberg')]),
  venue: new Set([...singleWords(VENUES), ...words('groups chat hub app apps appli application plateforme platform reseau network site espace space qg server discussion stream streams club')]),
  contact: words(
    'mail email emails mails courriel adresse address addy phone tel telephone numero number num digits coordonnees coords details contact contacter call appel appeler rappeler joindre reach ecrire write newsletter newsletters list liste inbox substack mailchimp beehiiv sms text dispo rdv slot creneau name nom company entreprise societe role poste zoom meet visio ring calendar calendly agenda booking rue postal postcode zip domicile coordonnee portable mobile cell joignable rappel',
  ),
  why: words('why how what pourquoi comment cmt quoi wonder curious curieux curieuse savoir know reason raison raisons motivation motive brought amene amenee mene expect expecting attends attendez attente esperes hope hoping'),
  follow: words('follow follows followed following suivre suivi suis suit abonne abonnee abonnement abo sub subscribed find found trouve trouves trouver tombe tombee land landed came arrive arrivee decouvert discover discovered hit click clicked bouton button here ici'),
  offer: words(
    'sale sales solde soldes promo promos offre offer offers deal deals price prix tarif tarifs code codes stock last dernier derniere derniers left reste restent places spots seats ends fin until jusque before avant vite hurry deadline minuit midnight tonight today free gratuit gratuite trial essai off remise reduc reduction rabais discount buy acheter achetez order commande commander limited limite limitee exclusive exclusif flash',
  ),
} as const;
type Concept = keyof typeof CONCEPTS;

/** The concepts that must be present for the model to read a message for the rule, the most telling first. */
const GATES: Record<LearnedRule, readonly (Concept | '#pct' | '#money' | '#code')[]> = {
  'no-social-redirect': ['network', 'venue'],
  'no-contact-harvest': ['contact'],
  interrogation: ['why', 'follow'],
  'sales-pitch': ['offer', '#pct', '#money', '#code'],
};

interface Model {
  /** A probability above it is a finding; chosen leaving one writer out (see the script). */
  threshold: number;
  bias: number;
  weights: Record<string, number>;
}
interface Weights {
  rules: Record<LearnedRule, Model>;
}
/** The weights as maps: a lookup per feature, four rules a message, on the audit's hot path. */
const MODELS = new Map(
  Object.entries((weights as Weights).rules).map(([rule, model]) => [rule as LearnedRule, { ...model, weights: new Map(Object.entries(model.weights)) }]),
);
const CONCEPT_NAMES = Object.keys(CONCEPTS) as Concept[];

export interface Reading {
  /** The message's features: stems, pairs of stems, concepts. */
  features: string[];
  /** Where each concept (and each notation: #pct, #money, #code) first appears. */
  concepts: Map<string, TextRange>;
}

/** How many words on each side of a concept are read with it. */
const WINDOW = 3;

let last: { text: string; lang: string; reading: Reading } | null = null;

/** The features of a message in its language; cached for the text last read, since four rules ask. */
export function readingOf(text: string, lang: 'fr' | 'en'): Reading {
  if (last?.text === text && last.lang === lang) return last.reading;
  const { tokens } = tokenText(text);
  const features = new Set<string>();
  const concepts = new Map<string, TextRange>();
  const stems = tokens.map((token) => (lang === 'fr' ? token.fr : token.en));
  tokens.forEach((token, index) => {
    const stem = stems[index]!;
    features.add(`w ${stem}`);
    // Welcomes mix the two languages: the word's other stem is read too ("join" in a French message).
    const other = lang === 'fr' ? token.en : token.fr;
    if (other !== stem) features.add(`w ${other}`);
    features.add(`p ${stems[index - 1] ?? '^'} ${stem}`);
    if (token.en.startsWith('#') && !concepts.has(token.en)) concepts.set(token.en, { start: token.start, end: token.end });
    for (const concept of CONCEPT_NAMES) {
      if (!CONCEPTS[concept].has(token.word)) continue;
      features.add(`c ${concept}`);
      if (!concepts.has(concept)) concepts.set(concept, { start: token.start, end: token.end });
      // The words around a concept say which way it goes: "join our Discord" or "your Discord server",
      // "your e-mail" or "our e-mail", "why us" or "why pottery".
      for (let near = Math.max(0, index - WINDOW); near <= Math.min(tokens.length - 1, index + WINDOW); near++) {
        if (near !== index) features.add(`n ${concept} ${stems[near]}`);
      }
    }
  });
  const reading = { features: [...features], concepts };
  last = { text, lang, reading };
  return reading;
}

/** Where the rule's concept first appears (its most telling part first: the network before the group), or null when the message holds none of it. */
export function gateOf(rule: LearnedRule, reading: Reading): TextRange | null {
  for (const concept of GATES[rule]) {
    const range = reading.concepts.get(concept);
    if (range) return range;
  }
  return null;
}

/** The model's probability that the message breaks the rule. */
function probability(model: { bias: number; weights: ReadonlyMap<string, number> }, features: readonly string[]): number {
  let sum = model.bias;
  for (const feature of features) sum += model.weights.get(feature) ?? 0;
  return 1 / (1 + Math.exp(-sum));
}

/**
 * The rule's learned reading of a welcome: the range of the concept that opened it, when the model
 * reads the message as breaking the rule; null otherwise (no concept, an answer, or a clean reading).
 */
function learnedReading(rule: LearnedRule, context: AuditContext): TextRange | null {
  if (context.answering) return null;
  const reading = readingOf(context.text, context.lang);
  const range = gateOf(rule, reading);
  if (range === null) return null;
  const model = MODELS.get(rule)!;
  return probability(model, reading.features) > model.threshold ? range : null;
}

/** A rule's findings; when its patterns found nothing, its learned reading, under the message id `learned`. */
export function withLearnedReading(rule: LearnedRule, findings: RuleFinding[], context: AuditContext, suggestion: Localized): RuleFinding[] {
  if (findings.length > 0) return findings;
  const range = learnedReading(rule, context);
  return range === null ? [] : [{ messageId: 'learned', ...range, suggestion }];
}
