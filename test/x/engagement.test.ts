import { describe, expect, it } from 'vitest';
import { hasWrittenFirst, sendDirectMessage } from '../../src/x/api';
import { withFakeX } from './with-fake-x';

describe('whether a follower wrote to the account first', () => {
  const x = withFakeX();
  const ask = (followerId: string) => hasWrittenFirst(x.client, { accountUserId: x.fake.account.id, followerId });

  it('is true when the follower sent the account a DM', async () => {
    const follower = x.fake.addFollower();
    const dm = x.fake.writeDm(follower.xUserId, 'Bonjour, vous livrez à Lyon ?');

    await expect(ask(follower.xUserId)).resolves.toEqual({
      wrote: true,
      via: 'dm',
      at: dm.createdAt,
      xId: dm.id,
      messages: [{ via: 'dm', xId: dm.id, text: 'Bonjour, vous livrez à Lyon ?', at: dm.createdAt }],
    });
  });

  it('is true when the follower mentioned the account in a post', async () => {
    const follower = x.fake.addFollower();
    const post = x.fake.mention(follower.xUserId, 'just discovered your shop, love it');

    await expect(ask(follower.xUserId)).resolves.toEqual({
      wrote: true,
      via: 'mention',
      at: post.createdAt,
      xId: post.id,
      messages: [{ via: 'mention', xId: post.id, text: post.text, at: post.createdAt }],
    });
  });

  it('is false when only the account wrote, or someone else mentioned it', async () => {
    const follower = x.fake.addFollower();
    const stranger = x.fake.addFollower();
    await sendDirectMessage(x.client, follower.xUserId, 'Merci de nous suivre !');
    x.fake.mention(stranger.xUserId, 'hello there');
    x.fake.writeDm(stranger.xUserId, 'hi');

    await expect(ask(follower.xUserId)).resolves.toEqual({ wrote: false, via: null, at: null, xId: null, messages: [] });
  });

  it('asks X only for the follower\'s conversation and the account\'s mentions, once it knows X\'s words', async () => {
    const follower = x.fake.addFollower();

    await ask(follower.xUserId);
    await ask(follower.xUserId);

    // Which version of X's API answers is learned once per client, from the account's own metrics.
    expect(x.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /2/users/me',
      ...Array.from({ length: 2 }, () => [`GET /2/dm_conversations/with/${follower.xUserId}/dm_events`, `GET /2/users/${x.fake.account.id}/mentions`]).flat(),
    ]);
    expect(x.fake.unhandled).toEqual([]);
    expect(x.fake.refused).toEqual([]);
  });
});
