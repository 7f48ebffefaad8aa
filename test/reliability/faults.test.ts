// Failing dependencies: Postgres restarted mid-run, X unreachable for minutes, Slack's API failing.
// No approval lost, nothing sent twice, recovery without a human, and /healthz says what is wrong
// meanwhile. Postgres and X fail behind proxies on loopback (support/proxies.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ids';
import { welcomes } from '../../src/db/schema';
import type { FakeMessage } from '../../src/sandbox/slack';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db';
import { startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { sleep, waitUntil } from '../helpers/wait';
import { startTcpProxy, startXProxy, type TcpProxy, type XProxy } from './support/proxies';
import { record } from './support/results';

let desk: TestDesk | undefined;
let tcp: TcpProxy | undefined;
let xProxy: XProxy | undefined;
let location: TestDatabaseLocation | undefined;
afterEach(async () => {
  await tcp?.up().catch(() => {});
  await xProxy?.up().catch(() => {});
  await desk?.stop();
  await tcp?.close();
  await xProxy?.close();
  await location?.drop();
  desk = tcp = xProxy = location = undefined;
});

const OUTAGE_SECONDS = Number(process.env.RELIABILITY_X_OUTAGE_SECONDS ?? 600);

async function health(d: TestDesk): Promise<{ code: number; body: Record<string, unknown> }> {
  const response = await fetch(`${d.baseUrl}/healthz`).catch(() => null);
  if (!response) return { code: 0, body: {} };
  return { code: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function newCards(d: TestDesk, n: number, prefix: string): Promise<FakeMessage[]> {
  const before = d.cards().length;
  for (let i = 0; i < n; i++) d.x.addFollower({ name: `${prefix}${i}`, bio: 'Design et céramique.' });
  await d.poll();
  return (await d.waitForCards(before + n, 30_000)).slice(before).map((card) => ({ ...card, blocks: structuredClone(card.blocks) }));
}

const sentCount = async (d: TestDesk, ids: number[]) =>
  (await d.bot.desk.db.select().from(welcomes)).filter((w) => ids.includes(w.id) && w.status === 'sent').length;

describe.skipIf(!process.env.DATABASE_URL)('Postgres restarted mid-run', () => {
  it('keeps every approval, sends each once, recovers alone, and /healthz says so meanwhile', async () => {
    location = await createTestDatabaseLocation();
    const url = new URL(location.databaseUrl!);
    tcp = await startTcpProxy(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(tcp.port);
    desk = await startTestDesk({ env: { DATABASE_URL: url.toString(), X_DM_POLICY: 'approved' } });
    const cards = await newCards(desk, 10, 'Pg');
    const ids = cards.map(welcomeIdOf);
    await Promise.all(cards.slice(0, 5).map((card) => desk!.click(card, ACTIONS.postMention)));

    // The restart: every connection cut, new ones refused for 8 seconds; five approvals land meanwhile.
    await tcp.down();
    const during = Promise.all(cards.slice(5).map((card, i) => sleep(i * 500).then(() => desk!.click(card, ACTIONS.sendDm))));
    const seen = await waitUntil(async () => {
      const h = await health(desk!);
      return h.body.database === false ? h : null;
    }, 20_000, '/healthz to report the database down');
    expect(seen.code).toBe(503);
    await sleep(8_000);
    await tcp.up();
    await during;

    await waitUntil(async () => (await sentCount(desk!, ids)) === 10 || null, 180_000, 'all 10 sent');
    await sleep(2_000);
    const h = await health(desk);
    expect(h.code).toBe(200);
    expect(h.body.status).toBe('ok');
    const messages = desk.x.sentDms.length + desk.x.posts.length;
    expect(messages).toBe(10);
    record({ scenario: 'Postgres cut and refused for 8 s mid-run (5 approvals during the outage)', runs: 10, duplicates: messages - 10, lost: 10 - (await sentCount(desk, ids)) });
  }, 300_000);
});

describe('X unreachable', () => {
  it(`for ${OUTAGE_SECONDS} s: approvals wait, /healthz reports X degraded, everything leaves once X is back`, async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    // The bot already runs against the fake X; put the proxy between them by pointing its client there.
    xProxy = await startXProxy(desk.x.url);
    const { createXClient } = await import('../../src/x/api');
    const proxied = createXClient({ ...desk.x.credentials, apiUrl: xProxy.url });
    desk.bot.desk.xClient = () => proxied;
    const cards = await newCards(desk, 6, 'Xdown');
    const ids = cards.map(welcomeIdOf);

    await xProxy.down();
    await Promise.all(cards.map((card, i) => desk!.click(card, i % 2 ? ACTIONS.sendDm : ACTIONS.postMention)));
    const degraded = await waitUntil(async () => {
      const h = await health(desk!);
      return h.body.x === false ? h : null;
    }, 60_000, '/healthz to report X degraded');
    expect(degraded).toMatchObject({ code: 200, body: { status: 'degraded', x: false, database: true } });
    await sleep(OUTAGE_SECONDS * 1000);
    expect(await sentCount(desk, ids)).toBe(0);
    expect((await desk.bot.desk.db.select().from(welcomes)).filter((w) => ids.includes(w.id) && w.status === 'failed')).toEqual([]);
    await xProxy.up();

    await waitUntil(async () => (await sentCount(desk!, ids)) === 6 || null, 15 * 60_000, 'all 6 sent after X came back');
    await waitUntil(async () => ((await health(desk!)).body.status === 'ok' ? true : null), 60_000, '/healthz back to ok');
    const messages = desk.x.sentDms.length + desk.x.posts.length;
    expect(messages).toBe(6);
    record({ scenario: `X unreachable for ${OUTAGE_SECONDS} s (6 approvals during the outage)`, runs: 6, duplicates: messages - 6, lost: 6 - (await sentCount(desk, ids)) });
  }, (OUTAGE_SECONDS + 20 * 60) * 1000);
});

describe('Slack’s API failing', () => {
  it('posts every card once and updates it after 5xx and 429 answers (Retry-After honoured), and sends every approval', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    const failing = desk.slack;
    // Long enough to outlast the client's own retries, so the card job takes over (and /healthz notices).
    failing.failNext('chat.postMessage', { status: 500 }, 30);
    failing.failNext('chat.postMessage', { status: 429, retryAfter: 2 }, 2);
    for (let i = 0; i < 4; i++) desk.x.addFollower({ name: `Slack${i}`, bio: 'Design.' });
    // Not desk.poll(), which allows a poll 15 s: each card's first try waits out the client's retries.
    await desk.bot.jobs.pollNow();
    const degraded = await waitUntil(async () => {
      const h = await health(desk!);
      return h.body.slack === false ? h : null;
    }, 60_000, '/healthz to report Slack degraded');
    expect(degraded.body.status).toBe('degraded');
    const cards = (await desk.waitForCards(4, 180_000)).map((card) => ({ ...card, blocks: structuredClone(card.blocks) }));
    await sleep(3_000);
    expect(desk.cards()).toHaveLength(4);
    const limited = failing.calls.filter((call) => call.method === 'chat.postMessage' && call.status === 429);
    expect(limited.length).toBe(2);

    failing.failNext('chat.update', { status: 503 }, 20);
    await Promise.all(cards.map((card) => desk!.click(card, ACTIONS.postMention)));
    const ids = cards.map(welcomeIdOf);
    await waitUntil(async () => (await sentCount(desk!, ids)) === 4 || null, 120_000, 'all 4 sent while Slack fails');
    // The cards catch up once Slack answers: no stale buttons left.
    await waitUntil(async () => (desk!.cards().every((card) => !JSON.stringify(card.blocks).includes(ACTIONS.postMention)) ? true : null), 180_000, 'cards updated');
    expect(desk.x.posts).toHaveLength(4);
    record({ scenario: 'Slack failing: 30 × 500 and 2 × 429 (Retry-After) on postMessage, 20 × 503 on update', runs: 4, duplicates: desk.cards().length - 4 + desk.x.posts.length - 4, lost: 4 - (await sentCount(desk, ids)) });
  }, 600_000);
});
