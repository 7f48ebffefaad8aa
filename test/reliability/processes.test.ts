// Exactly once across processes: two bots on one Postgres, and a bot killed with SIGKILL around its
// sends, 20 times. Real `accueil` processes (support/bot-process.ts) against the fakes on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ids';
import { openDatabase, type Database } from '../../src/db/client';
import { welcomes } from '../../src/db/schema';
import { startFakeSlack, type FakeMessage, type FakeSlack } from '../../src/sandbox/slack';
import { startFakeX, type FakeX } from '../../src/sandbox/x';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db';
import { DESK_CHANNEL, SIGNING_SECRET, welcomeIdOf } from '../helpers/desk';
import { blockActionsPayload, postInteraction } from '../../src/sandbox/slack-request';
import { sleep, waitUntil } from '../helpers/wait';
import { botEnv, spawnBot, type BotProcess } from './support/processes';
import { startXProxy, type XProxy } from './support/proxies';
import { record } from './support/results';
import { seededRandom } from '../../src/demo/random';

const postgres = process.env.DATABASE_URL;
const DM_SEND = (method: string, path: string) => method === 'POST' && /^\/2\/dm_conversations\/with\/\d+\/messages$/.test(path);
const POST = (method: string, path: string) => method === 'POST' && path === '/2/tweets';

