import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  ACCOUNT_KINDS,
  ANSWER_STATUSES,
  CHANNELS,
  DM_POLICIES,
  FOLLOWER_SOURCES,
  LANGS,
  MESSAGE_DIRECTIONS,
  MESSAGE_HANDLINGS,
  MESSAGE_VIAS,
  SEND_MODES,
  WELCOME_EVENT_TYPES,
  WELCOME_STATUSES,
  X_AUTHS,
  type Channel,
  type FollowerProfile,
} from '../domain';
/** A setting saved from App Home or the CLI: by whom (a Slack user id, or "cli") and when (ISO 8601). */
export type SettingsSavedBy = Partial<Record<'kind' | 'dmPolicy' | 'sendMode' | 'ownDomains' | 'topics' | 'slackChannelId', { by: string; at: string }>>;

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const instant = (name: string) => timestamp(name, { withTimezone: true });
/** `column in ('a', 'b')`, from the same constant that types the column. */
const oneOf = (column: Parameters<typeof sql>[1], values: readonly string[]) => sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;

/** An X account whose followers a desk welcomes, with its settings. */
export const xAccounts = pgTable(
  'x_accounts',
  {
    id: serial('id').primaryKey(),
    xUserId: text('x_user_id').notNull(),
    handle: text('handle').notNull(),
    name: text('name').notNull().default(''),
    kind: text('kind', { enum: ACCOUNT_KINDS }).notNull().default('business'),
    dmPolicy: text('dm_policy', { enum: DM_POLICIES }).notNull().default('engaged-only'),
    sendMode: text('send_mode', { enum: SEND_MODES }).notNull().default('api'),
    ownDomains: jsonb('own_domains').$type<string[]>().notNull().default([]),
    topics: jsonb('topics').$type<string[]>().notNull().default([]),
    ruleOverrides: jsonb('rule_overrides').$type<Record<string, string>>().notNull().default({}),
    slackChannelId: text('slack_channel_id').notNull(),
    /** Who set each setting last, when not the environment: what the team saved wins over it at every start. */
    settingsSavedBy: jsonb('settings_saved_by').$type<SettingsSavedBy>().notNull().default({}),
    baselineTakenAt: instant('baseline_taken_at'),
    /** Where an interrupted baseline resumes: X allows 15 follower pages per 15 minutes. */
    baselineCursor: text('baseline_cursor'),
    lastPolledAt: instant('last_polled_at'),
    lastPollNewCount: integer('last_poll_new_count').notNull().default(0),
    /** The account's X credentials, AES-256-GCM encrypted with ACCUEIL_SECRET_KEY (src/secrets.ts); null without a key. */
    xCredentials: text('x_credentials'),
    /** How the bot acts for the account on X: the environment's OAuth 1.0a keys, a stored OAuth 1.0a pair (x_credentials), or OAuth 2.0 tokens from `accueil x-login` (x_oauth_tokens). */
    xAuth: text('x_auth', { enum: X_AUTHS }).notNull().default('env'),
    /** Whether a follower's DM text is shown in the desk channel, or only "they wrote you a DM — open in X". */
    showDmText: boolean('show_dm_text').notNull().default(true),
    /** Set by `accueil accounts remove` when the account has history to keep; such an account is neither polled nor shown. */
    removedAt: instant('removed_at'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('x_accounts_x_user_id_key').on(table.xUserId),
    check('x_accounts_kind_check', oneOf(table.kind, ACCOUNT_KINDS)),
    check('x_accounts_dm_policy_check', oneOf(table.dmPolicy, DM_POLICIES)),
    check('x_accounts_send_mode_check', oneOf(table.sendMode, SEND_MODES)),
    check('x_accounts_x_auth_check', oneOf(table.xAuth, X_AUTHS)),
  ],
);

/** A person who follows (or followed) an account; the profile is the snapshot taken when they were noticed. */
export const followers = pgTable(
  'followers',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => xAccounts.id),
    xUserId: text('x_user_id').notNull(),
    handle: text('handle').notNull(),
    /** baseline: already following when the desk started, never gets a card. */
    source: text('source', { enum: FOLLOWER_SOURCES }).notNull(),
    profile: jsonb('profile').$type<FollowerProfile>(),
    firstSeenAt: instant('first_seen_at').notNull().defaultNow(),
    unfollowedAt: instant('unfollowed_at'),
    engagedFirstAt: instant('engaged_first_at'),
    engagedFirstVia: text('engaged_first_via', { enum: CHANNELS }),
    /** When they first sent the account a DM: under engaged-only, only this unlocks a DM (X: "only after user DMs you first"). */
    engagedDmAt: instant('engaged_dm_at'),
    /** Their post that mentioned or replied to the account: the public welcome answers it as a reply. */
    engagedPostId: text('engaged_post_id'),
    /** When they asked not to be contacted (STOP, « arrêtez »…, or X's own opt-out): the desk never offers them a DM again. */
    doNotContactAt: instant('do_not_contact_at'),
    /** Why: the words they used, or `x-opt-out`. */
    doNotContactReason: text('do_not_contact_reason'),
  },
  (table) => [
    uniqueIndex('followers_account_x_user_key').on(table.accountId, table.xUserId),
    check('followers_source_check', oneOf(table.source, FOLLOWER_SOURCES)),
  ],
);

