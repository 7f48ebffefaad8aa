import twitterText from 'twitter-text';
import type { WelcomeRuleMeta } from './rule';
import { wholeText } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'mention-names-follower',
  severity: 'error',
  needsFollower: true,
  onlyFor: 'mention',
  description: {
    fr: "Une mention de bienvenue nomme la personne accueillie : son @pseudo, une seule fois, et personne d'autre à sa place.",
    en: 'A public welcome names the person it is for: their @handle, once, and nobody else in their place.',
  },
  rationale: {
    fr: "Une mention sans le @pseudo du nouvel abonné ne lui parvient pas : il ne la voit jamais. Avec le @pseudo de quelqu'un d'autre, on accueille publiquement la mauvaise personne ; répété, le pseudo fait message automatique.",
    en: "A mention without the new follower's @handle never reaches them: they never see it. With someone else's @handle, the wrong person is welcomed in public; repeated, it reads as a bot.",
  },
  messages: {
    missingFollower: {
      fr: "Ce message ne nomme pas @{follower} : la personne accueillie ne le verra pas.",
      en: 'This message does not name @{follower}: the person being welcomed will not see it.',
    },
    notTheFollower: {
      fr: "@{handle} n'est pas la personne accueillie (@{follower}).",
      en: '@{handle} is not the person being welcomed (@{follower}).',
    },
    followerTwice: {
      fr: '@{follower} est nommé plusieurs fois : une fois suffit.',
      en: '@{follower} is named more than once: once is enough.',
    },
  },
};

const NAME_THEM = {
  fr: 'Commencez par @{follower}.',
  en: 'Start with @{follower}.',
};
const ONCE = {
  fr: 'Retirez la mention répétée.',
  en: 'Remove the repeated mention.',
};

export function check(context: AuditContext): RuleFinding[] {
  const follower = context.follower?.handle?.replace(/^@/, '');
  if (context.kind !== 'mention' || !follower) return [];
  const mentions = twitterText.extractMentionsWithIndices(context.text);
  const theirs = mentions.filter((mention) => mention.screenName.toLowerCase() === follower.toLowerCase());
  if (theirs.length === 0) {
    // Someone else named in their place: point at the first of them (multiple-mentions reports the rest).
    const other = mentions[0];
    if (other) return [{ messageId: 'notTheFollower', start: other.indices[0], end: other.indices[1], data: { handle: other.screenName, follower }, suggestion: NAME_THEM }];
    return [{ messageId: 'missingFollower', ...wholeText(context.text), data: { follower }, suggestion: NAME_THEM }];
  }
  return theirs.slice(1).map((mention) => ({ messageId: 'followerTwice', start: mention.indices[0], end: mention.indices[1], data: { follower }, suggestion: ONCE }));
}
