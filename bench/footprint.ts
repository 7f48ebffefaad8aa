// The production figures of issue 10, each taken on the bot built into dist/ and run by node in its
// own process, against a bare Bolt app (bench/bare-bolt.mjs) from the same node_modules:
//   idle_ratio_vs_bare_bolt_{postgres,embedded}  PSS of the whole process tree after 20 s idle
//   ack_ratio_vs_bare_bolt_{postgres,embedded}   ack p99 of 50 concurrent clicks and commands
//   click_to_card_p95_ms                          50 concurrent approvals, X answering in 300 ms
//   import_peak_rss_mb                            a 100,000-follower baseline on the embedded database
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIONS } from '../src/bot/ids';
import type { FakeMessage } from '../src/sandbox/slack';
import { blockActionsPayload, postInteraction, postSlashCommand, slashCommandFields } from '../src/sandbox/slack-request';
import { BENCH_CHANNEL, BENCH_SIGNING_SECRET, startFakes, type Fakes } from './fixture';
import { percentile, round, rssMb, sleep, waitUntil } from './lib';
import { processCpuMs, scratchBenchPostgres, spawnBareBolt, spawnBuiltBot, treeCpuMs, treePssMb, treeRssMb, type RunningProcess } from './processes';

export const benchPostgresUrl = (): string => process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Driver = 'embedded' | 'postgres';

/** A bot from dist/ on one driver: a fresh data directory or a fresh Postgres database, removed by `dispose`. */
async function builtBot(fakes: Fakes, driver: Driver, extra: Record<string, string> = {}): Promise<{ bot: RunningProcess; dispose(): Promise<void> }> {
  if (driver === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'accueil-bench-'));
    const bot = await spawnBuiltBot(fakes.env({ DATA_DIR: dataDir, POLL_INTERVAL_SECONDS: '3600', ...extra }));
    return { bot, dispose: async () => (await bot.stop(), rmSync(dataDir, { recursive: true, force: true })) };
  }
  const scratch = await scratchBenchPostgres(benchPostgresUrl());
  const bot = await spawnBuiltBot(fakes.env({ DATABASE_URL: scratch.url, POLL_INTERVAL_SECONDS: '3600', ...extra }));
  return { bot, dispose: async () => (await bot.stop(), await scratch.drop()) };
}

export interface IdleBenchResult {
  idle_ratio_vs_bare_bolt_postgres: number;
  idle_ratio_vs_bare_bolt_embedded: number;
  idle_pss_mb_postgres: number;
  idle_pss_mb_embedded: number;
  idle_pss_mb_bare_bolt: number;
  idle_rss_mb_embedded: number;
  idle_seconds: number;
}

/** The three processes side by side, idle for the same 20 s, then their trees' PSS. */
export async function runIdleBench(idleMs = 20_000): Promise<IdleBenchResult> {
  const fakes = await startFakes();
  const bare = await spawnBareBolt(fakes);
  const embedded = await builtBot(fakes, 'embedded');
  const onPostgres = await builtBot(fakes, 'postgres');
  try {
    await sleep(idleMs);
    const barePss = treePssMb(bare.child.pid!);
    const embeddedPss = treePssMb(embedded.bot.child.pid!);
    const postgresPss = treePssMb(onPostgres.bot.child.pid!);
    return {
      idle_ratio_vs_bare_bolt_postgres: round(postgresPss / barePss, 2),
      idle_ratio_vs_bare_bolt_embedded: round(embeddedPss / barePss, 2),
      idle_pss_mb_postgres: Math.round(postgresPss),
      idle_pss_mb_embedded: Math.round(embeddedPss),
      idle_pss_mb_bare_bolt: Math.round(barePss),
      idle_rss_mb_embedded: Math.round(treeRssMb(embedded.bot.child.pid!)),
      idle_seconds: idleMs / 1000,
    };
  } finally {
    await Promise.all([bare.stop(), embedded.dispose(), onPostgres.dispose()]);
    await fakes.close();
  }
}