/**
 * The welcome for one follower, through its whole life: pending → approved → sending → sent / failed,
 * or skipped / expired. The unique follower_id is the house rule "one welcome per follower, ever".
 */
export const welcomes = pgTable(
  'welcomes',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => xAccounts.id),
    followerId: integer('follower_id')
      .notNull()
      .references(() => followers.id),
    status: text('status', { enum: WELCOME_STATUSES }).notNull().default('pending'),
    channel: text('channel', { enum: CHANNELS }),
    lang: text('lang', { enum: LANGS }).notNull(),
    templateId: text('template_id'),
    triage: jsonb('triage').$type<Record<string, unknown>>().notNull(),
    /** The draft of the recommended channel (the public one when nothing is recommended). */
    draftText: text('draft_text').notNull(),
    /** One draft per channel the card offers, each written for its channel; older welcomes have none. */
    drafts: jsonb('drafts').$type<Partial<Record<Channel, string>>>().notNull().default({}),
    finalText: text('final_text'),
    editedBy: text('edited_by'),
    editedAt: instant('edited_at'),
    /** How the approved welcome leaves, fixed at approval: a welcome approved for manual sending stays manual. */
    sendMode: text('send_mode', { enum: SEND_MODES }),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    slackChannelId: text('slack_channel_id').notNull(),
    slackTs: text('slack_ts'),
    xDmEventId: text('x_dm_event_id'),
    xDmConversationId: text('x_dm_conversation_id'),
    xPostId: text('x_post_id'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    sendingStartedAt: instant('sending_started_at'),
    /** The bot process (bot_instances.id) whose send is in flight; null when no live process owns the send. */
    sendingBy: text('sending_by'),
    /** Set while a process posts the card for the first time, so two processes never post two cards. */
    cardClaimedAt: instant('card_claimed_at'),
    sentAt: instant('sent_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('welcomes_follower_key').on(table.followerId),
    index('welcomes_account_status_idx').on(table.accountId, table.status),
    check('welcomes_status_check', oneOf(table.status, WELCOME_STATUSES)),
    check('welcomes_channel_check', sql`${table.channel} is null or ${oneOf(table.channel, CHANNELS)}`),
    check('welcomes_send_mode_check', sql`${table.sendMode} is null or ${oneOf(table.sendMode, SEND_MODES)}`),
    check('welcomes_decided_check', sql`${table.status} in ('pending', 'expired') or ${table.decidedBy} is not null`),
  ],
);

/** Append-only log of every state change of a welcome, with who caused it. */
export const welcomeEvents = pgTable(
  'welcome_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    welcomeId: integer('welcome_id')
      .notNull()
      .references(() => welcomes.id),
    type: text('type', { enum: WELCOME_EVENT_TYPES }).notNull(),
    fromStatus: text('from_status', { enum: WELCOME_STATUSES }),
    toStatus: text('to_status', { enum: WELCOME_STATUSES }),
    /** A Slack user id, or "system" for the bot itself. */
    actor: text('actor').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: instant('at').notNull().defaultNow(),
  },
  (table) => [index('welcome_events_welcome_idx').on(table.welcomeId)],
);

