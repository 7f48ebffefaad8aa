import type { WebClient } from '@slack/web-api';
import type PgBoss from 'pg-boss';
import type { TwitterApi } from 'twitter-api-v2';
import type { Db } from '../db/client';
import type { Lang } from '../domain';
import type { XAccountRow } from '../db/schema';
import type { Logger } from '../logger';
import type { CardPublisher } from './cards';
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
  now(): Date;
  /** The language of the desk's own words on cards and in private replies. */
  lang: Lang;
}

export const QUEUES = {
  poll: 'followers-poll',
  send: 'welcome-send',
  card: 'card-publish',
  sweep: 'desk-sweep',
} as const;