/**
 * The bot's first poll is the baseline: everyone on the account's follower list then is recorded
 * silently. A follow delivered by the webhook while that read is under way can land in the baseline
 * and get no card (seen under load: 44 cards of 50), so follows start once the first read is recorded.
 */
async function baselineTaken(bot: RunningProcess): Promise<void> {
  await waitUntil(async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    return /accueil_x_calls_total\{category="owned-follower-read"\} [1-9]/.test(metrics) ? true : null;
  }, 120_000, 'the baseline read');
  // The read is counted before its page is written.
  await sleep(2000);
}

/** `count` cards posted through the X webhook (one follow each), oldest first. */
async function postCards(fakes: Fakes, bot: RunningProcess, count: number): Promise<FakeMessage[]> {
  await baselineTaken(bot);
  const before = fakes.slack.messagesIn(BENCH_CHANNEL).length;
  const webhookUrl = `http://127.0.0.1:${bot.port}/x/webhook`;
  for (let i = 0; i < count; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async () => {
        const { payload } = fakes.x.follow({ bio: 'Design et céramique.' });
        const delivered = await fakes.x.deliverWebhook(webhookUrl, payload);
        if (delivered.status !== 200) throw new Error(`the webhook answered ${delivered.status}`);
      }),
    );
  }
  return waitUntil(() => {
    const posted = fakes.slack.messagesIn(BENCH_CHANNEL).filter((m) => !m.threadTs);
    return posted.length >= before + count ? posted.slice(before, before + count) : null;
  }, 600_000, 'the cards');
}

const welcomeIdOf = (card: FakeMessage): string => /"value":"(\d+)"/.exec(JSON.stringify(card.blocks))![1]!;

async function timed(send: () => Promise<{ status: number }>): Promise<number> {
  const started = performance.now();
  const response = await send();
  if (response.status !== 200) throw new Error(`ack answered ${response.status}`);
  return performance.now() - started;
}

export interface BuiltAckResult {
  ack_ratio_vs_bare_bolt_embedded: number;
  ack_ratio_vs_bare_bolt_postgres: number;
  ack_p99_ms_embedded: number;
  ack_p99_ms_postgres: number;
  ack_p50_ms_embedded: number;
  ack_p50_ms_postgres: number;
  bare_bolt_p99_ms: number;
  /** The first burst after a start, not in the figures above: p99 of the bot on each driver, and of the bare app. */
  first_burst_p99_ms_embedded: number;
  first_burst_p99_ms_postgres: number;
  first_burst_p99_ms_bare: number;
}

/**
 * 5 rounds of 25 skip clicks + 25 /audit-dm commands, all 50 at once, on the bot (each driver) and on
 * the bare app in turn. The bot's work after its acks finishes before the next turn, so each is
 * measured on a machine doing only its own work.
 *
 * Each process first gets one burst of the same load that the ratios leave out and report apart
 * (first_burst_*): a process's first requests pay for its start — modules loaded on first use (the
 * audit), V8 compiling the paths, the pool opening its connections — and measured, that first
 * burst's p99 was 2–4× the next four's on the bot (478 and 673 ms against 90–229) and on the bare app
 * too. The ratios compare the apps at work, the first-burst figures show what a restart costs.
 */