/** Slack retries deliveries and Bolt does not deduplicate: each id is handled once. */
export const slackEventsSeen = pgTable('slack_events_seen', {
  eventId: text('event_id').primaryKey(),
  seenAt: instant('seen_at').notNull().defaultNow(),
});

/** Each audit run, so the digest can say what the audit caught this week. */
export const auditRuns = pgTable(
  'audit_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id').references(() => xAccounts.id),
    welcomeId: integer('welcome_id').references(() => welcomes.id),
    source: text('source').notNull(),
    actor: text('actor'),
    verdict: text('verdict').notNull(),
    ruleIds: jsonb('rule_ids').$type<string[]>().notNull().default([]),
    at: instant('at').notNull().defaultNow(),
  },
  (table) => [index('audit_runs_at_idx').on(table.at)],
);

export type XAccountRow = typeof xAccounts.$inferSelect;
export type FollowerRow = typeof followers.$inferSelect;
export type WelcomeRow = typeof welcomes.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Tracking and the weekly digest (issue 4): what welcoming does, measured.

/**
 * The +1, +7 and +30-day look-ups of one follower: welcomed followers, and a control sample of the
 * same size drawn from followers of the same weeks who got no welcome. The anchor is the moment the
 * desk dealt with them (the welcome sent, or the card skipped or expired), so both cohorts are
 * measured from the same point in their story.
 */
export const followerChecks = pgTable(
  'follower_checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => xAccounts.id),
    followerId: integer('follower_id')
      .notNull()
      .references(() => followers.id),
    cohort: text('cohort').notNull(),
    offsetDays: integer('offset_days').notNull(),
    anchorAt: instant('anchor_at').notNull(),
    dueAt: instant('due_at').notNull(),
    checkedAt: instant('checked_at'),
    /** Whether X still listed them as following (`followed_by`) at the check. */
    following: boolean('following'),
    /** False when X no longer knows the account (deleted or suspended). */
    found: boolean('found'),
    connectionStatus: jsonb('connection_status').$type<string[]>(),
  },
  (table) => [
    uniqueIndex('follower_checks_follower_offset_key').on(table.followerId, table.offsetDays),
    index('follower_checks_due_idx').on(table.dueAt),
    check('follower_checks_cohort_check', sql`${table.cohort} in ('welcomed', 'control')`),
    check('follower_checks_offset_check', sql`${table.offsetDays} in (1, 7, 30)`),
  ],
);

/** Each time a check finds a tracked follower gone, or back again. */
export const followChanges = pgTable(
  'follow_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => xAccounts.id),
    followerId: integer('follower_id')
      .notNull()
      .references(() => followers.id),
    change: text('change').notNull(),
    seenAt: instant('seen_at').notNull(),
  },
  (table) => [
    index('follow_changes_seen_idx').on(table.seenAt),
    check('follow_changes_change_check', sql`${table.change} in ('unfollowed', 'refollowed')`),
  ],
);

/**
 * A follower writing to the account: `first` when no welcome had been sent to them (under the
 * engaged-only policy this is what allows a DM), `reply` when they wrote after their welcome.
 * One of each per follower: the first time is what the figures measure.
 */
export const engagements = pgTable(
  'engagements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => xAccounts.id),
    followerId: integer('follower_id')
      .notNull()
      .references(() => followers.id),
    welcomeId: integer('welcome_id').references(() => welcomes.id),
    kind: text('kind').notNull(),
    /** dm: a direct message; reply: a reply to the welcome post; mention: any other post naming the account. */
    via: text('via').notNull(),
    /** The DM event or post id on X. */
    xId: text('x_id').notNull(),
    /** When the follower wrote, as X dates it. */
    at: instant('at').notNull(),
    /** For a reply, seconds from the welcome being sent to the reply being written. */
    secondsToEngage: integer('seconds_to_engage'),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('engagements_follower_kind_key').on(table.followerId, table.kind),
    // One message is one engagement: what they wrote before a welcome is never also its reply.
    uniqueIndex('engagements_account_x_id_key').on(table.accountId, table.xId),
    index('engagements_at_idx').on(table.at),
    check('engagements_kind_check', sql`${table.kind} in ('first', 'reply')`),
    check('engagements_via_check', sql`${table.via} in ('dm', 'mention', 'reply')`),
  ],
);

