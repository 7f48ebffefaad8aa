import type { Db } from '../db/client';
import { digestFigures, WEEK_MS, type DigestFigures } from '../db/digest-queries';
import { claimDigestRun, releaseUnpostedDigestRun, setDigestMessage } from '../db/digest-runs';
import type { XAccountRow } from '../db/schema';
import type { Logger } from '../logger';

/** What the digest needs of whoever shows it (the Slack layer provides it). */
export interface DigestPublisher {
  /** Draws the digest of these figures (message and chart) without showing it: a failure here posts nothing. */
  draw(figures: DigestFigures): Promise<DrawnDigest>;
}

export interface DrawnDigest {
  /** Posts the digest in the account's desk channel; returns the message's timestamp. */
  post(account: XAccountRow): Promise<string>;
  /** Posts the trend chart in the thread of the digest's message. */
  postChart(account: XAccountRow, threadTs: string, periodKey: string): Promise<void>;
}

/** The figures of the seven days before `now`. */
export function weekOfFigures(db: Db, account: Pick<XAccountRow, 'id' | 'xUserId'>, now: Date): Promise<DigestFigures> {
  return digestFigures(db, account, { from: new Date(now.getTime() - WEEK_MS), to: now });
}

/** The local date in the team's time zone: what makes two firings on the same day one digest. */
export function periodKey(now: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export type PostOutcome = { posted: true; ts: string } | { posted: false; reason: 'already-posted' };

/**
 * Posts the weekly digest to the account's desk channel, then its chart in the thread. A row per
 * account and local day is claimed first, so a second firing — another process, a retry, a clock
 * skew across pg-boss's own deduplication — finds it taken and posts nothing.
 */
export async function postWeeklyDigest(
  deps: { db: Db; now(): Date; logger: Logger },
  publisher: DigestPublisher,
  account: XAccountRow,
  opts: { timeZone: string },
): Promise<PostOutcome> {
  const now = deps.now();
  const key = periodKey(now, opts.timeZone);
  const claim = await claimDigestRun(deps.db, {
    accountId: account.id,
    periodKey: key,
    periodStart: new Date(now.getTime() - WEEK_MS),
    periodEnd: now,
    slackChannelId: account.slackChannelId,
  });
  if (!claim) return { posted: false, reason: 'already-posted' };
  try {
    const digest = await publisher.draw(await weekOfFigures(deps.db, account, now));
    const ts = await digest.post(account);
    await setDigestMessage(deps.db, claim.id, ts);
    await digest.postChart(account, ts, key);
    deps.logger.info({ account: account.handle, period: key }, 'weekly digest posted');
    return { posted: true, ts };
  } catch (error) {
    // Nothing reached the channel (or only the text did, before the chart failed): free the day
    // for pg-boss's retry only when the message itself was never posted.
    await releaseUnpostedDigestRun(deps.db, claim.id);
    throw error;
  }
}
