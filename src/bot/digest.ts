// The weekly digest in Slack: its blocks, its chart, and the DigestPublisher that posts them.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client';
import type { DigestFigures } from '../db/digest-queries';
import type { XAccountRow } from '../db/schema';
import { weekOfFigures, type DigestPublisher } from '../digest/digest';
import type { Lang } from '../domain';
import { appHomeLink } from './app-home-link';
import { buildDigestBlocks, chartAltText } from './blocks/digest';

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
  opts: { now: Date; lang: Lang; chart?: boolean; homeLink?: string | null },
): Promise<Digest> {
  const figures = await weekOfFigures(db, account, opts.now);
  const { text, blocks } = buildDigestBlocks(figures, opts.lang, { homeLink: opts.homeLink });
  return { figures, text, blocks, png: opts.chart === false ? null : await renderChart(figures, opts.lang) };
}

// The chart renderer (chart.js and a native canvas) is loaded when a digest is drawn, not at start-up.
async function renderChart(figures: DigestFigures, lang: Lang): Promise<Buffer> {
  return (await import('../digest/chart')).renderTrendChart(figures.trend, lang);
}

/** Posts digests to each account's desk channel, in the desk's language. */
export function createDigestPublisher(deps: { slack: WebClient; lang: Lang }): DigestPublisher {
  return {
    draw: async (figures) => {
      const { text, blocks } = buildDigestBlocks(figures, deps.lang, { homeLink: await appHomeLink(deps.slack) });
      const png = await renderChart(figures, deps.lang);
      return {
        post: async (account) => {
          const posted = await deps.slack.chat.postMessage({ channel: account.slackChannelId, text, blocks, unfurl_links: false });
          if (!posted.ts) throw new Error('Slack accepted the digest but returned no message timestamp');
          return posted.ts;
        },
        postChart: async (account, threadTs, periodKey) => {
          await deps.slack.files.uploadV2({
            channel_id: account.slackChannelId,
            thread_ts: threadTs,
            file: png,
            filename: `accueil-digest-${periodKey}.png`,
            title: chartAltText(deps.lang),
          });
        },
      };
    },
  };
}
