// ack_p99_ms and ack_ratio_vs_bare_bolt: 50 concurrent signed button clicks and slash commands into
// the bot's HTTP receiver, against the same load on a bare Bolt app that only acks, in the same run.
import { App, HTTPReceiver } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import { ACTIONS } from '../src/bot/ids';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startBot } from '../src/main';
import { blockActionsPayload, postInteraction, postSlashCommand, slashCommandFields } from '../src/sandbox/slack-request';
import { BENCH_CHANNEL, BENCH_SIGNING_SECRET, startFakes } from './fixture';
import { percentile, round, waitUntil, benchDataDir } from './lib';

export interface AckBenchResult {
  ack_p99_ms: number;
  ack_p50_ms: number;
  bare_bolt_p99_ms: number;
  ack_ratio_vs_bare_bolt: number;
  requests: number;
}

type Request = (url: string) => Promise<{ status: number }>;

async function fire(url: string, requests: Request[]): Promise<number[]> {
  const times = await Promise.all(
    requests.map(async (send) => {
      const started = performance.now();
      const response = await send(url);
      if (response.status !== 200) throw new Error(`ack answered ${response.status}`);
      return performance.now() - started;
    }),
  );
  return times;
}

export async function runAckBench(concurrency = 50, rounds = 5, databaseUrl?: string): Promise<AckBenchResult> {
  const fakes = await startFakes();
  const config = loadConfig({ ...fakes.env({ DATA_DIR: benchDataDir(), POLL_INTERVAL_SECONDS: '3600', X_DM_POLICY: 'approved', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }) });
  const bot = await startBot(config, { logger: createLogger('silent') });
  const bare = new HTTPReceiver({ signingSecret: BENCH_SIGNING_SECRET, endpoints: '/slack/events' });
  const bareApp = new App({ receiver: bare, token: fakes.slack.token, botId: 'B0', botUserId: 'U0', clientOptions: { slackApiUrl: fakes.slack.apiUrl } });
  bareApp.action(/.*/, async ({ ack }) => ack());
  bareApp.command(/.*/, async ({ ack }) => ack());
  const bareServer = await bare.start(0);
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`;
  const botUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  try {
    // Pending cards to click on: the clicks are real decisions (skips), not no-ops.
    const cardsNeeded = (concurrency / 2) * rounds;
    await waitUntil(async () => {
      const { rows } = await bot.database.executeSql('select count(*)::int as n from x_accounts where baseline_taken_at is not null');
      return Number(rows[0]?.n) > 0;
    }, 30_000, 'the baseline');
    for (let i = 0; i < cardsNeeded; i++) fakes.x.addFollower({ bio: 'Design.' });
    await bot.jobs.pollNow();
    const cards = await waitUntil(() => {
      const posted = fakes.slack.messagesIn(BENCH_CHANNEL);
      return posted.length >= cardsNeeded ? posted : null;
    }, 120_000, 'the cards');
    const welcomeIds = cards.map((card) => /"value":"(\d+)"/.exec(JSON.stringify(card.blocks))![1]!);

    const load = (round: number): Request[] => {
      const requests: Request[] = [];
      for (let i = 0; i < concurrency / 2; i++) {
        const id = welcomeIds[round * (concurrency / 2) + i]!;
        requests.push((url) =>
          postInteraction(url, BENCH_SIGNING_SECRET, blockActionsPayload({ actionId: ACTIONS.skip, value: id, responseUrl: fakes.slack.responseUrl({ channel: BENCH_CHANNEL }) })),
        );
        requests.push((url) =>
          postSlashCommand(url, BENCH_SIGNING_SECRET, slashCommandFields({ command: '/audit-dm', text: 'Thanks for following! Buy now with code PROMO20 at bit.ly/x', responseUrl: fakes.slack.responseUrl({ channel: BENCH_CHANNEL }) })),
        );
      }
      return requests;
    };
    const botTimes: number[] = [];
    const bareTimes: number[] = [];
    // The bot keeps working after its acks (decisions, card updates, private answers): let that work
    // finish before the bare app's turn, so each is measured on a machine doing only its own work.
    // Each round's 25 audits each end with a private answer: when all are in, the bot is idle again.
    const drained = (round: number) => waitUntil(() => fakes.slack.responses.length >= (concurrency / 2) * (round + 1), 60_000, 'the bot to finish its work');
    for (let r = 0; r < rounds; r++) {
      bareTimes.push(...(await fire(bareUrl, load(r))));
      botTimes.push(...(await fire(botUrl, load(r))));
      await drained(r);
    }
    const botP99 = percentile(botTimes, 0.99);
    const bareP99 = percentile(bareTimes, 0.99);
    return {
      ack_p99_ms: round(botP99, 1),
      ack_p50_ms: round(percentile(botTimes, 0.5), 1),
      bare_bolt_p99_ms: round(bareP99, 1),
      ack_ratio_vs_bare_bolt: round(botP99 / bareP99, 2),
      requests: botTimes.length,
    };
  } finally {
    await bare.stop();
    await bot.stop();
    await fakes.close();
  }
}
