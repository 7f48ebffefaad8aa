import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import type { FollowerProfile } from '../../src/domain';
import { createXWebhookListener, type XWebhookListenerOptions } from '../../src/x/sources/webhook';
import { FAKE_X_CREDENTIALS } from '../../src/sandbox/x';

export interface HeardFromX {
  follows: { accountUserId: string; follower: FollowerProfile }[];
  engagements: Parameters<XWebhookListenerOptions['onEngagement']>[0][];
  unfollows: { accountUserId: string; followerId: string }[];
  warnings: string[];
  /** Anything any handler received. */
  total(): number;
}

export interface WebhookListenerContext {
  /** http://127.0.0.1:PORT/x/webhook */
  url: string;
  heard: HeardFromX;
  /** Makes the handlers fail, as when the database is down. */
  breakHandlers(): void;
}

/**
 * The webhook listener mounted at /x/webhook on a server of its own for each test, as the bot
 * mounts it, with handlers that remember what they were told.
 */
export function withWebhookListener(options: { consumerSecret?: string } = {}): WebhookListenerContext {
  const context = {} as WebhookListenerContext;
  let server: http.Server;
  beforeEach(async () => {
    let broken = false;
    const heard: HeardFromX = {
      follows: [],
      engagements: [],
      unfollows: [],
      warnings: [],
      total: () => heard.follows.length + heard.engagements.length + heard.unfollows.length,
    };
    const listen = <T>(into: T[]) => async (event: T) => {
      if (broken) throw new Error('database unavailable');
      into.push(event);
    };
    const listener = createXWebhookListener({
      consumerSecret: options.consumerSecret ?? FAKE_X_CREDENTIALS.apiSecret,
      onFollow: listen(heard.follows),
      onEngagement: listen(heard.engagements),
      onUnfollow: listen(heard.unfollows),
      logger: { warn: (_obj, msg) => heard.warnings.push(msg) },
    });
    server = http.createServer((req, res) => {
      if (new URL(req.url ?? '/', 'http://bot').pathname === '/x/webhook') return listener(req, res);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    context.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x/webhook`;
    context.heard = heard;
    context.breakHandlers = () => {
      broken = true;
    };
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return context;
}
