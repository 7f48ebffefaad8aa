// Welcome templates the team owns (issue 13): one row per version of a template, keyed by the
// public id the statistics use (the built-in `fr-dm-3` keeps its id as version 1).
import type { Channel, Lang } from './index';

/**
 * live: drawn at random for new drafts; paused: kept, not drawn; retired: kept in history only;
 * superseded: an older version of a key that was edited since (only the latest version of a key
 * can be live or paused).
 */
export const TEMPLATE_STATES = ['live', 'paused', 'retired', 'superseded'] as const;
export type TemplateState = (typeof TEMPLATE_STATES)[number];

/** Who wrote a version: the code's starting set, a teammate in App Home, or `accueil templates import`. */
export const TEMPLATE_SOURCES = ['built-in', 'slack', 'cli'] as const;
export type TemplateSource = (typeof TEMPLATE_SOURCES)[number];

/** What the append-only log of templates records. */
export const TEMPLATE_EVENT_TYPES = ['seeded', 'created', 'edited', 'duplicated', 'paused', 'resumed', 'promoted', 'retired', 'imported'] as const;
export type TemplateEventType = (typeof TEMPLATE_EVENT_TYPES)[number];

/** Where a welcome's draft came from: a template (key + version), or a language model (its name). */
export const DRAFT_SOURCES = ['template', 'model'] as const;
export type DraftSource = (typeof DRAFT_SOURCES)[number];

/** How the account speaks to a follower in French: `vous` (the default) or `tu`. */
export const VOICE_ADDRESSES = ['vous', 'tu'] as const;
export type VoiceAddress = (typeof VOICE_ADDRESSES)[number];

/**
 * The slots a template body may name: `{name}` (first name; in a DM "@handle" when none),
 * `{topic}` (one of the team's topics found in the bio), `{link}` (the team's own site),
 * `{account}` (the team's name), `{signoff}` (the account's sign-off, or "L’équipe {account}" /
 * "The {account} team").
 */
export const TEMPLATE_SLOTS = ['name', 'topic', 'link', 'account', 'signoff'] as const;
export type TemplateSlot = (typeof TEMPLATE_SLOTS)[number];

/** What a template is filled with; null when the draft has nothing for it. */
export type TemplateSlots = Record<TemplateSlot, string | null>;

/** The sample followers a template is previewed for, in its own language, before it is saved. */
export const PREVIEW_SAMPLES = ['with-topic', 'without-topic', 'long-name', 'no-first-name'] as const;
export type PreviewSample = (typeof PREVIEW_SAMPLES)[number];

/** Key of a template: what statistics are grouped by; lowercase letters, digits and dashes. */
export const TEMPLATE_KEY = /^[a-z0-9][a-z0-9-]{0,47}$/;

/** One version of one template of an account. */
export interface Template {
  id: number;
  accountId: number;
  key: string;
  version: number;
  lang: Lang;
  channel: Channel;
  body: string;
  state: TemplateState;
  /** A Slack user id, `built-in` or `cli`. */
  createdBy: string;
  createdAt: Date;
  source: TemplateSource;
}

/** A template body as the code's starting set writes it. */
export interface TemplateSeed {
  key: string;
  lang: Lang;
  channel: Channel;
  body: string;
}

/** What can be wrong with a body, found without filling it. */
export type TemplateBodyProblem =
  | { code: 'unknown-slot'; slot: string }
  | { code: 'unclosed-optional' }
  | { code: 'stray-bracket' }
  | { code: 'nested-optional' }
  | { code: 'slot-not-optional'; slot: TemplateSlot }
  | { code: 'empty-body' };

/** Problems with a template as the editor or the CLI gives it, each on a field. */
export type TemplateProblem =
  | (TemplateBodyProblem & { field: 'body'; level: 'error' })
  | { field: 'body'; level: 'error'; code: 'link-off-domain'; domain: string }
  /** A finding of the audit of a preview (message: the finding in the template's language). */
  | { field: 'body'; level: 'error' | 'warning'; code: 'audit-finding'; ruleId: string; sample: string; message?: string }
  /** A slot outside [[…]] the sample left empty ({account} without a team name): the draft would be empty. */
  | { field: 'body'; level: 'error'; code: 'render-failed'; sample: string }
  | { field: 'key'; level: 'error'; code: 'bad-key' | 'key-taken' }
  | { field: 'lang' | 'channel'; level: 'error'; code: 'bad-value' };
