import twitterText from 'twitter-text';
import type { WelcomeRuleMeta } from './rule';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'multiple-mentions',
  severity: 'error',
  description: {
    fr: "Une mention de bienvenue ne tague qu'une personne : le nouvel abonné.",
    en: 'A public welcome tags one person only: the new follower.',
  },
  rationale: {
    fr: "Taguer d'autres comptes dans un accueil public, c'est les notifier sans qu'ils l'aient demandé : X interdit les @mentions non sollicitées dans les publications automatisées, et l'accueil perd son caractère personnel.",
    en: "Tagging other accounts in a public welcome notifies people who did not ask for it: X forbids unsolicited @mentions in automated posts, and the welcome stops being personal.",
  },
  messages: {
    extraMention: {
      fr: "@{handle} n'est pas la personne accueillie : une seule mention par accueil.",
      en: '@{handle} is not the person being welcomed: one mention per welcome.',
    },
  },
};

const SUGGESTION = {
  fr: 'Ne gardez que la mention du nouvel abonné.',
  en: "Keep only the new follower's mention.",
};

export function check(context: AuditContext): RuleFinding[] {
  if (context.kind !== 'mention') return [];
  const mentions = twitterText.extractMentionsWithIndices(context.text);
  const handles = new Set(mentions.map((mention) => mention.screenName.toLowerCase()));
  if (handles.size <= 1) return [];
  // The follower is the one mention that belongs; without their handle, the first one is taken for theirs.
  const followerHandle = context.follower?.handle?.replace(/^@/, '').toLowerCase();
  const welcomed = followerHandle !== undefined && handles.has(followerHandle) ? followerHandle : mentions[0]!.screenName.toLowerCase();
  return mentions
    .filter((mention) => mention.screenName.toLowerCase() !== welcomed)
    .map((mention) => ({
      messageId: 'extraMention',
      start: mention.indices[0],
      end: mention.indices[1],
      data: { handle: mention.screenName },
      suggestion: SUGGESTION,
    }));
}
