import { describe, expect, it } from 'vitest';
import { postPublicWelcome, XApiError } from '../../src/x/api';
import { withFakeX } from './with-fake-x';

// The fake stands in for X in every other test and in the demo, so it must refuse what X refuses.
describe('the fake X', () => {
  const x = withFakeX();

  it('puts rate-limit headers on every answer', async () => {
    const response = await x.client.v2.get('users/me', {}, { fullResponse: true });

    expect(response.rateLimit).toEqual({ limit: 75, remaining: 74, reset: expect.any(Number) });
  });

  it('refuses a post whose JSON body has the wrong shape', async () => {
    const error = await x.client.v2.post('tweets', { txt: 'Welcome!' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 400 });
    expect(x.fake.posts).toEqual([]);
  });

  it('refuses an unknown user field, as X does', async () => {
    const error = await x.client.v2.me({ 'user.fields': ['description', 'shoe_size' as 'description'] }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 400 });
  });

  it('returns only the user fields asked for', async () => {
    x.fake.addFollower({ bio: 'Designer', followersCount: 10 });

    const { data } = await x.client.v2.followers(x.fake.account.id, { 'user.fields': ['description'] });

    expect(data[0]).toEqual({ id: expect.any(String), name: expect.any(String), username: expect.any(String), description: 'Designer' });
  });

  it('answers 404 to a route it does not serve, and records it', async () => {
    const error = await x.client.v2.get('users/:id/following', {}, { params: { id: x.fake.account.id } }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 404 });
    expect(x.fake.unhandled).toEqual([expect.objectContaining({ method: 'GET', path: `/2/users/${x.fake.account.id}/following` })]);
  });

  it('forgets a follower who unfollowed, and their connection says so', async () => {
    const leaving = x.fake.addFollower();
    const staying = x.fake.addFollower();

    x.fake.removeFollower(leaving.xUserId);

    const { data } = await x.client.v2.followers(x.fake.account.id);
    expect(data.map((u) => u.id)).toEqual([staying.xUserId]);
    expect(x.fake.user(leaving.xUserId)?.connectionStatus).not.toContain('followed_by');
    expect(x.fake.followerCount()).toBe(1);
  });

  it('counts the users its followers endpoint returned, as X bills them', async () => {
    x.fake.addFollowers(30);

    await x.client.v2.followers(x.fake.account.id, { max_results: 20 });

    expect(x.fake.usersReturned).toBe(20);
  });

  it('injects a failure only as many times as asked', async () => {
    x.fake.failNext({ method: 'GET', path: '/2/users/me' }, { status: 503 }, 2);

    await expect(x.client.v2.me()).rejects.toMatchObject({ code: 503 });
    await expect(x.client.v2.me()).rejects.toMatchObject({ code: 503 });
    await expect(x.client.v2.me()).resolves.toHaveProperty('data.id', x.fake.account.id);
  });
});

describe('the fake X, enforcing X\'s write limits', () => {
  const clock = Date.UTC(2026, 2, 1, 0, 0);
  const x = withFakeX({ enforceRateLimits: true, now: () => clock });

  it('accepts 100 posts in 15 minutes and refuses the 101st', async () => {
    for (let i = 0; i < 100; i += 1) await postPublicWelcome(x.client, `Welcome number ${i}`);

    const error = await postPublicWelcome(x.client, 'One too many').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(XApiError);
    expect(error).toMatchObject({ kind: 'rate-limited', resetAt: new Date(clock + 15 * 60_000) });
    expect(x.fake.posts).toHaveLength(100);
  });

  it('counts DMs against the 24-hour budget too', async () => {
    const follower = x.fake.addFollower();
    const send = (text: string) =>
      x.client.v2.post('dm_conversations/with/:participant_id/messages', { text }, { params: { participant_id: follower.xUserId }, fullResponse: true });

    await send('one');
    await send('two');
    const third = await send('three');

    expect(third.rateLimit?.remaining).toBe(12);
    expect(third.rateLimit?.userDay).toEqual({ limit: 1440, remaining: 1437, reset: Math.ceil((clock + 24 * 60 * 60_000) / 1000) });
  });
});
