import type { Desk } from '../desk/desk';
import { expireStaleCards } from '../tracking/expiry';

export const EXPIRY_QUEUE = 'cards-expire';
/** Hourly: a card expires within the hour after its N days. */
export const DEFAULT_EXPIRY_CRON = '7 * * * *';

export interface ExpiryJobsOptions {
  /** Days a card may wait for a decision (CARD_EXPIRY_DAYS). */
  expiryDays: number;
  cron?: string;
}

/** Closes cards nobody decided on, on a pg-boss schedule shared by every process. */
export async function startExpiryJobs(desk: Pick<Desk, 'db' | 'boss' | 'logger' | 'cards' | 'now'>, options: ExpiryJobsOptions): Promise<{ stop(): Promise<void> }> {
  const { boss } = desk;
  const days = options.expiryDays;
  await boss.createQueue(EXPIRY_QUEUE, { name: EXPIRY_QUEUE, policy: 'stately', retryLimit: 3, retryDelay: 60 });
  await boss.work(EXPIRY_QUEUE, { pollingIntervalSeconds: 5, batchSize: 1 }, async () => {
    await expireStaleCards(desk, { days });
  });
  await boss.schedule(EXPIRY_QUEUE, options.cron ?? DEFAULT_EXPIRY_CRON, {}, { singletonKey: 'expiry' });
  return { stop: () => boss.offWork(EXPIRY_QUEUE) };
}
