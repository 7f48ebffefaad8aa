import type { WebClient } from '@slack/web-api';
import type PgBoss from 'pg-boss';
import type { TwitterApi } from 'twitter-api-v2';
import type { Db } from '../db/client';
import type { XAccountRow } from '../db/schema';
import type { Logger } from '../logger';
import type { AnswerThreads } from './answer';
import type { CardPublisher } from './cards';
import type { DeskModel } from './model-draft';
import type { ThreadPublisher } from './conversation';

/** Everything the desk's work needs, built once in main.ts and handed to listeners and jobs. */
export interface Desk {
  db: Db;
  boss: PgBoss;
  slack: WebClient;
  /** The X client that acts for this account. */
  xClient(account: XAccountRow): TwitterApi;
  logger: Logger;
  /** Shows each welcome's card where the team decides (Slack, in production). */
  cards: CardPublisher;
  /** Shows what followers write in their card's thread (Slack, in production). */
  threads: ThreadPublisher;
  /** Shows the team's answers, and what was decided on their messages, in the card's thread (absent: nothing shown). */
  answers?: AnswerThreads;
  now(): Date;
  /** A whole number in [0, n), drawn uniformly: which template a draft starts from. crypto's by default; the demo seeds its own. */
  random?: (n: number) => number;
  /** The optional language model that drafts welcomes and gives the audit a second opinion (DRAFT_MODEL_URL). */
  model?: DeskModel | undefined;
}

// Each function is handed the parts of the desk it uses, as Pick<Desk, …>; the sets that recur
// across modules have a name, for what the work does.

/** Records what happened, at the desk's time. */
export type DeskData = Pick<Desk, 'db' | 'now'>;

/** Notices a follower: looks them up on X, drafts their welcome (the model's, when on), shows their card and what they wrote. */
export type NoticeDesk = Pick<Desk, 'db' | 'xClient' | 'logger' | 'cards' | 'threads' | 'now' | 'random' | 'model'>;

/** Sends an approved welcome to X, or reconciles one left half-sent: queues what waits, redraws the card. */
export type SendDesk = Pick<Desk, 'db' | 'boss' | 'xClient' | 'logger' | 'cards' | 'now'>;

/** Sends the team's answer in a conversation, or reconciles it: the same, plus the thread where it shows. */
export type AnswerSendDesk = Pick<Desk, 'db' | 'boss' | 'xClient' | 'logger' | 'cards' | 'threads' | 'answers' | 'now'>;

/** A tracking pass: reads X, records what followers did, reopens their cards and threads. */
export type TrackingDesk = Pick<Desk, 'db' | 'xClient' | 'logger' | 'cards' | 'threads' | 'now'>;

export const QUEUES = {
  poll: 'followers-poll',
  send: 'welcome-send',
  card: 'card-publish',
  sweep: 'desk-sweep',
  answer: 'answer-send',
} as const;
