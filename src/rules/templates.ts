import type { Channel, Lang } from '../domain';

// The welcome templates. Each one thanks the person, speaks to them (vous / you), asks them
// for nothing, sells nothing and sends them nowhere but, in a DM, to the team's own site.
// Templates are code rather than strings with {{placeholders}}: a slot cannot be left unfilled,
// and a name that itself reads "{{prenom}}" is never substituted twice.
//
// Ids are what A/B statistics are keyed on: never renumber or reword one in place; add a new id.
//
// Mentions carry no link: a public welcome with a URL reads as promotion on the team's timeline
// (and X bills a post with a URL about thirteen times one without). The DM is where the link goes.

/** What a template is filled with, already cleaned by the draft. */
export interface WelcomeSlots {
  /** The first name; in a DM "@handle" when the name gives none; null in a mention, which already starts with @handle. */
  name: string | null;
  /** One of the team's topics found in the bio. */
  topic: string | null;
  /** A link to the team's own site, or null when it has none. */
  link: string | null;
  /** The team's name, for a DM's sign-off. */
  account: string | null;
}

export interface Sentence {
  text: string;
  /** Optional sentences are dropped, last first, when the message would run too long. */
  optional: boolean;
  /** Starts on its own line (a sign-off). */
  ownLine?: boolean;
}

export interface WelcomeTemplate {
  id: string;
  lang: Lang;
  channel: Channel;
  write(slots: WelcomeSlots): Sentence[];
}

const required = (text: string): Sentence => ({ text, optional: false });
const optional = (text: string): Sentence => ({ text, optional: true });
const signOff = (text: string): Sentence => ({ text, optional: true, ownLine: true });

/** The sentences whose slot is filled, in order. */
const compact = (sentences: (Sentence | false)[]): Sentence[] => sentences.filter((s): s is Sentence => s !== false);

/** ", Marie" or nothing: a greeting reads well with or without the name. */
const comma = (name: string | null): string => (name ? `, ${name}` : '');
const space = (name: string | null): string => (name ? ` ${name}` : '');

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

export const WELCOME_TEMPLATES: readonly WelcomeTemplate[] = [
  {
    id: 'fr-dm-1',
    lang: 'fr',
    channel: 'dm',
    write: ({ name, topic, link, account }) =>
      compact([
        required(`Bonjour${space(name)}, merci de nous suivre, c’est un plaisir de vous compter parmi nous.`),
        !!topic && optional(`Vu dans votre bio : ${topic}, c’est aussi notre terrain.`),
        !!link && optional(`Si cela peut vous servir, tout ce que nous publions est ici : ${link}`),
        !!account && signOff(`L’équipe ${account}`),
      ]),
  },
  {
    id: 'fr-dm-2',
    lang: 'fr',
    channel: 'dm',
    write: ({ name, topic, link, account }) =>
      compact([
        required(`Merci de nous suivre${comma(name)}, et bienvenue à vous.`),
        !!topic && optional(`Votre bio parle ${deFr(topic)}, un sujet qui nous tient à cœur.`),
        optional('Si vous avez besoin d’un coup de main, écrivez-nous ici : une personne de l’équipe vous répondra.'),
        !!link && optional(`Nos articles sont sur ${link}`),
        !!account && signOff(`L’équipe ${account}`),
      ]),
  },
  {
    id: 'fr-dm-3',
    lang: 'fr',
    channel: 'dm',
    write: ({ name, topic, link, account }) =>
      compact([
        required(`${name ? `${name}, merci` : 'Merci'} pour votre intérêt, et bienvenue.`),
        !!topic && optional(`Nous parlons souvent ${deFr(topic)} : vous êtes au bon endroit.`),
        !!link && optional(`Vous trouverez nos derniers articles sur ${link}`),
        !!account && signOff(`L’équipe ${account}`),
      ]),
  },
  {
    id: 'en-dm-1',
    lang: 'en',
    channel: 'dm',
    write: ({ name, topic, link, account }) =>
      compact([
        required(`Hi${space(name)}, thanks for following us, it’s good to have you here.`),
        !!topic && optional(`Saw ${topic} in your bio: that’s our field too.`),
        !!link && optional(`If it’s any use, everything we publish is at ${link}`),
        !!account && signOff(`The ${account} team`),
      ]),
  },
  {
    id: 'en-dm-2',
    lang: 'en',
    channel: 'dm',
    write: ({ name, topic, link, account }) =>
      compact([
        required(`Thank you for the follow${comma(name)}, and welcome.`),
        !!topic && optional(`Your bio mentions ${topic}, a subject close to our hearts.`),
        optional('If you ever need a hand, write to us here: a person on the team will answer.'),
        !!link && optional(`Our articles are at ${link}`),
        !!account && signOff(`The ${account} team`),
      ]),
  },
  {
    id: 'en-dm-3',
    lang: 'en',
    channel: 'dm',
    write: ({ name, topic, link, account }) =>
      compact([
        required(`${name ? `${name}, thank` : 'Thank'} you for your interest, and welcome.`),
        !!topic && optional(`We often talk about ${topic} here, so you should feel at home.`),
        !!link && optional(`You can read our latest articles at ${link}`),
        !!account && signOff(`The ${account} team`),
      ]),
  },
  {
    id: 'fr-mention-1',
    lang: 'fr',
    channel: 'mention',
    write: ({ name, topic }) =>
      compact([
        required(`Merci de nous suivre${comma(name)}, c’est un plaisir de vous accueillir.`),
        !!topic && optional(`Vu dans votre bio : ${topic}, c’est aussi notre terrain.`),
      ]),
  },
  {
    id: 'fr-mention-2',
    lang: 'fr',
    channel: 'mention',
    write: ({ name, topic }) =>
      compact([
        required(`Bienvenue${space(name)}, et merci pour votre intérêt.`),
        !!topic && optional(`Votre bio parle ${deFr(topic)}, un sujet qui nous tient à cœur.`),
      ]),
  },
  {
    id: 'fr-mention-3',
    lang: 'fr',
    channel: 'mention',
    write: ({ name, topic }) =>
      compact([
        required(`Merci de votre confiance${comma(name)}.`),
        !!topic && optional(`Nous parlons souvent ${deFr(topic)} : vous êtes au bon endroit.`),
        optional('Au plaisir d’échanger avec vous.'),
      ]),
  },
  {
    id: 'en-mention-1',
    lang: 'en',
    channel: 'mention',
    write: ({ name, topic }) =>
      compact([
        required(`Thanks for following${comma(name)}, it’s a pleasure to have you.`),
        !!topic && optional(`Saw ${topic} in your bio: that’s our field too.`),
      ]),
  },
  {
    id: 'en-mention-2',
    lang: 'en',
    channel: 'mention',
    write: ({ name, topic }) =>
      compact([
        required(`Welcome${comma(name)}, and thank you for your interest.`),
        !!topic && optional(`Your bio mentions ${topic}, a subject close to our hearts.`),
      ]),
  },
  {
    id: 'en-mention-3',
    lang: 'en',
    channel: 'mention',
    write: ({ name, topic }) =>
      compact([
        required(`Thank you for the follow${comma(name)}.`),
        !!topic && optional(`We talk about ${topic} a lot, so you’re in the right place.`),
        optional('Glad to have you here.'),
      ]),
  },
];

/** The templates for one language and channel, in a stable order. */
export function templatesFor(lang: Lang, channel: Channel): readonly WelcomeTemplate[] {
  return WELCOME_TEMPLATES.filter((template) => template.lang === lang && template.channel === channel);
}
