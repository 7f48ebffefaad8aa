// X allows 15 requests to GET /2/dm_events per 15 minutes per user. The fake X answers 429 past
// that (as X does); the poll takes a place in a window shared by every process before each request,
// so it never meets that 429 — a pass with no place left skips the read, and the next one catches up.
import { afterEach, describe, expect, it } from 'vitest';
import { trackAccount } from '../../src/tracking/track';
import { startTestDesk, type TestDesk } from '../helpers/desk';
import { deskAt } from '../tracking/helpers';
import { thread, waitForThread, welcomed } from './helpers';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

describe('the account-wide read of DM events', () => {
  it('keeps under X\'s 15 requests per 15 minutes, however often it is run, and catches up after', { timeout: 120_000 }, async () => {
    let offset = 0;
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' }, x: { enforceRateLimits: true, now: () => Date.now() + offset } });
    const { follower, card } = await welcomed(desk, 'dm', 'Camille Roy');
    const requests = () => desk!.x.requests.filter((r) => r.path === '/2/dm_events');

    let made = 0;
    for (let n = 0; n < 16; n++) made += (await trackAccount(deskAt(desk, 0), desk.bot.accountId)).replies.dmRequests;
    expect(made).toBe(15);
    expect(requests()).toHaveLength(15);
    expect(requests().filter((r) => r.status === 429)).toEqual([]);

    // Window full: what they write now waits for the next window, and is then posted.
    desk.x.writeDm(follower.xUserId, 'Bonjour !');
    expect((await trackAccount(deskAt(desk, 0), desk.bot.accountId)).replies).toMatchObject({ dmRequests: 0, messages: 0 });
    expect(thread(desk, card)).toEqual([]);
    // 15 minutes later (the guard's clock and the fake X's window both move on).
    offset = 15 * 60_000 + 2_000;
    const caughtUp = await trackAccount(deskAt(desk, offset), desk.bot.accountId);
    expect(caughtUp.replies).toMatchObject({ messages: 1 });
    await waitForThread(desk, card, 1);
  });
});
