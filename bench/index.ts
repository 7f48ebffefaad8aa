// `npm run bench`: every benchmark in one run, a table for people and (with --json) one JSON object.
// `npm run bench -- --write` also records the figures in bench/RESULTS.md. Comparisons are made
// within this one run, because the machine is shared and noisy.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runAckBench } from './ack';
import { runAuditBench } from './audit';
import { runBuiltAckBench, runClickToCardBench, runIdleBench, runImportPeakBench } from './footprint';
import { runAuditEvalBench } from './audit-eval';
import { runImportBench } from './import';
import { runPollLatencyBench } from './latency';
import { runPacingBench } from './pacing';
import { runPollReadsBench } from './poll-reads';
import { runSpendBench } from './spend';
import { runStartupBench } from './startup';
import { benchDataDir } from './lib';
import { startEmbeddedServer } from '../src/db/embedded-server';
import { runWebhookLatencyBench } from './webhook';

interface Target {
  key: string;
  what: string;
  target: string;
  check: (value: number) => boolean;
}

const TARGETS: Target[] = [
  { key: 'reads_per_new_follower', what: 'X users read per new follower (100k account, +50 a poll)', target: '≤ 1.2', check: (v) => v <= 1.2 },
  { key: 'baseline_reads_1m', what: 'X records read to baseline a 1,000,000-follower account', target: '≤ 1000', check: (v) => v <= 1000 },
  { key: 'spend_per_new_follower_poll', what: 'X spend per new follower, poll source (USD)', target: 'report', check: () => true },
  { key: 'spend_per_new_follower_webhook', what: 'X spend per new follower, follow.follow webhook (USD)', target: 'report', check: () => true },
  { key: 'webhook_to_card_p95_ms', what: 'follow webhook → card posted, p95', target: '< 500 ms', check: (v) => v < 500 },
  { key: 'poll_to_card_max_s', what: 'follow → card in poll mode, worst case', target: '≤ interval + 1 s', check: () => false },
  { key: 'ack_p99_ms', what: 'ack of 50 concurrent clicks and commands, p99', target: '< 100 ms', check: (v) => v < 100 },
  { key: 'ack_ratio_vs_bare_bolt', what: '… against a bare Bolt app that only acks', target: '≤ 1.5', check: (v) => v <= 1.5 },
  { key: 'import_rate_ratio_vs_raw', what: 'baseline import rate against raw multi-row INSERT', target: '≥ 0.7', check: (v) => v >= 0.7 },
  { key: 'audit_p99_ms', what: 'audit latency per message, p99', target: '< 2 ms', check: (v) => v < 2 },
  { key: 'audit_recall', what: 'audit recall on the held-out labelled welcomes', target: '≥ 0.95', check: (v) => v >= 0.95 },
  { key: 'audit_false_positive_rate', what: 'audit false positives on the held-out labelled welcomes', target: '≤ 0.01', check: (v) => v <= 0.01 },
  { key: 'audit_min_rule_recall', what: 'the weakest rule’s recall on the held-out welcomes (the target holds per rule)', target: '≥ 0.95', check: (v) => v >= 0.95 },
  { key: 'audit_max_rule_false_positive_rate', what: 'the most alarmed rule’s false positives on the held-out welcomes', target: '≤ 0.01', check: (v) => v <= 0.01 },
  { key: 'audit_ratio_vs_alex', what: 'audit throughput against alex', target: '≥ 10', check: (v) => v >= 10 },
  { key: 'send_pacing_429s', what: '429s provoked by 200 approvals at once', target: '0', check: (v) => v === 0 },
];

/** Issue 10's figures: the bot built into dist/, run by node in its own process (bench/footprint.ts, bench/startup.ts). */
const PRODUCTION_TARGETS: Target[] = [
  { key: 'idle_ratio_vs_bare_bolt_postgres', what: 'idle PSS after 20 s, whole process tree, on Postgres, vs bare Bolt', target: '≤ 2', check: (v) => v <= 2 },
  { key: 'idle_ratio_vs_bare_bolt_embedded', what: '… on the embedded database', target: '≤ 3.5', check: (v) => v <= 3.5 },
  { key: 'ack_ratio_vs_bare_bolt_embedded', what: 'ack p99, 50 concurrent clicks and commands, embedded, vs bare Bolt', target: '≤ 1.5', check: (v) => v <= 1.5 },
  { key: 'ack_ratio_vs_bare_bolt_postgres', what: '… on Postgres', target: '≤ 1.5', check: (v) => v <= 1.5 },
  { key: 'click_to_card_p95_ms', what: 'click → card updated, p95, 50 approvals, X answering in 300 ms', target: '< 1500 ms', check: (v) => v < 1500 },
  { key: 'restart_ms', what: 'restart → ready on the embedded database', target: '< 1500 ms', check: (v) => v < 1500 },
  { key: 'first_start_ms', what: 'first start (empty data dir) → ready', target: '< 4000 ms', check: (v) => v < 4000 },
  { key: 'import_peak_rss_mb', what: 'peak RSS of a 100k-follower baseline import, embedded', target: '< 300 MB', check: (v) => v < 300 },
];
TARGETS.push(...PRODUCTION_TARGETS);

