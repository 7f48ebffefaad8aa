import { listAccounts } from '../db/accounts';
import type { BotDesk } from '../bot/deps';
import { createDigestPublisher } from '../bot/digest';
import { postWeeklyDigest } from '../digest/digest';

export const DIGEST_QUEUE = 'digest-weekly';

export interface DigestJobsOptions {
  /** DIGEST_CRON */
  cron: string;
  /** TEAM_TIMEZONE, an IANA name. */
  timeZone: string;
}

/**
 * The weekly digest on a pg-boss schedule. pg-boss keeps one schedule per name in the database and
 * lets one process per minute turn it into a job, so several bot processes post one digest; the
 * per-day claim in postWeeklyDigest makes sure of it.
 */
export async function startDigestJobs(
  desk: Pick<BotDesk, 'db' | 'boss' | 'slack' | 'logger' | 'now' | 'lang'>,
  options: DigestJobsOptions,
): Promise<{ stop(): Promise<void> }> {
  const { boss } = desk;
  const { timeZone } = options;
  const publisher = createDigestPublisher(desk);
  await boss.createQueue(DIGEST_QUEUE, { name: DIGEST_QUEUE, policy: 'stately', retryLimit: 5, retryDelay: 60, retryBackoff: true });
  await boss.work(DIGEST_QUEUE, { pollingIntervalSeconds: 2, batchSize: 1 }, async () => {
    for (const account of await listAccounts(desk.db)) await postWeeklyDigest(desk, publisher, account, { timeZone });
  });
  await boss.schedule(DIGEST_QUEUE, options.cron, {}, { tz: timeZone, singletonKey: 'digest' });
  return { stop: () => boss.offWork(DIGEST_QUEUE) };
}
