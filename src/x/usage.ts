import type { ITwitterApiClientPlugin } from 'twitter-api-v2';
import twttr from 'twitter-text';
import type { XUsageCategory, XUsageEntry } from '../domain/x-usage';
import type { Logger } from '../logger';

// Every X call, counted where the library makes it: a plugin sees the path and X's answer, so the
// units are what X bills (users, events and posts returned; messages and posts created).

export interface XCallUsage {
  category: XUsageCategory;
  units: number;
}

interface ClassifyInput {
  method: string;
  path: string;
  /** X's parsed answer. */
  body: unknown;
  /** The JSON body we sent, for a post's text. */
  sent: unknown;
}

const dataLength = (body: unknown): number => {
  const data = (body as { data?: unknown } | null)?.data;
  if (Array.isArray(data)) return data.length;
  return data && typeof data === 'object' ? 1 : 0;
};

/** The billing category and units of one successful X call. Pure, for the tests. */
export function classifyXCall({ method, path, body, sent }: ClassifyInput): XCallUsage {
  const p = path.replace(/\/+$/, '');
  if (method === 'GET' && /^\/2\/users\/[^/]+\/followers$/.test(p)) return { category: 'owned-follower-read', units: dataLength(body) };
  if (method === 'GET' && /^\/2\/users\/[^/]+\/mentions$/.test(p)) return { category: 'post-read', units: dataLength(body) };
  if (method === 'GET' && /^\/2\/(dm_events|dm_conversations\/.+\/dm_events)$/.test(p)) return { category: 'dm-event-read', units: dataLength(body) };
  if (method === 'GET' && /^\/2\/users(\/|$)/.test(p)) return { category: 'user-read', units: dataLength(body) };
  if (method === 'GET' && /^\/2\/tweets(\/|$)/.test(p)) return { category: 'post-read', units: dataLength(body) };
  if (method === 'POST' && /^\/2\/dm_conversations(\/|$)/.test(p)) return { category: 'dm-send', units: 1 };
  if (method === 'POST' && p === '/2/tweets') {
    const text = (sent as { text?: unknown } | null)?.text;
    // X bills a post carrying a link about thirteen times one without.
    const withUrl = typeof text === 'string' && twttr.extractUrls(text).length > 0;
    return { category: withUrl ? 'post-with-url' : 'post', units: 1 };
  }
  return { category: 'other', units: 0 };
}

/** The X user id an OAuth 1.0a access token belongs to: X issues them as "<user id>-<secret part>". */
export function xUserIdOfAccessToken(accessToken: string): string | null {
  const match = /^(\d+)-/.exec(accessToken);
  return match ? match[1]! : null;
}

export interface XUsagePluginOptions {
  /** Where each call is counted (x_api_usage, in production). */
  record(entry: XUsageEntry): Promise<void>;
  /** The account the client acts for; see xUserIdOfAccessToken. */
  xUserId: string;
  now?: () => Date;
  logger?: Logger;
}

/**
 * Records each successful X call through `record`. A failed write is logged and swallowed: the call
 * to X already happened, and losing a count must never make the bot think a send failed.
 */
export function xUsagePlugin(options: XUsagePluginOptions): ITwitterApiClientPlugin {
  const now = options.now ?? (() => new Date());
  return {
    async onAfterRequest({ url, params, response }) {
      const usage = classifyXCall({
        method: (params.method ?? 'GET').toUpperCase(),
        path: new URL(params.url, url).pathname,
        body: response.data,
        sent: params.body,
      });
      try {
        await options.record({ xUserId: options.xUserId, ...usage, at: now() });
      } catch (error) {
        options.logger?.warn({ err: { message: error instanceof Error ? error.message : String(error) }, category: usage.category }, 'could not count an X call');
      }
    },
  };
}