/** The production figures, each in its own step; `--only-production` runs just these. */
async function runProductionFigures(step: <T extends object>(name: string, run: () => Promise<T>) => Promise<void>): Promise<void> {
  // `--steps=idle,startup` runs some of them only.
  const only = process.argv.find((arg) => arg.startsWith('--steps='))?.slice('--steps='.length).split(',');
  const wanted = (name: string) => !only || only.includes(name);
  // One step failing (a saturated machine timing out) leaves its error in the details, not the run.
  const safe = <T extends object>(name: string, run: () => Promise<T>) => step(name, () => run().catch((error: unknown) => ({ error: String(error) })));
  if (wanted('idle')) await safe('idle memory (dist)', () => runIdleBench());
  if (wanted('ack')) await safe('ack (dist)', () => runBuiltAckBench());
  if (wanted('click')) await safe('click to card (dist)', () => runClickToCardBench());
  if (wanted('startup')) await safe('startup', () => runStartupBench());
  if (wanted('import')) await safe('import peak (dist)', () => runImportPeakBench());
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const json = args.has('--json');
  const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  const figures: Record<string, number> = {};
  const details: Record<string, unknown> = {};
  const step = async <T extends object>(name: string, run: () => Promise<T>) => {
    log(`… ${name}`);
    const started = performance.now();
    const result = await run();
    details[name] = result;
    for (const [key, value] of Object.entries(result)) if (typeof value === 'number') figures[key] = value;
    log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };

  if (args.has('--only-audit')) {
    await step('audit', () => runAuditBench());
    await step('audit accuracy', () => runAuditEvalBench());
  } else if (!args.has('--only-production')) {
    // The in-process steps' databases (test/helpers/db.ts) live on one server: DATABASE_URL's, or an
    // embedded one for this run, as `npm test` does.
    if (!process.env.DATABASE_URL) {
      const server = await startEmbeddedServer(benchDataDir(), { maxConnections: 100, progress: () => {} });
      process.env.DATABASE_URL = server.url;
      process.once('beforeExit', () => void server.stop());
    }
    await step('audit', () => runAuditBench());
    await step('audit accuracy', () => runAuditEvalBench());
    await step('poll reads', () => runPollReadsBench());
    await step('spend', () => runSpendBench(figures.reads_per_new_follower!));
    await step('pacing', () => runPacingBench());
    await step('ack', () => runAckBench());
    await step('webhook latency', () => runWebhookLatencyBench());
    await step('poll latency', () => runPollLatencyBench());
    await step('import', () => runImportBench(args.has('--million') ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]));
  }
  if (!args.has('--only-audit')) await runProductionFigures(step);
  figures.poll_to_card_bound_s = (figures.poll_interval_s ?? 0) + 1;

  const rows = TARGETS.map((target) => {
    const value = figures[target.key];
    const met = target.key === 'poll_to_card_max_s' ? value !== undefined && value <= figures.poll_to_card_bound_s! : value !== undefined && target.check(value);
    return { ...target, value, met };
  });
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...Object.fromEntries(rows.map((row) => [row.key, row.value ?? null])), details })}\n`);
  } else {
    const width = Math.max(...rows.map((row) => row.key.length));
    log('');
    for (const row of rows) log(`${row.met ? '✓' : '✗'} ${row.key.padEnd(width)}  ${String(row.value ?? '—').padStart(9)}  target ${row.target.padEnd(17)} ${row.what}`);
  }
  if (args.has('--write')) writeResults(rows, details);
}

function writeResults(rows: Array<Target & { value: number | undefined; met: boolean }>, details: Record<string, unknown>): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const lines = [
    '# Benchmark results',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. The machine is shared: compare the ratios, which are taken within one run.`,
    '',
    'Reproduce with `npm run bench` (a table), `npm run bench -- --json` (one JSON object), `npm run bench -- --write` (this file); `--million` adds the 1,000,000-follower import. Postgres is taken from `BENCH_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`).',
    '',
    '| figure | value | target | met | what |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| \`${row.key}\` | ${row.value ?? '—'} | ${row.target} | ${row.met ? 'yes' : '**no**'} | ${row.what} |`),
    '',
    '## Details',
    '',
    '```json',
    JSON.stringify(details, null, 2),
    '```',
    '',
  ];
  writeFileSync(new URL('./RESULTS.md', import.meta.url), lines.join('\n'));
}

await main();
process.exit(0);
