// A varied, reproducible corpus of welcomes for the audit benchmark: French and English, good and
// bad, short and long, DMs and mentions, with and without history.
import { seededRandom } from '../src/demo/random';
import type { AuditHistory, AuditInput } from '../src/rules/types';

const NAMES = ['Anna', 'Léa', 'Jules', 'Karim', 'Zoé', 'Sam', 'Priya', 'Leo', 'Mia', 'Chloé', 'Ben', 'Maëlle', 'Noah', 'Inès', 'Raj', 'Olivia'];
const TOPICS = {
  fr: ['la céramique', 'le compost', 'le design produit', 'la photo de rue', 'Postgres', 'le vin nature', "l'accessibilité", 'le vélo cargo'],
  en: ['ceramics', 'composting', 'product design', 'street photography', 'Postgres', 'natural wine', 'accessibility', 'cargo bikes'],
};

type Fragments = Record<'open' | 'middle' | 'link' | 'close', string[]>;

const FR: Fragments = {
  open: [
    'Merci de nous suivre, {name} !',
    'Un grand merci pour le suivi, {name} 🙏',
    'Bonjour {name}, merci pour le follow.',
    'Bienvenue {name} !',
    'Ravi de vous compter parmi nous, {name}.',
    'Bonjour {{prenom}}, merci de nous suivre !',
    'MERCI {name} !!! BIENVENUE DANS LA FAMILLE',
    'Nous vous remercions de votre confiance, {name}.',
  ],
  middle: [
    'Sur quoi travaillez-vous en ce moment ?',
    "J'ai vu votre fil sur {topic}, passionnant.",
    'Votre travail sur {topic} nous a beaucoup plu.',
    "Comment avez-vous trouvé l'atelier de jeudi ?",
    'Pourquoi tu me suis ?',
    'Comment nous avez-vous trouvés ?',
    "Qu'attendez-vous de nous ?",
    'Laissez-nous votre e-mail pour recevoir nos conseils.',
    'Inscrivez-vous à notre newsletter !',
    'Profitez de -20 % avec le code BIENVENUE20.',
    'Suivez-nous aussi sur Instagram 📸',
    'Nous sommes une agence : nous aidons nos clients, notre équipe adore son métier.',
    "L'atelier coûte 10 €, on en reparle si ça vous tente.",
  ],
  link: ['', '', 'Notre guide : https://brand.fr/guide', 'Tout est ici : aide.brand.fr/debuter', 'bit.ly/3xYz', 'www.boutique.fr et facebook.com/brand', 'brand.fr.securite-compte.com/login'],
  close: ['Bonne journée !', 'À bientôt.', '', 'Belle semaine à vous 🙂', 'Au plaisir de vous lire.'],
};

const EN: Fragments = {
  open: [
    'Thanks for the follow, {name}!',
    'Really appreciate the follow, {name}.',
    'Hey {name}, thank you for following us!',
    'Welcome aboard, {name}!',
    'Glad to have you here, {name}.',
    'Hi [First name], thanks for the follow!',
    'THANKS {name}!!! WELCOME TO THE FAMILY',
    'Grateful you are here, {name}.',
  ],
  middle: [
    'What are you working on these days?',
    'Loved your thread on {topic}.',
    'Your photos of {topic} made our week.',
    'How did you find our workshop last week?',
    'Why did you follow me?',
    'How did you hear about us?',
    'What do you expect from us?',
    'Send us your email address and we will keep you posted.',
    'Subscribe to our newsletter for weekly tips.',
    'Use code WELCOME for 20% off, limited time offer!',
    'Like our page on Facebook too.',
    'We are a studio: we make lamps, our team loves our craft and our shop ships worldwide.',
    'Tickets for the meetup are $15 if you fancy it.',
  ],
  link: ['', '', 'Our guide: https://brand.com/guide', 'Help is at help.brand.com/start', 'tinyurl.com/brand-guide', 'www.shop.com and instagram.com/brand', 'brand-com.net/offer'],
  close: ['Have a great week!', 'Cheers,', '', 'Talk soon 🙂', 'Enjoy the feed.'],
};

const LONG_PARAGRAPH = {
  fr: "Nous publions chaque semaine un article de fond sur notre métier, avec des exemples concrets, des retours d'expérience de nos clients et des conseils que vous pouvez appliquer dès le lendemain. ",
  en: 'Every week we publish an in-depth article about our craft, with concrete examples, stories from our customers and advice you can put to work the very next day. ',
};

const HISTORY = 50;

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

function sentTexts(next: () => number, count: number): string[] {
  return Array.from({ length: count }, () => {
    const lang = next() < 0.5 ? 'fr' : 'en';
    const fragments = lang === 'fr' ? FR : EN;
    return `${pick(next, fragments.open)} ${pick(next, fragments.middle)}`.replaceAll('{name}', pick(next, NAMES)).replaceAll('{topic}', pick(next, TOPICS[lang]));
  });
}

/** Builds `count` audit inputs; the same seed gives the same corpus. */
export function buildAuditCorpus(count = 2_000, seed = 2024): AuditInput[] {
  const next = seededRandom(seed);
  const deskLog = sentTexts(next, 1_000);
  const corpus: AuditInput[] = [];
  for (let i = 0; i < count; i++) {
    const lang = next() < 0.5 ? 'fr' : 'en';
    const fragments = lang === 'fr' ? FR : EN;
    const name = pick(next, NAMES);
    const handle = `${name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}_${i}`;
    const kind = next() < 0.25 ? 'mention' : 'dm';
    const parts = [pick(next, fragments.open), pick(next, fragments.middle)];
    if (next() < 0.3) parts.push(pick(next, fragments.middle));
    parts.push(pick(next, fragments.link), pick(next, fragments.close));
    // Some long DMs: a few past brevity, a couple past X's 10,000 characters.
    const roll = next();
    if (kind === 'dm' && roll < 0.1) parts.push(LONG_PARAGRAPH[lang].repeat(roll < 0.002 ? 60 : 1 + Math.floor(next() * 4)));
    let text = parts.filter(Boolean).join(' ').replaceAll('{name}', name).replaceAll('{topic}', pick(next, TOPICS[lang]));
    if (kind === 'mention') text = `@${handle} ${text}${next() < 0.15 ? ' cc @brand_team @marketing' : ''}`;
    const input: AuditInput = {
      text,
      kind,
      ownDomains: lang === 'fr' ? ['brand.fr'] : ['brand.com'],
      accountKind: next() < 0.05 ? 'personal' : 'business',
      follower: { handle, name, bio: '' },
    };
    if (next() < 0.5) input.lang = lang;
    // Half the corpus comes with history, as the desk reads it: the 50 welcomes sent last (a window
    // sliding over the desk's log), copied into fresh strings as the database would return them.
    if (next() < 0.5) {
      const from = (i * 7) % (deskLog.length - HISTORY);
      const recent = deskLog.slice(from, from + HISTORY).map((text) => ` ${text}`.slice(1));
      const history: AuditHistory = { previousWelcome: next() < 0.05 ? { channel: 'dm', sentAt: '2025-01-01T00:00:00Z', by: 'Marie' } : null, sentTexts: recent };
      input.history = history;
    }
    corpus.push(input);
  }
  return corpus;
}
