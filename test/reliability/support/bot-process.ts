// A real bot process for the multi-process and crash tests: `accueil start`, with the sweeper,
// heartbeat and staleness shortened through RELIABILITY_* variables so a test does not wait minutes.
import { ConfigError, loadConfig } from '../../../src/config';
import { startBot } from '../../../src/main';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

try {
  const bot = await startBot(loadConfig(), {
    sweepIntervalSeconds: number('RELIABILITY_SWEEP_SECONDS', 1),
    heartbeatSeconds: number('RELIABILITY_HEARTBEAT_SECONDS', 1),
    instanceStaleMs: number('RELIABILITY_STALE_MS', 4_000),
    healthIntervalMs: number('RELIABILITY_HEALTH_MS', 500),
  });
  process.stdout.write(`READY ${bot.port} ${bot.jobs.instanceId}\n`);
  const stop = () => void bot.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  process.stderr.write(error instanceof ConfigError ? error.message : String(error instanceof Error ? error.stack : error));
  process.exit(1);
}
