import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/client';
import { followerOrderContradictions } from '../x/sources/poll';
import { countWelcomeEventsByType, countWelcomesByStatus, countXCallsByCategory } from '../db/metrics';

export interface Metrics {
  /** Prometheus text for /metrics. */
  text(): Promise<string>;
  /** How long Slack waited for its answer (the ack) on /slack/events. */
  observeSlackAnswer(seconds: number): void;
}

/**
 * /metrics through prom-client: Node's default process metrics, the ack latency measured in this
 * process, and the desk's figures read from the database when scraped (so every process reports the
 * same totals, and they survive a restart). The database totals only grow, as counters do.
 */
export function createMetrics(db: Db): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const ack = new Histogram({
    name: 'accueil_slack_ack_seconds',
    help: 'Time from a Slack request to its answer (the ack).',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3],
    registers: [registry],
  });
  const fromDatabase = <L extends string>(name: string, help: string, label: L, read: () => Promise<Array<Record<L, string> & { n: number }>>) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await read()) this.set({ [label]: String(row[label]) } as Partial<Record<L, string>>, Number(row.n));
      },
    });
  fromDatabase('accueil_welcomes', 'Welcomes by status.', 'status', () => countWelcomesByStatus(db));
  fromDatabase('accueil_welcome_events_total', 'Welcome events by type since the desk began: cards posted, decisions, sends by outcome.', 'type', () => countWelcomeEventsByType(db));
  fromDatabase('accueil_x_calls_total', 'Successful X calls by billing category since the desk began.', 'category', () => countXCallsByCategory(db));
  new Gauge({
    name: 'accueil_follower_order_contradictions_total',
    help: 'Follower pages whose order contradicted most-recent-first: nobody on them got a card.',
    registers: [registry],
    collect() {
      this.set(followerOrderContradictions());
    },
  });
  return {
    text: () => registry.metrics(),
    observeSlackAnswer: (seconds) => ack.observe(seconds),
  };
}
