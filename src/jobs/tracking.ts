import { listAccounts } from '../db/accounts';
import { seedXPrices } from '../db/x-usage';
import type { Desk, TrackingDesk } from '../desk/desk';
import { trackAccount } from '../tracking/track';
import { nudgeWaitingConversations } from '../desk/answer-nudge';

export const TRACKING_QUEUE = 'tracking-pass';

export interface TrackingJobsOptions {
  /** TRACKING_CRON */
  cron: string;
  /** TEAM_TIMEZONE */
  timeZone: string;
  /** ANSWER_NUDGE_HOURS: a conversation waiting longer gets one reminder in its thread. */
  answerNudgeHours?: number;
}

export interface RunningTrackingJobs {
  /** Queues a pass now (one waiting pass at most, whichever process asks). */
  trackNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Replies and unfollows, on a pg-boss schedule: the schedule is stored once in the database, so
 * however many processes run, one pass is queued per tick, and one process runs it.
 */
export async function startTrackingJobs(desk: TrackingDesk & Pick<Desk, 'boss' | 'answers'>, options: TrackingJobsOptions): Promise<RunningTrackingJobs> {
  const { boss } = desk;
  await seedXPrices(desk.db);
  await boss.createQueue(TRACKING_QUEUE, { name: TRACKING_QUEUE, policy: 'stately', retryLimit: 3, retryDelay: 60, retryBackoff: true });
  await boss.work(TRACKING_QUEUE, { pollingIntervalSeconds: 2, batchSize: 1 }, async () => {
    for (const account of await listAccounts(desk.db)) {
      try {
        await trackAccount(desk, account.id);
      } catch (error) {
        // One account's trouble with X must not stop the others; the next tick tries again.
        desk.logger.warn({ account: account.handle, err: { message: error instanceof Error ? error.message : String(error) } }, 'tracking pass failed');
      }
    }
    // On the same schedule: the messages the pass just brought in are what the reminder is about.
    await nudgeWaitingConversations(desk, { hours: options.answerNudgeHours ?? 24 });
  });
  await boss.schedule(TRACKING_QUEUE, options.cron, {}, { tz: options.timeZone, singletonKey: 'tracking' });
  return {
    trackNow: async () => {
      await boss.send(TRACKING_QUEUE, {}, { singletonKey: 'tracking' });
    },
    stop: async () => {
      await boss.offWork(TRACKING_QUEUE);
    },
  };
}