/**
 * A DM conversation we look into on a widening schedule: after a DM welcome (did they answer?),
 * or while a card waits under the engaged-only policy (did they write first?). X bills every DM
 * event read, so each conversation is read a handful of times, not on every pass.
 */
export const dmWatches = pgTable(
  'dm_watches',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => xAccounts.id),
    followerId: integer('follower_id')
      .notNull()
      .references(() => followers.id),
    purpose: text('purpose').notNull(),
    anchorAt: instant('anchor_at').notNull(),
    checksDone: integer('checks_done').notNull().default(0),
    lastCheckedAt: instant('last_checked_at'),
    closedAt: instant('closed_at'),
  },
  (table) => [
    uniqueIndex('dm_watches_follower_purpose_key').on(table.followerId, table.purpose),
    check('dm_watches_purpose_check', sql`${table.purpose} in ('reply', 'first')`),
  ],
);

/** Where the next read of the account's mentions starts. */
export const trackingCursors = pgTable('tracking_cursors', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => xAccounts.id),
  mentionsSinceId: text('mentions_since_id'),
  mentionsReadAt: instant('mentions_read_at'),
  /** The newest DM event already read from the account-wide GET /2/dm_events: the next read stops there. */
  dmEventsNewestId: text('dm_events_newest_id'),
  dmEventsReadAt: instant('dm_events_read_at'),
  /** When each recent request to GET /2/dm_events was made (X allows 15 per 15 minutes per user), shared by every process. */
  dmEventsRequests: jsonb('dm_events_requests').$type<string[]>().notNull().default([]),
});

/** X API calls per account (its X user id), day (UTC) and billing category, with the units X bills. */
export const xApiUsage = pgTable(
  'x_api_usage',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    xUserId: text('x_user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    category: text('category').notNull(),
    calls: integer('calls').notNull().default(0),
    units: integer('units').notNull().default(0),
  },
  (table) => [uniqueIndex('x_api_usage_account_day_category_key').on(table.xUserId, table.day, table.category)],
);

