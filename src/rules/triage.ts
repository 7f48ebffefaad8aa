import type { AccountSettings, FollowerProfile, Lang } from '../domain';
import { formatNumber } from '../i18n/format';
import { detectLanguage } from './lang';
import { foldString as fold } from './text';
import type { Localized } from './types';

// Triage turns a follower's profile into hints for the teammate who decides, and a
// recommendation they are free to ignore. Nothing here decides for them.

export type TriageFlagId =
  | 'default-avatar'
  | 'no-bio'
  | 'follow-ratio'
  | 'new-account'
  | 'digit-handle'
  | 'notable'
  | 'relevant'
  | 'protected'
  | 'dms-closed'
  | 'mutual';

export interface TriageFlag {
  id: TriageFlagId;
  kind: 'bot' | 'notable' | 'relevant' | 'info';
  label: Localized;
  /** The facts behind it, for a short form of the hint (the card's grouped line). */
  data?: { following?: number; followers?: number; days?: number; handle?: string; topic?: string };
}

/** Whether a channel is open for this follower; when it is not, why, in words. */
export type ChannelAvailability = { allowed: true; reason: null } | { allowed: false; reason: Localized };

export interface Triage {
  flags: TriageFlag[];
  likelyBot: boolean;
  lang: Lang;
  topic: string | null;
  dm: ChannelAvailability;
  mention: ChannelAvailability;
  recommendation: { channel: 'dm' | 'mention' | 'none'; reason: Localized };
}

export interface TriageContext {
  account: AccountSettings;
  /** The follower has already written to, mentioned or replied to the account. */
  engagedFirst: boolean;
  /** They sent the account a DM: under engaged-only, the only thing that unlocks a DM (X: "only after user DMs you first"). */
  sentDm: boolean;
  /** They asked not to be contacted (STOP, « arrêtez »…): no DM is ever offered to them again. */
  doNotContact?: boolean;
  now: Date;
  /** The team's language, used when the bio does not tell; English otherwise. */
  lang?: Lang;
}

/** Thresholds, named so the card, the docs and the tests agree on them. */
export const TRIAGE_THRESHOLDS = {
  // Follow-back farms follow thousands and are followed by few. The floor of 500 keeps a real
  // newcomer (following 80 people, followed by 2) from looking like one.
  followRatio: 20,
  followRatioMinFollowing: 500,
  newAccountDays: 30,
  // Four digits are often a birth year ("jean1985"); X's suggested handles append longer runs.
  handleTrailingDigits: 5,
  handleDigitShare: 0.4,
  handleMinDigits: 5,
  // Around where an account stops being a private person and has an audience of its own.
  notableFollowers: 10_000,
  likelyBotHints: 2,
} as const;

const DAY_MS = 86_400_000;

// French typography wants a no-break space before a colon and inside guillemets.
const NBSP = '\u00A0';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first of the team's topics that the bio mentions, as the team wrote it. Case and accents
 * do not matter; whole words only, with a plural s allowed ("startups" matches "startup").
 */
export function findTopic(bio: string, topics: readonly string[]): string | null {
  const text = fold(bio);
  for (const topic of topics) {
    const words = fold(topic).trim();
    if (!words) continue;
    const pattern = escapeRegExp(words).replace(/\s+/g, '\\s+');
    if (new RegExp(`(?<![\\p{L}\\p{N}])${pattern}s?(?![\\p{L}\\p{N}])`, 'u').test(text)) return topic.trim();
  }
  return null;
}

/** True when the handle looks machine-made: a long trailing number or mostly digits. */
export function isDigitHeavyHandle(handle: string): boolean {
  const { handleTrailingDigits, handleDigitShare, handleMinDigits } = TRIAGE_THRESHOLDS;
  const trailing = /\d*$/.exec(handle)?.[0].length ?? 0;
  const digits = handle.replace(/\D/g, '').length;
  return trailing >= handleTrailingDigits || (digits >= handleMinDigits && digits / handle.length > handleDigitShare);
}

function accountAgeDays(createdAt: string | null, now: Date): number | null {
  if (!createdAt) return null;
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return null;
  // A creation date in the future is clock skew: count it as brand new.
  return Math.max(0, Math.floor((now.getTime() - created) / DAY_MS));
}

const count = (n: number, lang: Lang): string => formatNumber(lang, n);

function ageLabel(days: number): Localized {
  if (days === 0) return { fr: 'aujourd’hui', en: 'today' };
  if (days === 1) return { fr: 'hier', en: 'yesterday' };
  return { fr: `il y a ${days} jours`, en: `${days} days ago` };
}

