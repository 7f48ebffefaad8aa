// click_to_card_p95_ms: 50 concurrent approvals (post as a mention) while every X call takes 300 ms,
// measured from the click to the first update of that card in Slack.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACTIONS } from '../src/bot/ids';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startBot } from '../src/main';
import { blockActionsPayload, postInteraction } from '../src/sandbox/slack-request';
import { BENCH_CHANNEL, BENCH_SIGNING_SECRET, startFakes } from './fixture';
import { percentile, round, waitUntil } from './lib';

export interface ClickToCardResult {
  click_to_card_p95_ms: number;
  click_to_card_p50_ms: number;
  click_ack_p99_ms: number;
}

/** A proxy in front of the fake X that answers every call `delayMs` late. */
async function slowProxy(target: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    setTimeout(() => {
      const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export async function runClickToCardBench(approvals = 50, xDelayMs = 300): Promise<ClickToCardResult> {
  const fakes = await startFakes();
  const proxy = await slowProxy(fakes.x.url, xDelayMs);
  const config = loadConfig({ ...fakes.env({ DATA_DIR: 'memory://', POLL_INTERVAL_SECONDS: '3600', X_API_URL: proxy.url }) });
  const bot = await startBot(config, { logger: createLogger('silent') });
  const botUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  try {
    await waitUntil(async () => {
      const { rows } = await bot.database.executeSql('select count(*)::int as n from x_accounts where baseline_taken_at is not null');
      return Number(rows[0]?.n) > 0;
    }, 60_000, 'the baseline');
    for (let i = 0; i < approvals; i++) fakes.x.addFollower({ bio: 'Design.' });
    await bot.jobs.pollNow();
    const cards = await waitUntil(() => {
      const posted = fakes.slack.messagesIn(BENCH_CHANNEL);
      return posted.length >= approvals ? posted : null;
    }, 120_000, 'the cards');
    const clicked = cards.slice(0, approvals).map((card) => ({ card, versions: card.history.length, id: /"value":"(\d+)"/.exec(JSON.stringify(card.blocks))![1]! }));
    const acks: number[] = [];
    const toCard = await Promise.all(
      clicked.map(async ({ card, versions, id }) => {
        const started = performance.now();
        const response = await postInteraction(
          botUrl,
          BENCH_SIGNING_SECRET,
          blockActionsPayload({ actionId: ACTIONS.postMention, value: id, messageTs: card.ts, responseUrl: fakes.slack.responseUrl({ channel: BENCH_CHANNEL, messageTs: card.ts }) }),
        );
        if (response.status !== 200) throw new Error(`ack answered ${response.status}`);
        acks.push(performance.now() - started);
        await waitUntil(() => card.history.length > versions, 60_000, 'the card update');
        return performance.now() - started;
      }),
    );
    return {
      click_to_card_p95_ms: round(percentile(toCard, 0.95), 0),
      click_to_card_p50_ms: round(percentile(toCard, 0.5), 0),
      click_ack_p99_ms: round(percentile(acks, 0.99), 1),
    };
  } finally {
    await bot.stop();
    await proxy.close();
    await fakes.close();
  }
}
