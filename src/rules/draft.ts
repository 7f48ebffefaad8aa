import { getDomain } from 'tldts';
import twttr from 'twitter-text';
import type { Channel, FollowerProfile, Lang } from '../domain';
import type { TemplateSlots, VoiceAddress } from '../domain/templates';
import { cleanText, firstNameOf, hasLinkOrTag } from './draft-name';
import { renderTemplate } from './render-template';
import { defaultSignOff, templatesFor } from './templates';

/** X's limit for a post, in weighted characters (a URL counts 23). */
export const MENTION_MAX_WEIGHTED = 280;
/** Past this a DM stops being the brief thank-you the seeds describe. */
export const DM_BRIEF_MAX = 300;
// Topics and team names come from settings; a runaway one must not crowd out the thanks.
const MAX_TOPIC_LENGTH = 40;
const MAX_ACCOUNT_NAME_LENGTH = 40;
const MAX_SIGN_OFF_LENGTH = 60;

/** A template a draft may start from: the account's live ones, or the built-in set. */
export interface DraftTemplate {
  key: string;
  /** 1 for the built-in set. */
  version: number;
  body: string;
}

export interface DraftOptions {
  profile: FollowerProfile;
  lang: Lang;
  channel: Channel;
  topic: string | null;
  ownDomains: string[];
  /** The team's name, signed at the end of a DM. */
  accountName?: string;
  /** The account's sign-off; the built-in one ("L’équipe {account}") when absent. */
  signOff?: string | null;
  /** How a French draft addresses the follower; vous by default. */
  address?: VoiceAddress;
  /** The templates to choose from: the account's live ones for this language and channel; the built-in set by default. */
  templates?: readonly DraftTemplate[];
  /** Chooses among the templates for this language and channel (for A/B tests); the first by default. */
  pick?: (n: number) => number;
}

export interface Draft {
  /** Empty when the template could not be filled (a required slot left empty). */
  text: string;
  templateId: string;
  templateVersion: number;
}

const length = (text: string): number => [...text].length;

/** Settings text that may go into a draft: clean, short, and never a link or a tag of its own. */
function settingText(text: string | null | undefined, max: number): string | null {
  const clean = cleanText(text ?? '');
  if (!clean || length(clean) > max || hasLinkOrTag(clean)) return null;
  return clean;
}

/** A link to the team's own site: the first of its domains, or null when it has none that X would link. */
export function ownLink(ownDomains: readonly string[]): string | null {
  const first = ownDomains[0];
  if (!first) return null;
  const site = cleanText(first).replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const host = site.split(/[/?#]/)[0];
  if (!host || /\s/.test(site) || getDomain(host) === null) return null;
  const link = `https://${site}`;
  return twttr.extractUrls(link).length === 1 ? link : null;
}

function handleOf(profile: FollowerProfile): string {
  // X handles are 1 to 15 of [A-Za-z0-9_]; anything else here is not from X.
  return profile.handle.replace(/^@/, '').replace(/[^A-Za-z0-9_]/g, '').slice(0, 15);
}

function templateIndex(pick: DraftOptions['pick'], n: number): number {
  const chosen = pick ? Math.trunc(pick(n)) : 0;
  return Number.isFinite(chosen) ? ((chosen % n) + n) % n : 0;
}

function fits(text: string, channel: Channel): boolean {
  if (channel === 'dm') return length(text) <= DM_BRIEF_MAX;
  const parsed = twttr.parseTweet(text);
  return parsed.valid && parsed.weightedLength <= MENTION_MAX_WEIGHTED;
}

/**
 * A welcome for one follower, for a teammate to edit and approve: the chosen template for the
 * language and channel, filled with their first name and, when there is one, the topic from
 * their bio. A mention starts with @handle and fits in a post; a DM stays brief. Optional
 * sentences are dropped, last first, until it does.
 */
export function draftWelcome(opts: DraftOptions): Draft {
  const { profile, lang, channel } = opts;
  const handle = handleOf(profile);
  const templates: readonly DraftTemplate[] = opts.templates?.length
    ? opts.templates
    : templatesFor(lang, channel).map((t) => ({ key: t.key, version: 1, body: t.body }));
  const template = templates[templateIndex(opts.pick, templates.length)]!;
  const account = settingText(opts.accountName, MAX_ACCOUNT_NAME_LENGTH);
  const slots: TemplateSlots = {
    name: firstNameOf(profile.name) ?? (channel === 'dm' && handle ? `@${handle}` : null),
    topic: settingText(opts.topic, MAX_TOPIC_LENGTH),
    link: ownLink(opts.ownDomains),
    account,
    signoff: opts.signOff ? settingText(opts.signOff, MAX_SIGN_OFF_LENGTH) : defaultSignOff(lang, account),
  };
  const prefix = channel === 'mention' && handle ? `@${handle} ` : '';
  const rendered = renderTemplate(template.body, slots, { lang, address: opts.address, fits: (text) => fits(prefix + text, channel) });
  return { text: rendered.ok ? prefix + rendered.text : '', templateId: template.key, templateVersion: template.version };
}
