import { publishCard } from '../desk/cards';
import { QUEUES, type Desk } from '../desk/desk';
import { sendWelcome } from '../desk/send';
import { pollAccount } from './poll-followers';
import { sweepDesk } from './sweep';

export interface JobsOptions {
  accountIds: number[];
  pollIntervalSeconds: number;
  /** How often to look for what a crash left behind. */
  sweepIntervalSeconds?: number;
}

export interface RunningJobs {
  /** Queues a poll of every account now (deduplicated: one waiting poll per account at most). */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

interface WelcomeJob {
  welcomeId: number;
}
interface AccountJob {
  accountId: number;
}

/**
 * The durable work: polls, sends, card retries and the sweeper, all through pg-boss so that whichever
 * process takes a job runs it once. "stately" queues keep at most one waiting job per key (one per
 * welcome, one per account), so every process may safely ask for the same work.
 */
export async function startJobs(desk: Desk, options: JobsOptions): Promise<RunningJobs> {
  const { boss } = desk;
  for (const name of Object.values(QUEUES)) {
    await boss.createQueue(name, { name, policy: 'stately', retryLimit: 5, retryDelay: 5, retryBackoff: true });
  }
  const every = { pollingIntervalSeconds: 0.5, batchSize: 1 };
  await boss.work<AccountJob>(QUEUES.poll, every, async ([job]) => {
    await pollAccount(desk, job!.data.accountId);
  });
  await boss.work<WelcomeJob>(QUEUES.send, every, async ([job]) => {
    await sendWelcome(desk, job!.data.welcomeId);
  });
  await boss.work<WelcomeJob>(QUEUES.card, every, async ([job]) => {
    await publishCard(desk, job!.data.welcomeId);
  });
  await boss.work(QUEUES.sweep, every, async () => {
    await sweepDesk(desk);
  });

  const pollNow = async () => {
    for (const accountId of options.accountIds) {
      await boss.send(QUEUES.poll, { accountId }, { singletonKey: `account-${accountId}` });
    }
  };
  const sweepNow = () => boss.send(QUEUES.sweep, {}, { singletonKey: 'sweep' });
  const timers = [
    setInterval(() => void pollNow().catch((err) => desk.logger.error({ err }, 'could not queue a poll')), options.pollIntervalSeconds * 1000),
    setInterval(() => void sweepNow().catch((err) => desk.logger.error({ err }, 'could not queue a sweep')), (options.sweepIntervalSeconds ?? 60) * 1000),
  ];
  await pollNow();
  await sweepNow();
  return {
    pollNow,
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
