import { inject } from 'vitest';
import { loadConfig } from '../../src/config';
import { envForFakes } from '../../src/sandbox/env';
import type { FollowerProfile } from '../../src/domain';
import { createLogger, type Logger } from '../../src/logger';
import { startBot, type RunningBot, type StartOptions } from '../../src/main';
import { startFakeSlack, type FakeMessage, type FakeSlack, type FakeSlackOptions } from '../../src/sandbox/slack';
import { startFakeX, type FakeX, type FakeXOptions } from '../../src/sandbox/x';
import { createTestDatabaseLocation } from './db';
import { blockActionsPayload, DEFAULTS, postInteraction, viewSubmissionPayload, type SlackHttpResponse } from '../../src/sandbox/slack-request';
import { HOME_IDS, SETTINGS_INPUTS } from '../../src/bot/blocks/home';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const DESK_CHANNEL = DEFAULTS.channelId;

export interface TestDesk {
  bot: RunningBot;
  x: FakeX;
  slack: FakeSlack;
  /** http://127.0.0.1:PORT/slack/events, where Slack would send interactions. */
  eventsUrl: string;
  baseUrl: string;
  /** The cards in the desk channel, in the order they were posted. */
  cards(): FakeMessage[];
  /** Waits until `n` cards are in the desk channel. */
  waitForCards(n: number, timeoutMs?: number): Promise<FakeMessage[]>;
  /** The card of a welcome, found by the welcome id its buttons carry. */
  cardOf(welcomeId: number): FakeMessage | undefined;
  /** A teammate clicks a card button, as Slack delivers it: a signed, form-encoded block_actions payload. */
  click(card: FakeMessage, actionId: string, opts?: { userId?: string; triggerId?: string }): Promise<SlackHttpResponse>;
  /** Polls X now and waits for the poll to finish. */
  poll(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestDeskOptions {
  env?: Record<string, string>;
  x?: FakeXOptions;
  slack?: FakeSlackOptions;
  /** Run the scheduled work (tracking, expiry, digest) too; off by default so a quarter-hour never fires mid-test. */
  schedules?: boolean;
  /** Followers already there before the desk starts: they form the baseline. */
  existingFollowers?: Array<Partial<FollowerProfile>>;
  /** Start-up options of the bot itself (Socket Mode's grace period and reconnection pace). */
  bot?: Pick<StartOptions, 'socketGraceMs' | 'socketReconnectBaseMs'>;
  /** The bot's logger; silent by default. */
  logger?: Logger;
}

/** The real bot, on a fresh database, talking to a fake X and a fake Slack over loopback. */
export async function startTestDesk(options: TestDeskOptions = {}): Promise<TestDesk> {
  const x = await startFakeX({ version: inject('xApiVersion'), ...options.x });
  for (const follower of options.existingFollowers ?? []) x.addFollower(follower);
  const slack = await startFakeSlack({ strictTriggers: true, ...options.slack });
  const location = await createTestDatabaseLocation();
  // Tests poll by hand (the fakes' environment sets an hour): the timer must not race them.
  const config = loadConfig(
    envForFakes({ x, slack }, { signingSecret: SIGNING_SECRET, channelId: DESK_CHANNEL }, {
      DATABASE_URL: location.databaseUrl,
      ...options.env,
    }),
  );
  const bot = await startBot(config, { logger: options.logger ?? createLogger('silent'), schedules: options.schedules ?? false, ...options.bot });
  // The first poll (queued at start) takes the baseline.
  await waitForPollCount(bot, 1);
  const baseUrl = `http://127.0.0.1:${bot.port}`;
  const cards = () => slack.messagesIn(DESK_CHANNEL).filter((message) => !message.threadTs);
  const cardOf = (welcomeId: number) =>
    cards().find((card) => JSON.stringify(card.blocks).includes(`"value":"${welcomeId}"`));
  return {
    bot,
    x,
    slack,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    cards,
    cardOf,
    waitForCards: (n, timeoutMs = 10_000) => slack.waitFor(() => (cards().length >= n ? cards() : null), timeoutMs),
    click: (card, actionId, opts = {}) => {
      const value = welcomeIdOf(card);
      return postInteraction(
        `${baseUrl}/slack/events`,
        SIGNING_SECRET,
        blockActionsPayload({
          actionId,
          value: String(value),
          userId: opts.userId,
          channelId: card.channel,
          messageTs: card.ts,
          triggerId: opts.triggerId,
          responseUrl: slack.responseUrl({ channel: card.channel, messageTs: card.ts, userId: opts.userId ?? DEFAULTS.userId }),
          message: { text: card.text, blocks: card.blocks },
        }),
      );
    },
    poll: async () => {
      const before = pollCount(bot);
      await bot.jobs.pollNow();
      await waitForPollCount(bot, (await before) + 1);
    },
    stop: async () => {
      await bot.stop();
      await Promise.all([x.close(), slack.close()]);
      await location.drop();
    },
  };
}

/** The welcome id a card's buttons carry. */
export function welcomeIdOf(card: FakeMessage): number {
  const match = /"value":"(\d+)"/.exec(JSON.stringify(card.blocks));
  if (!match) throw new Error('this card has no welcome button');
  return Number(match[1]);
}

async function pollCount(bot: RunningBot): Promise<number> {
  const { rows } = await bot.database.executeSql("select count(*)::int as n from pgboss.job where name = 'followers-poll' and state = 'completed'");
  return Number(rows[0]?.n ?? 0);
}

async function waitForPollCount(bot: RunningBot, n: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await pollCount(bot)) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the poll did not complete within ${timeoutMs} ms`);
}

/** A teammate opens an account's settings from the Home tab: what the modal carries (private_metadata), as Slack sends it back on submission. */
export async function openSettings(desk: TestDesk, userId: string): Promise<string> {
  const before = desk.slack.openedViews.length;
  await postInteraction(desk.eventsUrl, SIGNING_SECRET, blockActionsPayload({ actionId: HOME_IDS.editAccount, value: String(desk.bot.accountId), userId, triggerId: desk.slack.triggerId(), blockId: 'home_settings' }));
  const opened = await desk.slack.waitFor(() => desk.slack.openedViews[before]);
  return String(opened.view.private_metadata ?? '');
}

/** The settings form's fields, as the modal opens them for the test account; each test overrides what it changes. */
export interface SettingsFields {
  dmPolicy?: string;
  ownDomains?: string;
  topics?: string;
  /** Extra inputs by block id (the voice, the AI approval, the DM text), as Slack sends their state. */
  extra?: Record<string, Record<string, unknown>>;
}

/**
 * A teammate opens the account's settings from the Home tab and submits them, as Slack would: the
 * submission carries what the modal opened with. Resolves once they are saved (saved after the ack:
 * the Home tab published again says it is done), or with the refusal the ack carried.
 */
export async function saveSettingsFromHome(desk: TestDesk, userId: string, fields: SettingsFields): Promise<SlackHttpResponse> {
  const option = (value: string) => ({ type: 'static_select', selected_option: { value } });
  const opened = await openSettings(desk, userId);
  const published = desk.slack.publishedViews.length;
  const response = await postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    viewSubmissionPayload({
      callbackId: HOME_IDS.settingsModal,
      userId,
      privateMetadata: opened,
      values: {
        [SETTINGS_INPUTS.channel.blockId]: { [SETTINGS_INPUTS.channel.actionId]: { type: 'channels_select', selected_channel: DESK_CHANNEL } },
        [SETTINGS_INPUTS.kind.blockId]: { [SETTINGS_INPUTS.kind.actionId]: option('business') },
        [SETTINGS_INPUTS.dmPolicy.blockId]: { [SETTINGS_INPUTS.dmPolicy.actionId]: option(fields.dmPolicy ?? 'engaged-only') },
        [SETTINGS_INPUTS.sendMode.blockId]: { [SETTINGS_INPUTS.sendMode.actionId]: option('api') },
        [SETTINGS_INPUTS.ownDomains.blockId]: { [SETTINGS_INPUTS.ownDomains.actionId]: fields.ownDomains ?? '' },
        [SETTINGS_INPUTS.topics.blockId]: { [SETTINGS_INPUTS.topics.actionId]: fields.topics ?? '' },
        ...fields.extra,
      },
    }),
  );
  if (!response.json && !response.body) await desk.slack.waitFor(() => desk.slack.publishedViews.length > published);
  return response;
}
