// The audit's registry: every rule, sorted by id. Rule ids are a public interface (DESIGN.md).
import * as copyPaste from './copy-paste';
import * as interrogation from './interrogation';
import * as linkInPublicWelcome from './link-in-public-welcome';
import * as linkOffDomain from './link-off-domain';
import * as maxOneLink from './max-one-link';
import * as mentionNamesFollower from './mention-names-follower';
import * as missingThanks from './missing-thanks';
import * as multipleMentions from './multiple-mentions';
import * as noContactHarvest from './no-contact-harvest';
import * as noDmFromPersonalAccount from './no-dm-from-personal-account';
import * as noSocialRedirect from './no-social-redirect';
import * as oneDmPerFollower from './one-dm-per-follower';
import type { WelcomeRule } from './rule';
import * as salesPitch from './sales-pitch';
import * as selfCentered from './self-centered';
import * as tooLong from './too-long';
import * as unfilledPlaceholder from './unfilled-placeholder';

export const rules: WelcomeRule[] = [
  copyPaste,
  interrogation,
  linkInPublicWelcome,
  linkOffDomain,
  maxOneLink,
  mentionNamesFollower,
  missingThanks,
  multipleMentions,
  noContactHarvest,
  noDmFromPersonalAccount,
  noSocialRedirect,
  oneDmPerFollower,
  salesPitch,
  selfCentered,
  tooLong,
  unfilledPlaceholder,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

export const ruleIds: string[] = rules.map((rule) => rule.meta.id);


/** Rules that need the follower's handle: skipped, and said so, when an audit names no follower. */
export const followerRuleIds: ReadonlySet<string> = new Set(rules.filter((rule) => rule.meta.needsFollower).map((rule) => rule.meta.id));