export async function runBuiltAckBench(concurrency = 50, rounds = 5): Promise<BuiltAckResult> {
  const fakes = await startFakes();
  const bare = await spawnBareBolt(fakes);
  const bareTimes: number[] = [];
  const result: Record<string, number> = {};
  try {
    for (const driver of ['embedded', 'postgres'] as const) {
      const { bot, dispose } = await builtBot(fakes, driver, { X_DM_POLICY: 'approved' });
      try {
        // One more round of cards: the first burst's.
        const cards = await postCards(fakes, bot, (concurrency / 2) * (rounds + 1));
        const load = (round: number) =>
          Array.from({ length: concurrency / 2 }, (_, i) => {
            const card = cards[round * (concurrency / 2) + i]!;
            const responseUrl = fakes.slack.responseUrl({ channel: BENCH_CHANNEL });
            return [
              (url: string) => postInteraction(url, BENCH_SIGNING_SECRET, blockActionsPayload({ actionId: ACTIONS.skip, value: welcomeIdOf(card), channelId: BENCH_CHANNEL, messageTs: card.ts, responseUrl })),
              (url: string) => postSlashCommand(url, BENCH_SIGNING_SECRET, slashCommandFields({ command: '/audit-dm', text: 'Thanks for following! Buy now with code PROMO20 at bit.ly/x', responseUrl: fakes.slack.responseUrl({ channel: BENCH_CHANNEL }) })),
            ];
          }).flat();
        const botTimes: number[] = [];
        for (let r = 0; r <= rounds; r++) {
          const bareRound = driver === 'embedded' ? await Promise.all(load(r).map((send) => timed(() => send(bare.eventsUrl)))) : [];
          const answered = fakes.slack.responses.length;
          const botRound = await Promise.all(load(r).map((send) => timed(() => send(bot.eventsUrl))));
          if (r === 0) {
            result[`first_burst_p99_ms_${driver}`] = round(percentile(botRound, 0.99), 1);
            if (driver === 'embedded') result.first_burst_p99_ms_bare = round(percentile(bareRound, 0.99), 1);
          } else {
            botTimes.push(...botRound);
            bareTimes.push(...bareRound);
          }
          // Each audit ends with a private answer: when all are in, the bot is idle again.
          await waitUntil(() => fakes.slack.responses.length >= answered + concurrency / 2, 60_000, 'the bot to finish its work');
          await sleep(200);
        }
        result[`ack_p99_ms_${driver}`] = round(percentile(botTimes, 0.99), 1);
        result[`ack_p50_ms_${driver}`] = round(percentile(botTimes, 0.5), 1);
      } finally {
        await dispose();
      }
    }
  } finally {
    await bare.stop();
    await fakes.close();
  }
  const bareP99 = percentile(bareTimes, 0.99);
  return {
    ack_ratio_vs_bare_bolt_embedded: round(result.ack_p99_ms_embedded! / bareP99, 2),
    ack_ratio_vs_bare_bolt_postgres: round(result.ack_p99_ms_postgres! / bareP99, 2),
    ack_p99_ms_embedded: result.ack_p99_ms_embedded!,
    ack_p99_ms_postgres: result.ack_p99_ms_postgres!,
    ack_p50_ms_embedded: result.ack_p50_ms_embedded!,
    ack_p50_ms_postgres: result.ack_p50_ms_postgres!,
    bare_bolt_p99_ms: round(bareP99, 1),
    first_burst_p99_ms_embedded: result.first_burst_p99_ms_embedded!,
    first_burst_p99_ms_postgres: result.first_burst_p99_ms_postgres!,
    first_burst_p99_ms_bare: result.first_burst_p99_ms_bare!,
  };
}

export interface ClickToCardResult {
  click_to_card_p95_ms: number;
  click_to_card_p50_ms: number;
  click_to_card_p95_ms_postgres: number;
  /**
   * CPU per approval while the fifty were under way, embedded: the bot's own thread (Node), and the
   * embedded server's processes. Fifty approvals in sequence on one thread take at least 50 × the first.
   */
  click_bot_cpu_ms_per_approval: number;
  click_server_cpu_ms_per_approval: number;
  approvals: number;
  x_latency_ms: number;
}