function botHints(profile: FollowerProfile, now: Date): TriageFlag[] {
  const t = TRIAGE_THRESHOLDS;
  const flags: TriageFlag[] = [];
  if (profile.defaultAvatar) {
    flags.push({
      id: 'default-avatar',
      kind: 'bot',
      label: {
        fr: 'Photo de profil par défaut (fréquent sur les comptes automatisés, mais aussi chez les nouveaux venus)',
        en: 'Default profile picture (common on automated accounts, and on newcomers too)',
      },
    });
  }
  if (!profile.bio.trim()) {
    flags.push({
      id: 'no-bio',
      kind: 'bot',
      label: {
        fr: 'Bio vide (rien pour personnaliser, et fréquent sur les comptes de spam)',
        en: 'Empty bio (nothing to personalise with, and common on spam accounts)',
      },
    });
  }
  const { followingCount: following, followersCount: followers } = profile;
  if (following >= t.followRatioMinFollowing && following > t.followRatio * followers) {
    flags.push({
      id: 'follow-ratio',
      kind: 'bot',
      data: { following, followers },
      label: {
        fr: `Suit ${count(following, 'fr')} comptes pour ${count(followers, 'fr')} abonnés (profil typique des comptes qui suivent en masse)`,
        en: `Follows ${count(following, 'en')} accounts with ${count(followers, 'en')} followers (typical of mass-following accounts)`,
      },
    });
  }
  const days = accountAgeDays(profile.createdAt, now);
  if (days !== null && days < t.newAccountDays) {
    const age = ageLabel(days);
    flags.push({
      id: 'new-account',
      kind: 'bot',
      data: { days },
      label: {
        fr: `Compte créé ${age.fr} (les comptes jetables sont récents, les vrais débutants aussi)`,
        en: `Account created ${age.en} (throwaway accounts are new, so are real beginners)`,
      },
    });
  }
  if (isDigitHeavyHandle(profile.handle)) {
    flags.push({
      id: 'digit-handle',
      kind: 'bot',
      data: { handle: profile.handle },
      label: {
        fr: `Identifiant chargé de chiffres (@${profile.handle}), comme ceux que X attribue aux comptes jamais personnalisés`,
        en: `Handle full of digits (@${profile.handle}), like the ones X hands out to accounts nobody personalised`,
      },
    });
  }
  return flags;
}

function otherFlags(profile: FollowerProfile, topic: string | null): TriageFlag[] {
  const flags: TriageFlag[] = [];
  if (profile.followersCount >= TRIAGE_THRESHOLDS.notableFollowers) {
    flags.push({
      id: 'notable',
      kind: 'notable',
      data: { followers: profile.followersCount },
      label: {
        fr: `Audience importante${NBSP}: ${count(profile.followersCount, 'fr')} abonnés`,
        en: `Large audience: ${count(profile.followersCount, 'en')} followers`,
      },
    });
  }
  if (topic !== null) {
    flags.push({
      id: 'relevant',
      kind: 'relevant',
      data: { topic },
      label: { fr: `Sa bio parle de «${NBSP}${topic}${NBSP}», un de vos sujets`, en: `Their bio mentions “${topic}”, one of your topics` },
    });
  }
  if (profile.protected) {
    flags.push({
      id: 'protected',
      kind: 'info',
      label: { fr: 'Compte protégé (ses publications sont privées)', en: 'Protected account (their posts are private)' },
    });
  }
  if (profile.receivesYourDm === false) {
    flags.push({
      id: 'dms-closed',
      kind: 'info',
      label: { fr: 'N’accepte pas vos messages privés', en: 'Does not accept your DMs' },
    });
  }
  // They follow the account (that is why they are here), so "following" alone makes it mutual.
  if (profile.connectionStatus.includes('following')) {
    flags.push({
      id: 'mutual',
      kind: 'info',
      label: { fr: 'Vous vous suivez mutuellement', en: 'You follow each other' },
    });
  }
  return flags;
}

/** The house rules on DMs, in the order DESIGN.md states them; the first that applies gives the reason. */
function dmAvailability(profile: FollowerProfile, ctx: TriageContext): ChannelAvailability {
  if (ctx.doNotContact) {
    return {
      allowed: false,
      reason: {
        fr: `Cette personne a demandé à ne plus être contactée${NBSP}: aucun message privé ne lui sera proposé.`,
        en: 'They asked not to be contacted: no DM will be offered to them.',
      },
    };
  }
  if (ctx.account.kind === 'personal') {
    return {
      allowed: false,
      reason: {
        fr: `Un compte personnel n’envoie pas de message privé à ses nouveaux abonnés${NBSP}: on l’attend d’une marque, pas d’une personne.`,
        en: 'A personal account should not DM new followers: people expect that from a brand, not from a person.',
      },
    };
  }
  if (ctx.account.dmPolicy === 'off') {
    return {
      allowed: false,
      reason: {
        fr: `Les messages privés sont désactivés pour ce compte (politique de DM «${NBSP}off${NBSP}»).`,
        en: 'DMs are turned off for this account (DM policy “off”).',
      },
    };
  }
  if (profile.receivesYourDm === false) {
    return {
      allowed: false,
      reason: {
        fr: `Cette personne n’accepte pas vos messages privés${NBSP}: proposez plutôt une mention publique.`,
        en: 'They do not accept DMs from you: offer a public mention instead.',
      },
    };
  }
  if (ctx.account.dmPolicy === 'engaged-only' && !ctx.sentDm) {
    return {
      allowed: false,
      reason: {
        fr: `Cette personne ne vous a pas encore envoyé de message privé. Les règles de X n’autorisent un message privé qu’après le sien${NBSP}: il deviendra possible dès qu’elle vous en enverra un.`,
        en: 'They have not sent you a DM yet. X’s rules allow a DM only after they DM you first: it becomes available as soon as they do.',
      },
    };
  }
  return { allowed: true, reason: null };
}

