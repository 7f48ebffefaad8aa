import type PgBoss from 'pg-boss';
import { randomUUID } from 'node:crypto';
import { heartbeat, INSTANCE_STALE_MS, registerInstance, setActiveJobs, type RunningJob } from '../db/bot-instances';
import { publishCard } from '../bot/cards';
import { QUEUES } from '../desk/desk';
import type { BotDesk } from '../bot/deps';
import { sendWelcome, type SendTracker } from '../desk/send';
import { sendAnswer } from '../desk/answer-send';
import { pollAccount } from './poll-followers';
import { failJobsOfDeadProcesses, sweepDesk } from './sweep';
import type { BaselineMode } from '../x/sources/poll';

export interface JobsOptions {
  accountIds: number[];
  pollIntervalSeconds: number;
  /** How much of the follower list a first poll reads (default: its head). */
  baseline?: BaselineMode;
  /** How often to look for what a crash left behind. */
  sweepIntervalSeconds?: number;
  /** How often this process says it is alive (seconds); tests shorten it. */
  heartbeatSeconds?: number;
  /** After how long without a heartbeat a process counts as dead (ms): its sends in flight are reconciled with X. */
  instanceStaleMs?: number;
}

export interface RunningJobs {
  /** This process, as the database knows it. */
  instanceId: string;
  /** Queues a poll of every account now (deduplicated: one waiting poll per account at most). */
  pollNow(): Promise<void>;
  /** Queues a sweep now. */
  sweepNow(): Promise<void>;
  stop(): Promise<void>;
}

const EXPIRE_SECONDS: Record<string, number> = {
  [QUEUES.send]: 120,
  [QUEUES.card]: 120,
  [QUEUES.poll]: 300,
  [QUEUES.sweep]: 120,
  [QUEUES.answer]: 120,
};

interface WelcomeJob {
  welcomeId: number;
}
interface AnswerJob {
  answerId: number;
}
interface AccountJob {
  accountId: number;
}

/**
 * The durable work: polls, sends, card retries and the sweeper, all through pg-boss so that whichever
 * process takes a job runs it once. "stately" queues keep at most one waiting job per key (one per
 * welcome, one per account), so every process may safely ask for the same work.
 */
export async function startJobs(desk: BotDesk, options: JobsOptions): Promise<RunningJobs> {
  const { boss } = desk;
  const tracker: SendTracker = { instanceId: randomUUID(), inFlight: new Set(), staleMs: options.instanceStaleMs ?? INSTANCE_STALE_MS };
  await registerInstance(desk.db, tracker.instanceId, desk.now());
  for (const name of Object.values(QUEUES)) {
    // A job whose process died stays `active` until it expires, and while it does pg-boss cannot start
    // another under its key — nor, the fetch failing, any job queued after it. So every queue expires
    // its jobs soon after they should be done (a live one that overruns is safe: the welcome's state,
    // not the queue, decides what is sent). A poll stops at X's read limit, well within five minutes.
    const expireInSeconds = EXPIRE_SECONDS[name];
    const queue = { name, policy: 'stately' as const, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds };
    await boss.createQueue(name, queue);
    await boss.updateQueue(name, queue);
  }
  const every = { pollingIntervalSeconds: 0.5, batchSize: 1 };
  // Which jobs this process runs, in its bot_instances row: if it dies, the next heartbeat of another
  // process fails them (sweep.ts) instead of letting them block their queue until they expire.
  const running = new Map<string, RunningJob>();
  const saveRunning = () => setActiveJobs(desk.db, tracker.instanceId, [...running.values()]).catch(() => {});
  const tracked =
    <T>(queue: string, run: (job: PgBoss.Job<T>) => Promise<unknown>) =>
    async ([job]: PgBoss.Job<T>[]) => {
      running.set(job!.id, { queue, id: job!.id });
      await saveRunning();
      try {
        await run(job!);
      } finally {
        running.delete(job!.id);
        await saveRunning();
      }
    };
  await boss.work<AccountJob>(QUEUES.poll, every, tracked(QUEUES.poll, (job) => pollAccount(desk, job.data.accountId, options.baseline)));
  await boss.work<WelcomeJob>(QUEUES.send, every, tracked(QUEUES.send, (job) => sendWelcome(desk, job.data.welcomeId, tracker)));
  await boss.work<WelcomeJob>(QUEUES.card, every, tracked(QUEUES.card, (job) => publishCard(desk, job.data.welcomeId)));
  await boss.work<AnswerJob>(QUEUES.answer, every, tracked(QUEUES.answer, (job) => sendAnswer(desk, job.data.answerId, tracker)));
  await boss.work(QUEUES.sweep, every, tracked(QUEUES.sweep, () => sweepDesk(desk, tracker)));

  const pollNow = async () => {
    for (const accountId of options.accountIds) {
      await boss.send(QUEUES.poll, { accountId }, { singletonKey: `account-${accountId}` });
    }
  };
  const sweepNow = async () => {
    await boss.send(QUEUES.sweep, {}, { singletonKey: 'sweep' });
  };
  const beat = async () => {
    await heartbeat(desk.db, tracker.instanceId, desk.now());
    await failJobsOfDeadProcesses(desk, tracker);
  };
  const timers = [
    setInterval(() => void beat().catch((err: unknown) => desk.logger.warn({ err: errorMessage(err) }, 'heartbeat failed')), (options.heartbeatSeconds ?? 10) * 1000),
    setInterval(() => void pollNow().catch((err) => desk.logger.error({ err }, 'could not queue a poll')), options.pollIntervalSeconds * 1000),
    setInterval(() => void sweepNow().catch((err) => desk.logger.error({ err }, 'could not queue a sweep')), (options.sweepIntervalSeconds ?? 60) * 1000),
  ];
  await pollNow();
  await sweepNow();
  return {
    instanceId: tracker.instanceId,
    pollNow,
    sweepNow,
    stop: async () => {
      // The heartbeat row is left to go stale rather than deleted: pg-boss's graceful stop still
      // waits for sends in flight, and another process must not take those over meanwhile.
      for (const timer of timers) clearInterval(timer);
    },
  };
}

const errorMessage = (err: unknown) => ({ message: err instanceof Error ? err.message : String(err) });