/** 50 "Send DM" clicks at once while every X call takes 300 ms; click → first update of its card. */
export async function runClickToCardBench(approvals = 50, xLatencyMs = 300): Promise<ClickToCardResult> {
  const fakes = await startFakes();
  const result: Record<string, number> = {};
  try {
    for (const driver of ['embedded', 'postgres'] as const) {
      const { bot, dispose } = await builtBot(fakes, driver, { X_DM_POLICY: 'approved' });
      try {
        const cards = await postCards(fakes, bot, approvals);
        fakes.x.latencyMs = xLatencyMs;
        const versions = cards.map((card) => card.history.length);
        const updated: number[] = new Array(approvals).fill(0);
        const pid = bot.child.pid!;
        const cpuBefore = { bot: processCpuMs(pid), tree: treeCpuMs(pid) };
        const started = performance.now();
        const clicks = cards.map((card) =>
          postInteraction(bot.eventsUrl, BENCH_SIGNING_SECRET, blockActionsPayload({ actionId: ACTIONS.sendDm, value: welcomeIdOf(card), channelId: BENCH_CHANNEL, messageTs: card.ts, responseUrl: fakes.slack.responseUrl({ channel: BENCH_CHANNEL, messageTs: card.ts }) })),
        );
        await waitUntil(() => {
          const now = performance.now();
          cards.forEach((card, i) => {
            if (!updated[i] && (fakes.slack.message(BENCH_CHANNEL, card.ts)?.history.length ?? 0) > versions[i]!) updated[i] = now - started;
          });
          return updated.every(Boolean);
        }, 120_000, 'every card to be updated');
        await Promise.all(clicks);
        if (driver === 'embedded') {
          const bot = processCpuMs(pid) - cpuBefore.bot;
          result.botCpu = round(bot / approvals, 1);
          result.serverCpu = round((treeCpuMs(pid) - cpuBefore.tree - bot) / approvals, 1);
        }
        result[driver === 'embedded' ? 'p95' : 'p95_postgres'] = round(percentile(updated, 0.95), 0);
        if (driver === 'embedded') result.p50 = round(percentile(updated, 0.5), 0);
      } finally {
        fakes.x.latencyMs = 0;
        await dispose();
      }
    }
  } finally {
    await fakes.close();
  }
  return { click_to_card_p95_ms: result.p95!, click_to_card_p50_ms: result.p50!, click_to_card_p95_ms_postgres: result.p95_postgres!,
    click_bot_cpu_ms_per_approval: result.botCpu!,
    click_server_cpu_ms_per_approval: result.serverCpu!,
    approvals, x_latency_ms: xLatencyMs };
}

export interface ImportPeakResult {
  /** RSS summed over the bot's process tree: the server's ~20 processes each count the pages they share (buffers, the binary). */
  import_peak_rss_mb: number;
  /** Proportional set size of the same tree: shared pages counted once, the footprint on the machine. */
  import_peak_pss_mb: number;
  /** The bot's own process (Node), without the server. */
  import_peak_bot_rss_mb: number;
  import_seconds: number;
  import_followers: number;
}

/** The bot from dist/ on a fresh embedded database whose account has 100,000 followers: its first poll is the baseline. */
export async function runImportPeakBench(followers = 100_000): Promise<ImportPeakResult> {
  const fakes = await startFakes();
  fakes.x.addFollowers(followers);
  const dataDir = mkdtempSync(join(tmpdir(), 'accueil-bench-'));
  try {
    // Every follower (BASELINE=full): the default baseline reads only the first page.
    const bot = await spawnBuiltBot(fakes.env({ DATA_DIR: dataDir, POLL_INTERVAL_SECONDS: '3600', BASELINE: 'full' }));
    let peak = treeRssMb(bot.child.pid!);
    let peakPss = treePssMb(bot.child.pid!);
    let peakBot = rssMb(bot.child.pid!);
    const sampler = setInterval(() => {
      peak = Math.max(peak, treeRssMb(bot.child.pid!));
      try {
        peakBot = Math.max(peakBot, rssMb(bot.child.pid!));
      } catch {
        // the bot left while we looked
      }
    }, 25);
    const pssSampler = setInterval(() => (peakPss = Math.max(peakPss, treePssMb(bot.child.pid!))), 100);
    const started = performance.now();
    try {
      await waitUntil(() => fakes.x.usersReturned >= followers, 300_000, 'the baseline to be read');
      // The last page is written after it is read.
      await sleep(2000);
      return { import_peak_rss_mb: Math.round(peak), import_peak_pss_mb: Math.round(peakPss), import_peak_bot_rss_mb: Math.round(peakBot), import_seconds: round((performance.now() - started) / 1000, 1), import_followers: followers };
    } finally {
      clearInterval(sampler);
      clearInterval(pssSampler);
      await bot.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await fakes.close();
  }
}