describe.skipIf(!postgres)('several processes, crashes (Postgres)', () => {
  let x: FakeX;
  let proxy: XProxy;
  let slack: FakeSlack;
  let location: TestDatabaseLocation;
  let database: Database;
  let first: Database | undefined;
  let firstLocation: TestDatabaseLocation | undefined;
  const bots: BotProcess[] = [];
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    x = await startFakeX();
    proxy = await startXProxy(x.url);
    slack = await startFakeSlack({ strictTriggers: false });
    location = await createTestDatabaseLocation();
    firstLocation = location;
    // The schema first, so the test can read the database while bots come and go.
    database = await openDatabase({ databaseUrl: location.databaseUrl });
    first = database;
    await database.migrate();
  });
  afterAll(async () => {
    for (const bot of bots) await bot.kill('SIGKILL');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    await first?.close();
    await proxy?.close();
    await Promise.all([x?.close(), slack?.close()]);
    await firstLocation?.drop();
  });

  const env = (extra: Record<string, string> = {}) =>
    botEnv({ databaseUrl: location.databaseUrl!, x: { url: proxy.url, credentials: x.credentials }, slack, extra });
  const cards = () => slack.messagesIn(DESK_CHANNEL).filter((m) => !m.threadTs);
  const click = (bot: BotProcess, card: FakeMessage, actionId: string, userId = 'U0ANNE001') =>
    postInteraction(
      bot.eventsUrl,
      SIGNING_SECRET,
      blockActionsPayload({ actionId, value: String(welcomeIdOf(card)), userId, channelId: card.channel, messageTs: card.ts, responseUrl: slack.responseUrl({ channel: card.channel, messageTs: card.ts, userId }) }),
    ).catch(() => null);
  const rows = () => database.db.select().from(welcomes);
  const messagesPerRecipient = () => {
    const counts = new Map<string, number>();
    for (const dm of x.sentDms) counts.set(dm.recipientId, (counts.get(dm.recipientId) ?? 0) + 1);
    for (const post of x.posts) {
      const id = /\((\d+)\)/.exec(post.text)?.[1] ?? post.text;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };
  const secrets = () => [slack.token, SIGNING_SECRET, x.credentials.accessToken, x.credentials.accessSecret, x.credentials.apiSecret];

  it('two processes polling and sending on one Postgres: one card per follower, one message per follower', async () => {
    x.addFollower({ name: 'Déjà là', bio: 'Baseline.' });
    const a = await spawnBot(env());
    bots.push(a);
    await waitUntil(async () => (await database.executeSql("select 1 from x_accounts where baseline_taken_at is not null")).rows.length > 0, 60_000, 'the baseline');
    const b = await spawnBot(env());
    bots.push(b);

    const followers = [];
    for (let wave = 0; wave < 3; wave++) {
      for (let i = 0; i < 10; i++) followers.push(x.addFollower({ name: `Vague${wave} Personne${i}`, bio: 'Design et céramique.' }));
      await sleep(2_000);
    }
    await waitUntil(async () => cards().length >= 30 || null, 90_000, '30 cards');
    await sleep(3_000);
    const posted = cards();
    expect(posted).toHaveLength(30);
    expect(new Set(posted.map(welcomeIdOf)).size).toBe(30);

    // Every card approved through one process or the other, a third of them through both at once.
    await Promise.all(
      posted.map(async (card, i) => {
        const action = i % 2 === 0 ? ACTIONS.sendDm : ACTIONS.postMention;
        if (i % 3 === 0) await Promise.all([click(a, card, action), click(b, card, action, 'U0BRUNO01')]);
        else await click(i % 2 === 0 ? a : b, card, action);
      }),
    );
    await waitUntil(async () => ((await rows()).filter((w) => w.status === 'sent').length === 30) || null, 120_000, 'all 30 sent');
    await sleep(2_000);
    expect(x.sentDms.length + x.posts.length).toBe(30);
    expect(new Set(x.sentDms.map((dm) => dm.recipientId)).size).toBe(x.sentDms.length);
    expect(new Set(x.posts.map((post) => post.text)).size).toBe(x.posts.length);
    expect(cards()).toHaveLength(30);
    const logs = a.output() + b.output();
    for (const secret of secrets()) expect(logs).not.toContain(secret);
    record({ scenario: 'Two processes on one Postgres, both polling and sending (30 followers, 10 double approvals across processes)', runs: 30, duplicates: x.sentDms.length + x.posts.length - 30 + (cards().length - 30), lost: 30 - (await rows()).filter((w) => w.status === 'sent').length });
    await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
  }, 600_000);

  it('SIGKILL at random points around a send, 20 times: nobody gets two messages, every approval ends sent or failed with a reason', async () => {
    // A database of its own: the DMs of the test above fill this account's 15-minute window there.
    const own = await createTestDatabaseLocation();
    cleanups.push(() => own.drop());
    const ownDatabase = await openDatabase({ databaseUrl: own.databaseUrl });
    cleanups.push(() => ownDatabase.close());
    await ownDatabase.migrate();
    database = ownDatabase;
    location = own;
    const random = seededRandom(2026);
    const approved = new Set<number>();
    const before = { dms: x.sentDms.length, posts: x.posts.length };
    for (let round = 0; round < 20; round++) {
      const bot = await spawnBot(env());
      bots.push(bot);
      if (round === 0) await waitUntil(async () => (await database.executeSql('select 1 from x_accounts where baseline_taken_at is not null')).rows.length > 0, 60_000, 'the baseline');
      const known = cards().length;
      x.addFollower({ name: `Crash${round}`, bio: 'Design.' });
      await waitUntil(async () => cards().length > known || null, 60_000, `round ${round}: the card`);
      const card = cards().at(-1)!;
      approved.add(welcomeIdOf(card));
      // X slow to take the message (the kill lands before X has it) or slow to answer (after it sent
      // it). DMs and public welcomes in turn: 10 DMs stay within one 15-minute window.
      const dm = round % 2 === 0;
      proxy.clearDelays();
      proxy.delay(dm ? DM_SEND : POST, Math.floor(random() * 1_500), random() < 0.5 ? 'before' : 'after');
      await click(bot, card, dm ? ACTIONS.sendDm : ACTIONS.postMention);
      await sleep(Math.floor(random() * 2_000));
      await bot.kill('SIGKILL');
    }
    proxy.clearDelays();
    // One last process mends what the twenty left: orphaned sends reconciled with X, approvals requeued.
    const last = await spawnBot(env());
    bots.push(last);
    const settled = await waitUntil(
      async () => {
        const all = (await rows()).filter((w) => approved.has(w.id));
        return all.every((w) => w.status === 'sent' || (w.status === 'failed' && w.errorKind)) ? all : null;
      },
      300_000,
      'every approved welcome sent or failed with a reason',
    );
    await sleep(2_000);
    const perRecipient = messagesPerRecipient();
    const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
    expect(duplicates).toBe(0);
    expect(settled.filter((w) => w.status === 'sent')).toHaveLength(x.sentDms.length - before.dms + x.posts.length - before.posts);
    const reconciled = await database.executeSql("select count(*)::int as n from welcome_events where type = 'reconciling'");
    record({
      scenario: `SIGKILL mid-send, 20 times (${Number(reconciled.rows[0]?.n)} sends reconciled with X after a kill)`,
      runs: 20,
      duplicates,
      lost: settled.filter((w) => w.status !== 'sent' && !(w.status === 'failed' && w.errorKind)).length,
    });
    const logs = bots.map((bot) => bot.output()).join('');
    for (const secret of secrets()) expect(logs).not.toContain(secret);
    await last.kill('SIGTERM');
  }, 900_000);
});
