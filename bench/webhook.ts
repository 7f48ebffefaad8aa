// webhook_to_card_p95_ms: a follow event delivered (signed, as X does) to /x/webhook, until the
// card is posted to the fake Slack.
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startBot } from '../src/main';
import { BENCH_CHANNEL, startFakes } from './fixture';
import { percentile, round, sleep, waitUntil, benchDataDir } from './lib';

export interface WebhookLatencyResult {
  webhook_to_card_p95_ms: number;
  webhook_to_card_p50_ms: number;
  follows: number;
}

export async function runWebhookLatencyBench(follows = 40): Promise<WebhookLatencyResult> {
  const fakes = await startFakes();
  const config = loadConfig(fakes.env({ DATA_DIR: benchDataDir(), POLL_INTERVAL_SECONDS: '3600' }));
  const bot = await startBot(config, { logger: createLogger('silent') });
  try {
    const webhookUrl = `http://127.0.0.1:${bot.port}/x/webhook`;
    const latencies: number[] = [];
    for (let i = 0; i < follows; i++) {
      const before = fakes.slack.messagesIn(BENCH_CHANNEL).length;
      const { payload } = fakes.x.follow({ bio: 'Design et céramique.' });
      const started = performance.now();
      const delivered = await fakes.x.deliverWebhook(webhookUrl, payload);
      if (delivered.status !== 200) throw new Error(`the webhook answered ${delivered.status}`);
      await waitUntil(() => fakes.slack.messagesIn(BENCH_CHANNEL).length > before, 10_000, 'the card');
      latencies.push(performance.now() - started);
      await sleep(20);
    }
    return {
      webhook_to_card_p95_ms: round(percentile(latencies, 0.95), 1),
      webhook_to_card_p50_ms: round(percentile(latencies, 0.5), 1),
      follows,
    };
  } finally {
    await bot.stop();
    await fakes.close();
  }
}