// A public mention shows the handle to the whole audience; someone who protected their account
// chose not to be seen by strangers, so the desk does not do it for them.
function mentionAvailability(profile: FollowerProfile): ChannelAvailability {
  if (!profile.protected) return { allowed: true, reason: null };
  return {
    allowed: false,
    reason: {
      fr: `Compte protégé${NBSP}: une mention publique exposerait une personne qui a choisi la discrétion.`,
      en: 'Protected account: a public mention would expose someone who chose privacy.',
    },
  };
}

function recommend(
  triage: Omit<Triage, 'recommendation'>,
  engagedFirst: boolean,
  sentDm: boolean,
): Triage['recommendation'] {
  const { likelyBot, dm, mention, topic, flags } = triage;
  if (likelyBot) {
    return {
      channel: 'none',
      reason: {
        fr: `Ressemble à un compte automatisé ou de spam${NBSP}: mieux vaut ne rien envoyer qu’un message impersonnel.`,
        en: 'Looks like an automated or spam account: better to send nothing than something impersonal.',
      },
    };
  }
  if (dm.allowed && sentDm) {
    return {
      channel: 'dm',
      reason: {
        fr: `Cette personne vous a écrit la première${NBSP}: répondez-lui personnellement en message privé.`,
        en: 'They wrote to you first: answer them personally in a DM.',
      },
    };
  }
  if (engagedFirst && mention.allowed) {
    // They mentioned or replied to the account: X's guidelines allow one reply to that interaction.
    return {
      channel: 'mention',
      reason: {
        fr: `Cette personne vous a mentionné la première${NBSP}: répondez à son post, un court mot personnel (X autorise une réponse par interaction).`,
        en: 'They mentioned you first: answer their post with a short, personal reply (X allows one reply per interaction).',
      },
    };
  }
  const notable = flags.some((flag) => flag.id === 'notable');
  // The seeds: a welcome is worth sending only when it can be personal. A public mention to
  // everyone spams the team's timeline, so without something to say, say nothing yet.
  const why: Localized | null = engagedFirst
    ? { fr: 'Cette personne vous a écrit la première', en: 'They wrote to you first' }
    : topic !== null
      ? { fr: `Sa bio parle de «${NBSP}${topic}${NBSP}»`, en: `Their bio mentions “${topic}”` }
      : notable
        ? { fr: 'Cette personne a une audience importante', en: 'They have a large audience' }
        : null;
  if (why === null) {
    return {
      channel: 'none',
      reason: {
        fr: `Rien de personnel à dire pour l’instant (aucun de vos sujets dans sa bio)${NBSP}: mieux vaut attendre un échange qu’envoyer un message impersonnel.`,
        en: 'Nothing personal to say yet (none of your topics in their bio): better to wait for an exchange than to send something impersonal.',
      },
    };
  }
  if (mention.allowed) {
    return {
      channel: 'mention',
      reason: {
        fr: `${why.fr}${NBSP}: un court mot public et personnel est à propos.`,
        en: `${why.en}: a short, personal public welcome fits.`,
      },
    };
  }
  if (dm.allowed) {
    return {
      channel: 'dm',
      reason: {
        fr: `${why.fr}, et son compte est protégé${NBSP}: un message privé personnel plutôt qu’une mention publique.`,
        en: `${why.en}, and their account is protected: a personal DM rather than a public mention.`,
      },
    };
  }
  return {
    channel: 'none',
    reason: {
      fr: `${why.fr}, mais aucun canal n’est ouvert. ${mention.reason.fr} ${dm.reason.fr}`,
      en: `${why.en}, but neither channel is open. ${mention.reason.en} ${dm.reason.en}`,
    },
  };
}

/** Hints and a recommendation for one follower's card. Pure: the same profile and context give the same triage. */
export function triageFollower(profile: FollowerProfile, ctx: TriageContext): Triage {
  const topic = findTopic(profile.bio, ctx.account.topics);
  const hints = botHints(profile, ctx.now);
  const base = {
    flags: [...hints, ...otherFlags(profile, topic)],
    likelyBot: hints.length >= TRIAGE_THRESHOLDS.likelyBotHints,
    lang: detectLanguage(profile.bio) ?? ctx.lang ?? 'en',
    topic,
    dm: dmAvailability(profile, ctx),
    mention: mentionAvailability(profile),
  };
  return { ...base, recommendation: recommend(base, ctx.engagedFirst, ctx.sentDm) };
}
