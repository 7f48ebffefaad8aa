import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { FollowerProfile } from '../domain';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const instant = (name: string) => timestamp(name, { withTimezone: true });

/** An X account whose followers a desk welcomes, with its settings. */
export const xAccounts = pgTable(
  'x_accounts',
  {
    id: serial('id').primaryKey(),
    xUserId: text('x_user_id').notNull(),
    handle: text('handle').notNull(),
    name: text('name').notNull().default(''),
    kind: text('kind').notNull().default('business'),
    dmPolicy: text('dm_policy').notNull().default('engaged-only'),
    sendMode: text('send_mode').notNull().default('api'),
    ownDomains: jsonb('own_domains').$type<string[]>().notNull().default([]),
    topics: jsonb('topics').$type<string[]>().notNull().default([]),
    ruleOverrides: jsonb('rule_overrides').$type<Record<string, string>>().notNull().default({}),
    slackChannelId: text('slack_channel_id').notNull(),
    baselineTakenAt: instant('baseline_taken_at'),
    /** Where an interrupted baseline resumes: X allows 15 follower pages per 15 minutes. */
    baselineCursor: text('baseline_cursor'),
    lastPolledAt: instant('last_polled_at'),
    lastPollNewCount: integer('last_poll_new_count').notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('x_accounts_x_user_id_key').on(table.xUserId),
    check('x_accounts_kind_check', sql`${table.kind} in ('business', 'personal')`),
    check('x_accounts_dm_policy_check', sql`${table.dmPolicy} in ('engaged-only', 'approved', 'off')`),
    check('x_accounts_send_mode_check', sql`${table.sendMode} in ('api', 'manual')`),
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
    source: text('source').notNull(),
    profile: jsonb('profile').$type<FollowerProfile>(),
    firstSeenAt: instant('first_seen_at').notNull().defaultNow(),
    unfollowedAt: instant('unfollowed_at'),
    engagedFirstAt: instant('engaged_first_at'),
    engagedFirstVia: text('engaged_first_via'),
  },
  (table) => [
    uniqueIndex('followers_account_x_user_key').on(table.accountId, table.xUserId),
    check('followers_source_check', sql`${table.source} in ('baseline', 'poll', 'webhook', 'manual')`),
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
    status: text('status').notNull().default('pending'),
    channel: text('channel'),
    lang: text('lang').notNull(),
    templateId: text('template_id'),
    triage: jsonb('triage').$type<Record<string, unknown>>().notNull(),
    draftText: text('draft_text').notNull(),
    finalText: text('final_text'),
    editedBy: text('edited_by'),
    editedAt: instant('edited_at'),
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
    sentAt: instant('sent_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('welcomes_follower_key').on(table.followerId),
    index('welcomes_account_status_idx').on(table.accountId, table.status),
    check(
      'welcomes_status_check',
      sql`${table.status} in ('pending', 'approved', 'sending', 'sent', 'failed', 'skipped', 'expired')`,
    ),
    check('welcomes_channel_check', sql`${table.channel} is null or ${table.channel} in ('dm', 'mention')`),
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
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
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
