import { describe, expect, it } from 'vitest';
import { createXClient, postPublicWelcome, XApiError } from '../../src/x/api';
import { startFakeX } from '../../src/sandbox/x';
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

  it('lists the account\'s own posts newest first, from start_time on, max_results at a time', async () => {
    let clock = Date.UTC(2026, 2, 1, 9, 0);
    const timed = await startFakeX({ now: () => clock });
    try {
      const client = createXClient(timed.clientCredentials);
      const stranger = timed.addFollower();
      for (const text of ['before', 'first', 'second', 'third']) {
        await postPublicWelcome(client, text);
        clock += 60_000;
      }
      timed.mention(stranger.xUserId, 'not the account\'s post');

      const page = await client.v2.get<{ data?: { text: string }[]; meta: { next_token?: string } }>(
        'users/:id/tweets',
        { start_time: '2026-03-01T09:01:00Z', max_results: 5 },
        { params: { id: timed.account.id } },
      );

      expect(page.data?.map((p) => p.text)).toEqual(['third', 'second', 'first']);
      expect(page.meta.next_token).toBeUndefined();
      await expect(client.v2.get('users/:id/tweets', { max_results: 4 }, { params: { id: timed.account.id } })).rejects.toMatchObject({ code: 400 });
    } finally {
      await timed.close();
    }
  });

  it('pages the account\'s posts', async () => {
    for (let i = 0; i < 7; i += 1) await postPublicWelcome(x.client, `welcome ${i}`);
    const read = (pagination_token?: string) =>
      x.client.v2.get<{ data: { text: string }[]; meta: { next_token?: string } }>(
        'users/:id/tweets',
        { max_results: 5, ...(pagination_token ? { pagination_token } : {}) },
        { params: { id: x.fake.account.id } },
      );

    const first = await read();
    const second = await read(first.meta.next_token);

    expect([...first.data, ...second.data].map((p) => p.text)).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `welcome ${i}`));
    expect(second.meta.next_token).toBeUndefined();
  });

  it('shows links wrapped in t.co when it reads posts and DMs back, as X does', async () => {
    const follower = x.fake.addFollower();
    await postPublicWelcome(x.client, 'Nos ateliers : https://lumen.fr/ateliers ou lumen.fr');
    await x.client.v2.sendDmToParticipant(follower.xUserId, { text: 'Voir https://lumen.fr' });

    const posts = await x.client.v2.get<{ data: { text: string }[] }>('users/:id/tweets', {}, { params: { id: x.fake.account.id } });
    const dms = await x.client.v2.get<{ data: { text: string }[] }>('dm_conversations/with/:participant_id/dm_events', {}, { params: { participant_id: follower.xUserId } });

    expect(posts.data[0]?.text).toMatch(/^Nos ateliers : https:\/\/t\.co\/\S{10} ou https:\/\/t\.co\/\S{10}$/);
    expect(dms.data[0]?.text).toMatch(/^Voir https:\/\/t\.co\/\S{10}$/);
    expect(x.fake.posts[0]?.text).toBe('Nos ateliers : https://lumen.fr/ateliers ou lumen.fr');
  });

  it('carries a request out before losing its answer, when asked to', async () => {
    x.fake.failNext({ method: 'POST', path: '/2/tweets' }, { drop: true, afterApplying: true });

    await expect(x.client.v2.tweet('Welcome!')).rejects.toThrow();

    expect(x.fake.posts.map((p) => p.text)).toEqual(['Welcome!']);
    expect(x.fake.requests.at(-1)?.status).toBe('dropped');
  });

  it('gives an app-only bearer token for the consumer key pair, and refuses it where X wants the account', async () => {
    const app = await x.client.appLogin();

    // 2.166 describes `data` as never empty, so it leaves an empty list out.
    const none = x.fake.version === '2.166' ? { meta: { result_count: 0 } } : { data: [], meta: { result_count: 0 } };
    await expect(app.v2.get('webhooks')).resolves.toEqual(none);
    await expect(app.v2.me()).rejects.toMatchObject({ code: 403, data: { type: 'https://api.twitter.com/2/problems/unsupported-authentication' } });
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
