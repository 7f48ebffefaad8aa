import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../src/bot/app';
import { createHttpServer, listen } from '../../src/bot/http-server';
import { ACTIONS } from '../../src/bot/ids';
import type { Database } from '../../src/db/client';
import type { BotDesk } from '../../src/bot/deps';
import { createLogger } from '../../src/logger';
import { createTestDatabase } from '../helpers/db';
import { SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { blockActionsPayload, eventEnvelope, postEvent, postInteraction, signSlackRequest } from '../../src/sandbox/slack-request';
import { seededRandom } from '../../src/demo/random';
import { hostileSlackBodies, mrkdwnProblems, hostileProfile } from '../reliability/support/hostile';
import { sleep, welcomeRow } from '../helpers/wait';

// One desk for the file: every case talks to the same running bot, which must keep serving.
let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
});
afterAll(async () => {
  await desk?.stop();
});

async function stillHealthy(): Promise<void> {
  const health = await fetch(`${desk.baseUrl}/healthz`);
  expect(health.status).toBe(200);
}

describe('the Slack endpoint under hostile input', () => {
  it('answers every malformed, mistyped or odd body cleanly, with a valid signature or without, and keeps serving', async () => {
    const statuses: number[] = [];
    // Bodies no listener takes are answered after Bolt's 3-second unhandled-request wait, hence ten at
    // a time: 30 bodies here, 400 in test/reliability/hostile.test.ts.
    const bodies = hostileSlackBodies(seededRandom(7), 30);
    for (let i = 0; i < bodies.length; i += 10) {
      await Promise.all(
        bodies.slice(i, i + 10).map(async (body) => {
          const signed = signSlackRequest(SIGNING_SECRET, body.raw);
          const response = await fetch(desk.eventsUrl, {
            method: 'POST',
            headers: { 'content-type': body.contentType, ...(body.signed ? signed : {}) },
            body: body.raw,
            signal: AbortSignal.timeout(15_000),
          });
          statuses.push(response.status);
          expect(response.status, `${body.name}: ${body.raw.slice(0, 80)}`).toBeLessThan(500);
          if (!body.signed) expect(response.status, body.name).toBe(401);
        }),
      );
    }
    expect(statuses).toContain(401);
    expect(statuses).toContain(400);
    await stillHealthy();
    expect(desk.x.sentDms.length + desk.x.posts.length).toBe(0);
  }, 60_000);

  it('refuses a missing signature, a missing timestamp and a stale one with 401', async () => {
    const raw = `payload=${encodeURIComponent(JSON.stringify(blockActionsPayload({ actionId: ACTIONS.skip, value: '1' })))}`;
    const good = signSlackRequest(SIGNING_SECRET, raw);
    const stale = signSlackRequest(SIGNING_SECRET, raw, Math.floor(Date.now() / 1000) - 6 * 60);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const cases: Record<string, Record<string, string>> = {
      missing: form,
      'no timestamp': { ...form, 'x-slack-signature': good['x-slack-signature'] },
      'no signature': { ...form, 'x-slack-request-timestamp': good['x-slack-request-timestamp'] },
      stale: { ...form, ...stale },
    };
    for (const [name, headers] of Object.entries(cases)) {
      const response = await fetch(desk.eventsUrl, { method: 'POST', headers, body: raw });
      expect(response.status, name).toBe(401);
    }
  });

  it('refuses a body over 1 MB sent in chunks, without a length to check up front', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(desk.eventsUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 2 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    await stillHealthy();
  });

  it('escapes hostile follower data on the card: mrkdwn, zero-width and right-to-left characters, 10,000-character fields', async () => {
    const random = seededRandom(11);
    const before = desk.cards().length;
    for (let i = 0; i < 3; i++) desk.x.addFollower(hostileProfile(random));
    await desk.poll();
    const cards = (await desk.waitForCards(before + 3, 20_000)).slice(before);
    for (const card of cards) {
      expect(mrkdwnProblems(card.blocks, { actors: [] })).toEqual([]);
      expect((await welcomeRow(desk.bot.desk.db, welcomeIdOf(card))).status).toBe('pending');
    }
    expect(desk.slack.calls.filter((call) => call.method === 'chat.postMessage' && !call.ok)).toEqual([]);
  });
});

describe('Slack events delivered twice', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('runs a listener once per event_id, whatever the retries', async () => {
    const desk = { db: database.db, logger: createLogger('silent'), lang: 'en', now: () => new Date() } as unknown as BotDesk;
    const slackApp = createSlackApp(desk, {
      botToken: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      apiUrl: 'http://127.0.0.1:9/api/',
      botId: 'B0BOT0001',
      botUserId: 'U0BOT0001',
      logger: createLogger('silent'),
    });
    const seen: string[] = [];
    slackApp.app.event('app_mention', async ({ event }) => {
      seen.push(event.ts);
    });
    const server = createHttpServer({ slack: slackApp.requestListener, health: () => ({ database: true, jobs: true, slack: true }), metrics: async () => '' });
    const port = await listen(server, 0);
    try {
      const url = `http://127.0.0.1:${port}/slack/events`;
      const mention = { type: 'app_mention', user: 'U0ANNE001', text: '<@U0BOT0001> hello', ts: '1700000000.000200', channel: 'C0DESK001', event_ts: '1700000000.000200' };
      const first = eventEnvelope(mention, { eventId: 'Ev0SAME0001' });
      const other = eventEnvelope({ ...mention, ts: '1700000000.000300' }, { eventId: 'Ev0OTHER001' });
      const answers = await Promise.all([
        postEvent(url, SIGNING_SECRET, first),
        postEvent(url, SIGNING_SECRET, first, { retryNum: 1, retryReason: 'http_timeout' }),
        postEvent(url, SIGNING_SECRET, first, { retryNum: 2, retryReason: 'http_error' }),
        postEvent(url, SIGNING_SECRET, other),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
      await sleep(300);
      expect(seen.sort()).toEqual(['1700000000.000200', '1700000000.000300']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('interactions carry no id: a replayed click is stopped by the welcome’s state, not sent twice', async () => {
    const { card, welcomeId } = await (async () => {
      desk.x.addFollower({ name: 'Hélène', bio: 'Design.' });
      const before = desk.cards().length;
      await desk.poll();
      const cards = await desk.waitForCards(before + 1);
      return { card: cards.at(-1)!, welcomeId: welcomeIdOf(cards.at(-1)!) };
    })();
    const payload = blockActionsPayload({ actionId: ACTIONS.postMention, value: String(welcomeId), channelId: card.channel, messageTs: card.ts });
    const postsBefore = desk.x.posts.length;
    await Promise.all([0, 1, 2].map(() => postInteraction(desk.eventsUrl, SIGNING_SECRET, payload)));
    for (let i = 0; i < 100 && (await welcomeRow(desk.bot.desk.db, welcomeId)).status !== 'sent'; i++) await sleep(100);
    await sleep(300);
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('sent');
    expect(desk.x.posts.length - postsBefore).toBe(1);
  });
});
