import { and, eq } from 'drizzle-orm';
import { buildDigestBlocks, chartAltText } from '../bot/blocks/digest';
import type { Db } from '../db/client';
import { digestFigures, WEEK_MS, type DigestFigures } from '../db/digest-queries';
import { digestRuns, type XAccountRow } from '../db/schema';
import type { Desk } from '../desk/desk';
import type { Lang } from '../domain';

export interface Digest {
  figures: DigestFigures;
  text: string;
  blocks: ReturnType<typeof buildDigestBlocks>['blocks'];
  /** The trend chart; null when the caller shows no image (a private slash-command answer). */
  png: Buffer | null;
}

/** The digest of the seven days before `now`, with its chart. */
export async function buildDigest(
  db: Db,
  account: Pick<XAccountRow, 'id' | 'xUserId'>,
  opts: { now: Date; lang: Lang; chart?: boolean },
): Promise<Digest> {
  const figures = await digestFigures(db, account, { from: new Date(opts.now.getTime() - WEEK_MS), to: opts.now });
  const { text, blocks } = buildDigestBlocks(figures, opts.lang);
  // The chart renderer (chart.js and a native canvas) is loaded when a digest is drawn, not at start-up.
  return { figures, text, blocks, png: opts.chart === false ? null : await (await import('./chart')).renderTrendChart(figures.trend, opts.lang) };
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
export async function postWeeklyDigest(desk: Desk, account: XAccountRow, opts: { timeZone: string }): Promise<PostOutcome> {
  const now = desk.now();
  const key = periodKey(now, opts.timeZone);
  const [claim] = await desk.db
    .insert(digestRuns)
    .values({ accountId: account.id, periodKey: key, periodStart: new Date(now.getTime() - WEEK_MS), periodEnd: now, slackChannelId: account.slackChannelId })
    .onConflictDoNothing()
    .returning();
  if (!claim) return { posted: false, reason: 'already-posted' };
  try {
    const digest = await buildDigest(desk.db, account, { now, lang: desk.lang });
    const png = digest.png!;
    const posted = await desk.slack.chat.postMessage({ channel: account.slackChannelId, text: digest.text, blocks: digest.blocks, unfurl_links: false });
    if (!posted.ts) throw new Error('Slack accepted the digest but returned no message timestamp');
    await desk.db.update(digestRuns).set({ slackTs: posted.ts }).where(eq(digestRuns.id, claim.id));
    await desk.slack.files.uploadV2({
      channel_id: account.slackChannelId,
      thread_ts: posted.ts,
      file: png,
      filename: `accueil-digest-${key}.png`,
      title: chartAltText(desk.lang),
    });
    desk.logger.info({ account: account.handle, period: key }, 'weekly digest posted');
    return { posted: true, ts: posted.ts };
  } catch (error) {
    // Nothing reached the channel (or only the text did, before the chart failed): free the day
    // for pg-boss's retry only when the message itself was never posted.
    const [row] = await desk.db.select().from(digestRuns).where(and(eq(digestRuns.id, claim.id)));
    if (!row?.slackTs) await desk.db.delete(digestRuns).where(eq(digestRuns.id, claim.id));
    throw error;
  }
}
