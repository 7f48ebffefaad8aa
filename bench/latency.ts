// poll_to_card_max_s: a follow at the fake X to its card in the fake Slack, in poll mode, at the
// shortest poll interval the configuration allows; the bound is the interval plus one second.
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startBot } from '../src/main';
import { BENCH_CHANNEL, startFakes } from './fixture';
import { round, sleep, waitUntil, benchDataDir } from './lib';

export interface PollLatencyResult {
  poll_to_card_max_s: number;
  poll_to_card_p50_s: number;
  poll_interval_s: number;
  follows: number;
}

export async function runPollLatencyBench(follows = 6, intervalSeconds = 5): Promise<PollLatencyResult> {
  const fakes = await startFakes();
  const config = loadConfig(fakes.env({ DATA_DIR: benchDataDir(), POLL_INTERVAL_SECONDS: String(intervalSeconds) }));
  const bot = await startBot(config, { logger: createLogger('silent') });
  try {
    // Let the baseline poll pass, so what follows measures the steady state.
    await sleep(intervalSeconds * 1000);
    const latencies: number[] = [];
    for (let i = 0; i < follows; i++) {
      // Follows land at arbitrary points of the poll cycle.
      await sleep(Math.random() * intervalSeconds * 1000);
      const before = fakes.slack.messagesIn(BENCH_CHANNEL).length;
      const followedAt = performance.now();
      fakes.x.addFollower({ bio: 'Design et céramique.' });
      await waitUntil(() => fakes.slack.messagesIn(BENCH_CHANNEL).length > before, (intervalSeconds + 30) * 1000, 'the card');
      latencies.push((performance.now() - followedAt) / 1000);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      poll_to_card_max_s: round(sorted.at(-1)!, 2),
      poll_to_card_p50_s: round(sorted[Math.floor(sorted.length / 2)]!, 2),
      poll_interval_s: intervalSeconds,
      follows,
    };
  } finally {
    await bot.stop();
    await fakes.close();
  }
}
