import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { claimForSending, expectedSendTime, nextSendTimes } from '../../src/db/pacing';
import { followers, welcomes } from '../../src/db/schema';
import { transitionWelcome } from '../../src/db/welcomes';
import type { Channel } from '../../src/domain';
import { createTestDatabase } from '../helpers/db';
import { busiestWindow, plainProfile, seedAccount, seedApproved } from '../reliability/support/seed';

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
const DAY = 24 * 60 * MINUTE;

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('pacing to X’s write limits', () => {
  it('plays the limits forward: 15 DMs now, the 16th when the first leaves the window', () => {
    const now = new Date('2026-11-23T09:00:00Z');
    const times = nextSendTimes([], 'dm', 31, now).map((t) => t.getTime() - now.getTime());
    expect(times.slice(0, 15)).toEqual(Array(15).fill(0));
    expect(times[15]).toBe(QUARTER + 1000);
    expect(times[30]).toBe(2 * (QUARTER + 1000));
    expect(nextSendTimes([], 'mention', 101, now).at(-1)!.getTime() - now.getTime()).toBe(QUARTER + 1000);
  });

  // The same with 200 DMs, through the real send job and a fake X enforcing the limits: test/reliability/pacing.test.ts.
  it('40 DMs and 110 mentions approved at once leave at X’s pace, exactly when the card said they would', async () => {
    const db = database.db;
    const account = await seedAccount(db);
    const start = Date.parse('2026-11-23T09:00:00Z');
    let clock = start;
    const queue: Record<Channel, number[]> = { dm: [], mention: [] };
    for (let i = 0; i < 150; i++) {
      const channel: Channel = i < 40 ? 'dm' : 'mention';
      queue[channel].push(await seedApproved(db, account, { profile: plainProfile(String(1_700_000_000_000_000_000n + BigInt(i))), channel, at: new Date(clock) }));
    }
    // What a card would show for the last of each queue, before anything leaves.
    const promised = {
      dm: await expectedSendTime(db, account.id, 'dm', 40, new Date(clock)),
      mention: await expectedSendTime(db, account.id, 'mention', 110, new Date(clock)),
    };

    const started: Record<Channel, number[]> = { dm: [], mention: [] };
    let waits = 0;
    while (queue.dm.length + queue.mention.length > 0) {
      let next = Infinity;
      for (const channel of ['dm', 'mention'] as const) {
        while (queue[channel].length > 0) {
          const id = queue[channel][0]!;
          const claim = await claimForSending(db, id, new Date(clock), 'pacing-test');
          if (claim.kind === 'wait') {
            waits++;
            next = Math.min(next, claim.until.getTime());
            break;
          }
          expect(claim.kind).toBe('claimed');
          await transitionWelcome(db, id, { from: ['sending'], to: 'sent', type: 'sent', actor: 'system', set: { sentAt: new Date(clock) } });
          started[channel].push(clock);
          queue[channel].shift();
        }
      }
      if (queue.dm.length + queue.mention.length > 0) clock = Math.max(clock + 1, next);
    }

    expect(started.dm).toHaveLength(40);
    expect(started.mention).toHaveLength(110);
    expect(busiestWindow(started.dm, QUARTER)).toBe(15);
    expect(busiestWindow(started.dm, DAY)).toBeLessThanOrEqual(1440);
    expect(busiestWindow(started.mention, QUARTER)).toBe(100);
    expect(started.dm.at(-1)).toBe(promised.dm.getTime());
    expect(started.mention.at(-1)).toBe(promised.mention.getTime());
    // 40 DMs at 15 a quarter: 3 windows, the last opening 2 quarters (and 2 seconds) after the first.
    expect(started.dm.at(-1)! - start).toBe(2 * (QUARTER + 1000));
    expect(started.mention.at(-1)! - start).toBe(QUARTER + 1000);
    expect(waits).toBeGreaterThan(0);
  });

  it('holds DMs past 1,440 in 24 hours even when the current quarter has room', async () => {
    const db = database.db;
    const account = await seedAccount(db, { xUserId: '1500000000000000777', handle: 'daily_cap', name: 'Daily cap' });
    const now = Date.parse('2026-11-25T09:00:00Z');
    // 1,435 DMs spread over the day before the last half hour, and 5 in the current quarter: the day
    // is full (1,440) while the 15-minute window still has 10 places.
    const history: Date[] = [];
    for (let i = 0; i < 1435; i++) history.push(new Date(now - DAY + MINUTE + Math.floor((i * (DAY - 3 * QUARTER)) / 1435)));
    for (let k = 0; k < 5; k++) history.push(new Date(now - 10 * MINUTE + k * 1000));
    expect(busiestWindow(history.map((d) => d.getTime()), DAY)).toBe(1440);
    const reopens = history[0]!.getTime() + DAY + 1000;
    expect(nextSendTimes(history, 'dm', 1, new Date(now))[0]!.getTime()).toBe(reopens);

    const id = await seedApproved(db, account, { profile: plainProfile('1700000000000009999'), channel: 'dm', at: new Date(now) });
    const followerRows = await db
      .insert(followers)
      .values(history.map((_, i) => ({ accountId: account.id, xUserId: String(1_800_000_000_000_000_000n + BigInt(i)), handle: `h${i}`, source: 'poll' as const })))
      .returning({ id: followers.id });
    await db.insert(welcomes).values(
      followerRows.map((row, i) => ({
        accountId: account.id,
        followerId: row.id,
        status: 'sent' as const,
        channel: 'dm' as const,
        lang: 'en' as const,
        triage: {},
        draftText: 'Thanks!',
        decidedBy: 'U0SEED001',
        slackChannelId: 'C0DESK001',
        sendingStartedAt: history[i]!,
        sentAt: history[i]!,
      })),
    );
    const claim = await claimForSending(db, id, new Date(now), 'pacing-test');
    expect(claim).toEqual({ kind: 'wait', until: new Date(reopens) });
    expect((await expectedSendTime(db, account.id, 'dm', 1, new Date(now))).getTime()).toBe(reopens);
  });
});
