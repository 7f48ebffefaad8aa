import http from 'node:http';
import { TwitterApi } from 'twitter-api-v2';
import type { Desk } from '../../src/desk/desk';
import { baseUrlPlugin } from '../../src/x/client';
import { noteVersion } from '../../src/x/dialect';
import { xUsagePlugin } from '../../src/x/usage';
import { recordXUsage } from '../../src/db/x-usage';
import type { TestDesk } from '../helpers/desk';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * The running bot's desk, seen from `offsetMs` in the future, with an X client that counts its
 * calls the way the lead wires it in main.ts: the same fake X, the same database.
 */
export function deskAt(test: TestDesk, offsetMs: number): Desk {
  const desk = test.bot.desk;
  const client = new TwitterApi(
    {
      appKey: test.x.credentials.apiKey,
      appSecret: test.x.credentials.apiSecret,
      accessToken: test.x.credentials.accessToken,
      accessSecret: test.x.credentials.accessSecret,
    },
    {
      plugins: [baseUrlPlugin(test.x.url), xUsagePlugin({ record: (entry) => recordXUsage(desk.db, entry), xUserId: test.x.account.id })],
      httpAgent: new http.Agent(),
    },
  );
  // The running bot's client for the account learned X's version long ago; this stand-in knows it too.
  noteVersion(client, test.x.version);
  return { ...desk, xClient: () => client, now: () => new Date(Date.now() + offsetMs) };
}

/** Requests the bot made to the fake X from index `from` on. */
export function requestsSince(test: TestDesk, from: number) {
  return test.x.requests.slice(from).map((r) => `${r.method} ${r.path}`);
}
