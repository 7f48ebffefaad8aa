import type { Channel, Lang } from '../domain';
import type { TemplateSeed } from '../domain/templates';

// The built-in welcome templates: the starting set each account is seeded with (as version 1 of
// these keys, so the statistics of welcomes drafted before templates lived in the database stay
// attached), and the drafts of an account that has none in the database. Each one thanks the
// person, speaks to them (vous or tu / you), asks them for nothing, sells nothing and sends them
// nowhere but, in a DM, to the team's own site. The body syntax is in render-template.ts.
//
// Keys are what A/B statistics are keyed on: never renumber or reword one in place; add a new key.
//
// Mentions carry no link: a public welcome with a URL reads as promotion on the team's timeline
// (and X bills a post with a URL about thirteen times one without). The DM is where the link goes.

export { deFr, frenchSpacing } from './render-template';

export interface WelcomeTemplate extends TemplateSeed {
  /** The key, as the statistics name it. */
  id: string;
}

const template = (id: string, lang: Lang, channel: Channel, ...lines: string[]): WelcomeTemplate => ({
  id,
  key: id,
  lang,
  channel,
  body: lines.join('\n'),
});

export const WELCOME_TEMPLATES: readonly WelcomeTemplate[] = [
  template(
    'fr-dm-1',
    'fr',
    'dm',
    'Bonjour {name}, merci de nous suivre, c’est un plaisir de {vous|te} compter parmi nous. [[Vu dans {votre|ta} bio : {topic}, c’est aussi notre terrain.]] [[Si cela peut {vous|te} servir, tout ce que nous publions est ici : {link}]]',
    '[[{signoff}]]',
  ),
  template(
    'fr-dm-2',
    'fr',
    'dm',
    'Merci de nous suivre, {name}, et bienvenue à {vous|toi}. [[{Votre|Ta} bio parle {de topic}, un sujet qui nous tient à cœur.]] [[Si {vous avez|tu as} besoin d’un coup de main, {écrivez|écris}-nous ici : une personne de l’équipe {vous|te} répondra.]] [[Nos articles sont sur {link}]]',
    '[[{signoff}]]',
  ),
  template(
    'fr-dm-3',
    'fr',
    'dm',
    '{name}, merci pour {votre|ton} intérêt, et bienvenue. [[Nous parlons souvent {de topic} : {vous êtes|tu es} au bon endroit.]] [[{Vous trouverez|Tu trouveras} nos derniers articles sur {link}]]',
    '[[{signoff}]]',
  ),
  template(
    'en-dm-1',
    'en',
    'dm',
    'Hi {name}, thanks for following us, it’s good to have you here. [[Saw {topic} in your bio: that’s our field too.]] [[If it’s any use, everything we publish is at {link}]]',
    '[[{signoff}]]',
  ),
  template(
    'en-dm-2',
    'en',
    'dm',
    'Thank you for the follow, {name}, and welcome. [[Your bio mentions {topic}, a subject close to our hearts.]] [[If you ever need a hand, write to us here: a person on the team will answer.]] [[Our articles are at {link}]]',
    '[[{signoff}]]',
  ),
  template(
    'en-dm-3',
    'en',
    'dm',
    '{name}, thank you for your interest, and welcome. [[We often talk about {topic} here, so you should feel at home.]] [[You can read our latest articles at {link}]]',
    '[[{signoff}]]',
  ),
  template(
    'fr-mention-1',
    'fr',
    'mention',
    'Merci de nous suivre, {name}, c’est un plaisir de {vous accueillir|t’accueillir}. [[Vu dans {votre|ta} bio : {topic}, c’est aussi notre terrain.]]',
  ),
  template('fr-mention-2', 'fr', 'mention', 'Bienvenue {name}, et merci pour {votre|ton} intérêt. [[{Votre|Ta} bio parle {de topic}, un sujet qui nous tient à cœur.]]'),
  template(
    'fr-mention-3',
    'fr',
    'mention',
    'Merci de {votre|ta} confiance, {name}. [[Nous parlons souvent {de topic} : {vous êtes|tu es} au bon endroit.]] [[Au plaisir d’échanger avec {vous|toi}.]]',
  ),
  template('en-mention-1', 'en', 'mention', 'Thanks for following, {name}, it’s a pleasure to have you. [[Saw {topic} in your bio: that’s our field too.]]'),
  template('en-mention-2', 'en', 'mention', 'Welcome, {name}, and thank you for your interest. [[Your bio mentions {topic}, a subject close to our hearts.]]'),
  template(
    'en-mention-3',
    'en',
    'mention',
    'Thank you for the follow, {name}. [[We talk about {topic} a lot, so you’re in the right place.]] [[Glad to have you here.]]',
  ),
];

/** The built-in templates for one language and channel, in a stable order. */
export function templatesFor(lang: Lang, channel: Channel): readonly WelcomeTemplate[] {
  return WELCOME_TEMPLATES.filter((t) => t.lang === lang && t.channel === channel);
}

/** The sign-off when the account sets none: the team's name, or nothing without one. */
export function defaultSignOff(lang: Lang, account: string | null): string | null {
  if (!account) return null;
  return lang === 'fr' ? `L’équipe ${account}` : `The ${account} team`;
}
