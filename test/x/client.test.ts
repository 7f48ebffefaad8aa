import { xErrorText } from '../../src/bot/blocks/failures';
import { describe, expect, it } from 'vitest';
import { baseUrlPlugin, createXClient } from '../../src/x/client';
import { fetchFollowersPage, getAuthenticatedUser, XApiError } from '../../src/x/api';
import { withFakeX } from './with-fake-x';

describe('the X client, talking to X over HTTP', () => {
  const x = withFakeX();

  it('reads the account it acts for', async () => {
    await expect(getAuthenticatedUser(x.client)).resolves.toEqual({
      id: x.fake.account.id,
      handle: x.fake.account.handle,
      name: x.fake.account.name,
    });
  });

  it('reads a page of followers with every field the card shows', async () => {
    const alice = x.fake.addFollower({
      handle: 'alice_bakes',
      name: 'Alice Martin',
      bio: 'Pâtissière à Lyon. Sourdough nerd.',
      location: 'Lyon',
      url: 'https://alice-bakes.fr/about',
      createdAt: '2019-05-02T08:00:00.000Z',
      followersCount: 1234,
      followingCount: 321,
      postsCount: 4567,
      verified: true,
      receivesYourDm: false,
      connectionStatus: ['following'],
    });

    const page = await fetchFollowersPage(x.client, x.fake.account.id, { maxResults: 10 });

    expect(page).toEqual({
      nextToken: null,
      users: [
        {
          xUserId: alice.xUserId,
          handle: 'alice_bakes',
          name: 'Alice Martin',
          bio: 'Pâtissière à Lyon. Sourdough nerd.',
          location: 'Lyon',
          url: 'https://alice-bakes.fr/about',
          createdAt: '2019-05-02T08:00:00.000Z',
          followersCount: 1234,
          followingCount: 321,
          postsCount: 4567,
          verified: true,
          protected: false,
          defaultAvatar: false,
          receivesYourDm: false,
          connectionStatus: ['followed_by', 'following'],
        },
      ],
    });
  });

  it('tells a default avatar apart and leaves unknown DM settings unknown', async () => {
    x.fake.addFollower({ defaultAvatar: true, receivesYourDm: null, url: null, location: null });

    const [follower] = (await fetchFollowersPage(x.client, x.fake.account.id, { maxResults: 5 })).users;

    expect(follower).toMatchObject({ defaultAvatar: true, receivesYourDm: null, url: null, location: null });
  });

  it('pages through followers newest first', async () => {
    const oldest = x.fake.addFollower();
    const middle = x.fake.addFollower();
    const newest = x.fake.addFollower();

    const first = await fetchFollowersPage(x.client, x.fake.account.id, { maxResults: 2 });
    const second = await fetchFollowersPage(x.client, x.fake.account.id, { maxResults: 2, paginationToken: first.nextToken! });

    expect(first.users.map((u) => u.xUserId)).toEqual([newest.xUserId, middle.xUserId]);
    expect(second.users.map((u) => u.xUserId)).toEqual([oldest.xUserId]);
    expect(second.nextToken).toBeNull();
  });

  it('surfaces a wrongly signed request as unauthorized, without leaking the secrets', async () => {
    const wrong = createXClient({ ...x.fake.clientCredentials, apiSecret: 'not-the-consumer-secret' });

    const error = await getAuthenticatedUser(wrong).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(XApiError);
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, retryable: false });
    const everything = `${String(error)} ${JSON.stringify(error)} ${xErrorText('en', error as XApiError)}`;
    for (const secret of ['not-the-consumer-secret', x.fake.credentials.accessSecret, x.fake.credentials.accessToken, 'oauth_signature']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('is refused by X when the request carries no OAuth header at all', async () => {
    const response = await fetch(`${x.fake.url}/2/users/me`);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ title: 'Unauthorized', status: 401 });
  });

  it('sends every request to the configured base URL and only to known routes', async () => {
    await getAuthenticatedUser(x.client);

    expect(x.fake.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/2/users/me', status: 200 })]);
    expect(x.fake.unhandled).toEqual([]);
  });
});

describe('pointing the client at another X base URL', () => {
  const rewrite = (apiUrl: string, url: string) => {
    const params = { url, method: 'GET' as const };
    void baseUrlPlugin(apiUrl).onBeforeRequestConfig?.({ params } as never);
    return params.url;
  };

  it('rewrites both hosts the library may use, keeping the path', () => {
    expect(rewrite('http://127.0.0.1:4010', 'https://api.x.com/2/users/me')).toBe('http://127.0.0.1:4010/2/users/me');
    expect(rewrite('http://127.0.0.1:4010/', 'https://api.twitter.com/2/tweets')).toBe('http://127.0.0.1:4010/2/tweets');
  });

  it('keeps a path prefix, for an X reached through a proxy', () => {
    expect(rewrite('https://proxy.example/x', 'https://api.x.com/2/tweets')).toBe('https://proxy.example/x/2/tweets');
  });

  it('leaves other hosts alone', () => {
    expect(rewrite('http://127.0.0.1:4010', 'https://upload.x.com/1.1/media/upload.json')).toBe('https://upload.x.com/1.1/media/upload.json');
  });
});
