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

export const QUEUES = {
  poll: 'followers-poll',
  send: 'welcome-send',
  card: 'card-publish',
  sweep: 'desk-sweep',
  answer: 'answer-send',
} as const;
