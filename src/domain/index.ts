// The product's vocabulary, shared by the rules, the X layer, the database and the bot.

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** How a welcome reaches the follower: one direct message or one public mention. */
export const CHANNELS = ['dm', 'mention'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ACCOUNT_KINDS = ['business', 'personal'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** engaged-only: a DM only after the person wrote first (X's guidelines); approved: any approved DM; off: never. */
export const DM_POLICIES = ['engaged-only', 'approved', 'off'] as const;
export type DmPolicy = (typeof DM_POLICIES)[number];

/** api: the bot sends through X; manual: the teammate sends in X and marks it as sent. */
export const SEND_MODES = ['api', 'manual'] as const;
export type SendMode = (typeof SEND_MODES)[number];

export const WELCOME_STATUSES = ['pending', 'approved', 'sending', 'sent', 'failed', 'skipped', 'expired'] as const;
export type WelcomeStatus = (typeof WELCOME_STATUSES)[number];

/**
 * Where a welcome may go from each state; transitionWelcome refuses anything else. An edit keeps a
 * welcome pending; a send being reconciled stays sending; a skipped welcome reopens when the follower writes first.
 */
export const WELCOME_TRANSITIONS: { readonly [from in WelcomeStatus]: readonly WelcomeStatus[] } = {
  pending: ['pending', 'approved', 'skipped', 'expired'],
  approved: ['sending', 'sent'],
  sending: ['sending', 'sent', 'approved', 'failed'],
  failed: ['approved', 'skipped'],
  skipped: ['pending'],
  sent: [],
  expired: [],
};

/** What the log of a welcome records: its state changes, and what happened without one. */
export const WELCOME_EVENT_TYPES = [
  'created',
  'approved',
  'edited',
  'skipped',
  'retried',
  'sent-manually',
  'expired',
  'reopened',
  'sending',
  'reconciling',
  'send-uncertain',
  'sent',
  'deferred',
  'failed',
  'approval-refused',
  'card-posted',
  'engaged-first',
  'requested-manually',
] as const;
export type WelcomeEventType = (typeof WELCOME_EVENT_TYPES)[number];

/** A message of a conversation: written by the follower (in), or the team's answer (out). */
export const MESSAGE_DIRECTIONS = ['in', 'out'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * How a message travelled. In: `dm`, `reply` (a reply to the welcome post) or `mention` (any other
 * post naming the account). Out: `dm`, or `reply` (a public reply to their post).
 */
export const MESSAGE_VIAS = ['dm', 'reply', 'mention'] as const;
export type MessageVia = (typeof MESSAGE_VIAS)[number];

/** What the team did with an incoming message; none yet means it waits for an answer. */
export const MESSAGE_HANDLINGS = ['answered', 'no-answer-needed'] as const;
export type MessageHandling = (typeof MESSAGE_HANDLINGS)[number];

/** An answer's life, as a welcome's: pending → approved → sending → sent / failed. */
export const ANSWER_STATUSES = ['pending', 'approved', 'sending', 'sent', 'failed'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** How the desk came to know a follower: baseline (already following at start, never carded), a poll, X's webhook, or a teammate. */
export const FOLLOWER_SOURCES = ['baseline', 'poll', 'webhook', 'manual'] as const;
export type FollowerSource = (typeof FOLLOWER_SOURCES)[number];

/** How the bot acts on X for an account: the environment's OAuth 1.0a keys, a stored OAuth 1.0a pair, or OAuth 2.0 tokens. */
export const X_AUTHS = ['env', 'oauth1', 'oauth2'] as const;
export type XAuth = (typeof X_AUTHS)[number];

/** What X tells us about a follower, as the card shows it. */
export interface FollowerProfile {
  xUserId: string;
  /** Without the leading @. */
  handle: string;
  name: string;
  bio: string;
  location: string | null;
  /** The profile link, expanded when X gives the expanded form. */
  url: string | null;
  /** Account creation time, ISO 8601. */
  createdAt: string | null;
  followersCount: number;
  followingCount: number;
  postsCount: number;
  verified: boolean;
  protected: boolean;
  defaultAvatar: boolean;
  /** X's `receives_your_dm`; null when X did not say. */
  receivesYourDm: boolean | null;
  /** X's `connection_status`, e.g. ["followed_by", "following"]. */
  connectionStatus: string[];
}

/** The X account a desk welcomes followers for, with its settings. */
export interface AccountSettings {
  kind: AccountKind;
  dmPolicy: DmPolicy;
  sendMode: SendMode;
  ownDomains: string[];
  /** Words from the team's field; a bio that mentions one is flagged relevant. */
  topics: string[];
}

export { checkOwnDomain, checkOwnDomains, type OwnDomainCheck, type OwnDomainProblem } from './own-domains';