/** X's pay-per-use prices, one row per billing category; seeded with the published prices, editable. */
export const xPrices = pgTable('x_prices', {
  category: text('category').primaryKey(),
  unit: text('unit').notNull(),
  usdPerUnit: doublePrecision('usd_per_unit').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** One weekly digest per account and period, whichever process the schedule woke. */
export const digestRuns = pgTable(
  'digest_runs',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => xAccounts.id),
    /** The local date (in the team's time zone) the period ends on, e.g. 2026-03-09. */
    periodKey: text('period_key').notNull(),
    periodStart: instant('period_start').notNull(),
    periodEnd: instant('period_end').notNull(),
    slackChannelId: text('slack_channel_id').notNull(),
    slackTs: text('slack_ts'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('digest_runs_account_period_key').on(table.accountId, table.periodKey)],
);

// ---------------------------------------------------------------------------------------------
// Reliability (issue 5): which bot processes are alive, so a send whose process died is reconciled
// with X rather than trusted, or sent blindly a second time.

/**
 * One row per running bot process, its heartbeat refreshed every few seconds, with the pg-boss jobs
 * it is running: when it dies, another process fails those jobs at once rather than waiting for
 * pg-boss to expire them (a dead `active` job holds up its queue).
 */
export const botInstances = pgTable('bot_instances', {
  id: text('id').primaryKey(),
  startedAt: instant('started_at').notNull().defaultNow(),
  heartbeatAt: instant('heartbeat_at').notNull().defaultNow(),
  activeJobs: jsonb('active_jobs').$type<Array<{ queue: string; id: string }>>().notNull().default([]),
});

// ---------------------------------------------------------------------------------------------
// Several accounts (issue 7): OAuth 2.0 user tokens from `accueil x-login`.

/**
 * One X account's OAuth 2.0 tokens, keyed by its X user id (they exist before the account is added
 * to a desk). Both tokens are AES-256-GCM sealed (src/secrets.ts), bound to the X user id. X rotates
 * the refresh token on every use, so a refresh happens under a row lock (src/db/x-tokens.ts).
 */
export const xOauthTokens = pgTable('x_oauth_tokens', {
  xUserId: text('x_user_id').primaryKey(),
  handle: text('handle').notNull(),
  accessToken: text('access_token').notNull(),
  refreshToken: text('refresh_token'),
  expiresAt: instant('expires_at').notNull(),
  scope: text('scope').notNull(),
  refreshedAt: instant('refreshed_at'),
  createdAt: createdAt(),
});

export type XOauthTokensRow = typeof xOauthTokens.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Conversations (issue 12): what a carded follower writes, and the team's answers, in the card's thread.

/**
 * One message of a conversation with a carded follower: theirs (`in`: a DM, a reply to the welcome
 * post, a mention) or the team's answer (`out`). Stored once per X id; posted in the thread of the
 * card (`welcome_id`) once `slack_ts` is set. An answer goes through the states of a welcome.
 */
export const conversationMessages = pgTable(
  'conversation_messages',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => xAccounts.id),
    followerId: integer('follower_id')
      .notNull()
      .references(() => followers.id),
    /** The card whose thread the message belongs to. */
    welcomeId: integer('welcome_id').references(() => welcomes.id),
    direction: text('direction', { enum: MESSAGE_DIRECTIONS }).notNull(),
    via: text('via', { enum: MESSAGE_VIAS }).notNull(),
    /** X's DM event id or post id; null for an answer not sent yet. */
    xId: text('x_id'),
    /** In: the post they replied to. Out: their post answered publicly. */
    inReplyToXId: text('in_reply_to_x_id'),
    /** Out: the incoming message it answers. */
    answersMessageId: integer('answers_message_id').references((): AnyPgColumn => conversationMessages.id),
    text: text('text').notNull(),
    /** When it was written, as X dates it; for an answer, when it was sent. */
    writtenAt: instant('written_at'),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
    /** The thread message in Slack, once posted. */
    slackTs: text('slack_ts'),
    // Incoming: what the team did with it (null: it waits for an answer).
    handled: text('handled', { enum: MESSAGE_HANDLINGS }),
    /** A Slack user id. */
    handledBy: text('handled_by'),
    handledAt: instant('handled_at'),
    /** When the thread was reminded that it waits (ANSWER_NUDGE_HOURS): once. */
    nudgedAt: instant('nudged_at'),
    // Outgoing: the answer's life, as a welcome's.
    status: text('status', { enum: ANSWER_STATUSES }),
    /** The Slack user who typed it. */
    writtenBy: text('written_by'),
    approvedBy: text('approved_by'),
    approvedAt: instant('approved_at'),
    attempts: integer('attempts').notNull().default(0),
    errorKind: text('error_kind'),
    errorDetail: text('error_detail'),
    sendingStartedAt: instant('sending_started_at'),
    /** The bot process (bot_instances.id) whose send is in flight. */
    sendingBy: text('sending_by'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('conversation_messages_account_x_id_key')
      .on(table.accountId, table.xId)
      .where(sql`${table.xId} is not null`),
    index('conversation_messages_welcome_written_idx').on(table.welcomeId, table.writtenAt),
    check('conversation_messages_direction_check', oneOf(table.direction, MESSAGE_DIRECTIONS)),
    check('conversation_messages_via_check', oneOf(table.via, MESSAGE_VIAS)),
    check('conversation_messages_handled_check', sql`${table.handled} is null or ${oneOf(table.handled, MESSAGE_HANDLINGS)}`),
    check('conversation_messages_status_check', sql`${table.status} is null or ${oneOf(table.status, ANSWER_STATUSES)}`),
    // An incoming message has an X id and no status; an answer always has a status.
    check('conversation_messages_shape_check', sql`(${table.direction} = 'in' and ${table.xId} is not null and ${table.status} is null) or (${table.direction} = 'out' and ${table.status} is not null)`),
  ],
);

export type ConversationMessageRow = typeof conversationMessages.$inferSelect;
