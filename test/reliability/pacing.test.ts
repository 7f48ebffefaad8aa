// Pacing on a simulated clock: 200 DMs and 150 mentions approved at once, sent by the real send job
// through the real X client to a fake X that answers 429 past X's limits — on the same clock, so
// hours of X windows pass in seconds. The job queue is a recording stand-in that runs each job when
// the clock reaches its start time, as pg-boss would.
import { WebClient } from '@slack/web-api';
import { createCardPublisher } from '../../src/bot/cards';
import { createThreadPublisher } from '../../src/bot/threads';
import { eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { expectedSendTime } from '../../src/db/pacing';
import { welcomes } from '../../src/db/schema';
import type { Desk } from '../../src/desk/desk';
import { sendWelcome, type SendTracker } from '../../src/desk/send';
import type { Channel } from '../../src/domain';
import { createLogger } from '../../src/logger';
import { createXClient } from '../../src/x/api';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/slack';
import { startFakeX, type FakeX } from '../../src/sandbox/x';
import { createTestDatabase } from '../helpers/db';
import { record } from './support/results';
import { busiestWindow, plainProfile, seedAccount, seedApproved } from './support/seed';

const QUARTER = 15 * 60_000;
const DM_PATH = '/2/dm_conversations/with/:participant_id/messages';

interface QueuedJob {
  welcomeId: number;
  at: number;
}

/** pg-boss as the send path uses it: send() queues, one waiting job per key. */
function recordingBoss(jobs: QueuedJob[], now: () => number): PgBoss {
  return {
    send: async (name: string, data: { welcomeId: number }, options: { singletonKey?: string; startAfter?: Date | number } = {}) => {
      if (name !== 'welcome-send') return null;
      if (jobs.some((job) => job.welcomeId === data.welcomeId)) return null;
      const startAfter = options.startAfter;
      const at = startAfter instanceof Date ? startAfter.getTime() : typeof startAfter === 'number' ? now() + startAfter * 1000 : now();
      jobs.push({ welcomeId: data.welcomeId, at });
      return 'job';
    },
  } as unknown as PgBoss;
}

describe('pacing to X’s limits, on a simulated clock', () => {
  let database: Database;
  let x: FakeX;
  let slack: FakeSlack;
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const jobs: QueuedJob[] = [];
  let desk: Desk;
  const tracker: SendTracker = { instanceId: 'pacing-sim', inFlight: new Set() };

  beforeAll(async () => {
    database = await createTestDatabase();
    x = await startFakeX({ now: () => clock, enforceRateLimits: true });
    slack = await startFakeSlack({ strictTriggers: false });
    const client = createXClient(x.clientCredentials);
    const parts = {
      db: database.db,
      boss: recordingBoss(jobs, () => clock),
      slack: new WebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
      logger: createLogger('silent'),
      now: () => new Date(clock),
      lang: 'en' as const,
    };
    desk = { ...parts, xClient: () => client, cards: createCardPublisher(parts), threads: createThreadPublisher(parts) };
  });
  afterAll(async () => {
    await database?.close();
    await Promise.all([x?.close(), slack?.close()]);
  });

  /** Runs queued jobs in time order, moving the clock, until none is left or `until` passes. */
  async function runQueue(until = Infinity): Promise<void> {
    while (jobs.length > 0) {
      jobs.sort((a, b) => a.at - b.at);
      const job = jobs[0]!;
      if (job.at > until) return;
      jobs.shift();
      clock = Math.max(clock, job.at);
      await sendWelcome(desk, job.welcomeId, tracker);
    }
  }

  it('200 DMs and 150 mentions approved at once: every one sent once, at X’s pace, zero 429s, at the time the card promised', async () => {
    const account = await seedAccount(database.db);
    const ids: Record<Channel, number[]> = { dm: [], mention: [] };
    const start = clock;
    for (let i = 0; i < 350; i++) {
      const channel: Channel = i < 200 ? 'dm' : 'mention';
      const profile = x.addFollower(plainProfile(String(1_700_000_000_000_000_000n + BigInt(i))));
      ids[channel].push(await seedApproved(database.db, account, { profile, channel, at: new Date(clock) }));
    }
    const promised = {
      dm: await expectedSendTime(database.db, account.id, 'dm', 200, new Date(clock)),
      mention: await expectedSendTime(database.db, account.id, 'mention', 150, new Date(clock)),
    };
    for (const id of [...ids.dm, ...ids.mention]) jobs.push({ welcomeId: id, at: clock });
    await runQueue();

    const rows = await database.db.select().from(welcomes).where(eq(welcomes.accountId, account.id));
    expect(rows.filter((w) => w.status === 'sent')).toHaveLength(350);
    expect(x.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(x.sentDms).toHaveLength(200);
    expect(x.posts).toHaveLength(150);
    expect(new Set(x.sentDms.map((dm) => dm.recipientId)).size).toBe(200);
    const dmTimes = x.sentDms.map((dm) => Date.parse(dm.createdAt));
    expect(busiestWindow(dmTimes, QUARTER)).toBeLessThanOrEqual(15);
    expect(busiestWindow(x.posts.map((p) => Date.parse(p.createdAt)), QUARTER)).toBeLessThanOrEqual(100);
    const lastDm = Math.max(...rows.filter((w) => w.channel === 'dm').map((w) => w.sendingStartedAt!.getTime()));
    const lastPost = Math.max(...rows.filter((w) => w.channel === 'mention').map((w) => w.sendingStartedAt!.getTime()));
    expect(lastDm).toBe(promised.dm.getTime());
    expect(lastPost).toBe(promised.mention.getTime());
    expect(lastDm - start).toBe(13 * (QUARTER + 1000));
    record({ scenario: '200 DMs + 150 mentions approved at once (simulated clock; 0 × 429; card estimate exact)', runs: 350, duplicates: 350 - new Set([...x.sentDms.map((d) => d.recipientId), ...x.posts.map((p) => p.text)]).size, lost: 350 - rows.filter((w) => w.status === 'sent').length });
  });

  it('waits out a 429 until x-rate-limit-reset, retries 5xx and network errors with backoff, and sends each once', async () => {
    const account = await seedAccount(database.db, { xUserId: x.account.id, handle: x.account.handle, name: x.account.name });
    clock += 24 * 3_600_000;
    const base = x.sentDms.length;
    const make = async (i: number) => {
      const profile = x.addFollower(plainProfile(String(1_710_000_000_000_000_000n + BigInt(i))));
      return seedApproved(database.db, account, { profile, channel: 'dm', at: new Date(clock) });
    };
    const limited = await make(1);
    const reset = Math.floor(clock / 1000) + 7 * 60;
    x.failNext({ method: 'POST', path: DM_PATH }, { status: 429, headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' } });
    jobs.push({ welcomeId: limited, at: clock });
    await runQueue();
    const first = (await database.db.select().from(welcomes).where(eq(welcomes.id, limited)))[0]!;
    expect(first.status).toBe('sent');
    expect(first.sendingStartedAt!.getTime()).toBeGreaterThanOrEqual(reset * 1000);

    // X failing (500 before doing anything, three times), then fine: each 500 is checked on X, then retried with a growing backoff.
    const flaky = await make(2);
    x.failNext({ method: 'POST', path: DM_PATH }, { status: 500 }, 3);
    const t0 = clock;
    jobs.push({ welcomeId: flaky, at: clock });
    await runQueue();
    const attempts = (await database.db.select().from(welcomes).where(eq(welcomes.id, flaky)))[0]!;
    expect(attempts.status).toBe('sent');
    expect(attempts.sendingStartedAt!.getTime() - t0).toBeGreaterThanOrEqual(30_000 + 60_000);
    expect(x.sentDms.length - base).toBe(2);
    record({ scenario: 'X answers 429 (waited until reset), then 500 three times (reconciled, retried with backoff)', runs: 2, duplicates: x.sentDms.length - base - 2, lost: 0 });
  });
});
