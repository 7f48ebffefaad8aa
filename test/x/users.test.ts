import { describe, expect, it } from 'vitest';
import { fetchFollowersPage, lookupUserByHandle, lookupUsers, XApiError } from '../../src/x/api';
import { withFakeX } from './with-fake-x';

describe('looking people up on X', () => {
  const x = withFakeX();

  it('looks up 250 ids in three calls of at most 100', async () => {
    x.fake.addFollowers(250);
    const { users } = await fetchFollowersPage(x.client, x.fake.account.id, { maxResults: 250 });
    x.fake.requests.length = 0;

    const profiles = await lookupUsers(x.client, users.map((u) => u.xUserId));

    expect(profiles.map((p) => p.xUserId)).toEqual(users.map((u) => u.xUserId));
    const batches = x.fake.requests.map((r) => r.query.ids!.split(',').length);
    expect(batches).toEqual([100, 100, 50]);
  });

  it('leaves out ids X no longer knows and asks nothing for an empty list', async () => {
    const known = x.fake.addFollower();

    await expect(lookupUsers(x.client, [known.xUserId, '1999999999999999999'])).resolves.toEqual([known]);
    await expect(lookupUsers(x.client, [])).resolves.toEqual([]);
    expect(x.fake.requests).toHaveLength(1);
  });

  it('finds someone by handle, with or without the @, whatever the case', async () => {
    const someone = x.fake.addUser({ handle: 'Studio_Nord', name: 'Studio Nord' });

    await expect(lookupUserByHandle(x.client, '@studio_nord')).resolves.toEqual({ kind: 'found', profile: someone });
    await expect(lookupUserByHandle(x.client, 'Studio_Nord')).resolves.toEqual({ kind: 'found', profile: someone });
    expect(someone.connectionStatus).toEqual([]);
  });

  it('says not-found for a handle X does not know or that cannot exist', async () => {
    await expect(lookupUserByHandle(x.client, '@nobody_here')).resolves.toEqual({ kind: 'not-found' });
    await expect(lookupUserByHandle(x.client, 'not a handle!')).resolves.toEqual({ kind: 'not-found' });
    expect(x.fake.requests).toHaveLength(1);
  });

  it('tells a suspended account from a missing one (X answers 200 with a Forbidden error)', async () => {
    const gone = x.fake.addUser({ handle: 'rita_gone' });
    x.fake.suspend(gone.xUserId);

    await expect(lookupUserByHandle(x.client, '@rita_gone')).resolves.toEqual({ kind: 'suspended' });
    await expect(lookupUsers(x.client, [gone.xUserId])).resolves.toEqual([]);
  });

  it('still reports X being down while looking someone up', async () => {
    x.fake.failNext({ path: '/2/users/by/username/:username' }, { status: 503 });

    await expect(lookupUserByHandle(x.client, 'studio_nord')).rejects.toBeInstanceOf(XApiError);
  });
});
