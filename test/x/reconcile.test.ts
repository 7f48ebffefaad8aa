import { describe, expect, it } from 'vitest';
import { findSentWelcome, postPublicWelcome, sameWelcomeText, sendDirectMessage, XApiError } from '../../src/x/api';
import { withFakeX } from './with-fake-x';

describe('recognising a welcome in the text X shows', () => {
  it.each([
    ['the same text', 'Merci Alice !', 'Merci Alice !'],
    ['spacing X tidied', 'Merci  Alice,\n\nà bientôt ', 'Merci Alice, à bientôt'],
    ['a link X shortened', 'Merci ! Nos ateliers : https://t.co/Xy12Ab34Cd', 'Merci ! Nos ateliers : https://lumen.fr/ateliers'],
    ['a bare domain X shortened', 'Merci ! https://t.co/Xy12Ab34Cd à bientôt', 'Merci ! lumen.fr à bientôt'],
    ['a link X left as written', 'Merci ! https://lumen.fr/ateliers', 'Merci ! https://lumen.fr/ateliers'],
    ['characters X escapes', 'Merci Alice &amp; Bob &lt;3', 'Merci Alice & Bob <3'],
  ])('matches %s', (_, onX, ours) => {
    expect(sameWelcomeText(onX, ours)).toBe(true);
  });

  it.each([
    ['another text', 'Merci Bob !', 'Merci Alice !'],
    ['a text with one more link', 'Merci ! https://t.co/Xy12Ab34Cd https://t.co/Zz98Yy76Xx', 'Merci ! https://lumen.fr'],
    ['another link written out', 'Merci ! https://other.fr/ateliers', 'Merci ! https://lumen.fr/ateliers'],
    ['a link where we wrote words', 'Merci ! https://t.co/Xy12Ab34Cd', 'Merci ! à bientôt'],
  ])('does not match %s', (_, onX, ours) => {
    expect(sameWelcomeText(onX, ours)).toBe(false);
  });
});

describe('finding a welcome that reached X before the answer was lost', () => {
  const x = withFakeX();
  const account = () => x.fake.account.id;

  it('finds a DM X accepted though the connection dropped before its answer', async () => {
    const follower = x.fake.addFollower();
    const since = new Date();
    const text = 'Merci de nous suivre, Alice ! Nos ateliers : https://lumen.fr/ateliers';
    x.fake.failNext({ method: 'POST', path: /\/messages$/ }, { drop: true, afterApplying: true });

    const sending = await sendDirectMessage(x.client, follower.xUserId, text).catch((e: unknown) => e);
    expect(sending).toMatchObject({ kind: 'network', retryable: false });

    const found = await findSentWelcome(x.client, { accountUserId: account(), channel: 'dm', recipientId: follower.xUserId, text, since });

    const [dm] = x.fake.sentDms;
    expect(found).toEqual({ dmEventId: dm!.id, dmConversationId: dm!.conversationId });
  });

  it('finds a public welcome X published though it answered 503', async () => {
    const follower = x.fake.addFollower({ handle: 'alice_bakes' });
    const since = new Date();
    const text = 'Bienvenue @alice_bakes, merci de nous suivre ! lumen.fr';
    x.fake.failNext({ method: 'POST', path: '/2/tweets' }, { status: 503, afterApplying: true });

    await expect(postPublicWelcome(x.client, text)).rejects.toMatchObject({ kind: 'server' });

    const found = await findSentWelcome(x.client, { accountUserId: account(), channel: 'mention', recipientId: follower.xUserId, text, since });
    expect(found).toEqual({ postId: x.fake.posts[0]!.id });
  });

  it('reports nothing when the send never reached X, so the welcome can go out', async () => {
    const follower = x.fake.addFollower();
    x.fake.failNext({ method: 'POST', path: /\/messages$/ }, { drop: true });
    const since = new Date();
    await sendDirectMessage(x.client, follower.xUserId, 'Merci !').catch(() => undefined);

    const dm = await findSentWelcome(x.client, { accountUserId: account(), channel: 'dm', recipientId: follower.xUserId, text: 'Merci !', since });
    const post = await findSentWelcome(x.client, { accountUserId: account(), channel: 'mention', recipientId: follower.xUserId, text: 'Merci !', since });

    expect([dm, post]).toEqual([null, null]);
  });

  it('does not take the follower\'s own message, or another text, for the welcome', async () => {
    const follower = x.fake.addFollower();
    const since = new Date();
    x.fake.writeDm(follower.xUserId, 'Merci de nous suivre !');
    await sendDirectMessage(x.client, follower.xUserId, 'Bonjour Alice, merci !');

    const found = await findSentWelcome(x.client, {
      accountUserId: account(),
      channel: 'dm',
      recipientId: follower.xUserId,
      text: 'Merci de nous suivre !',
      since,
    });

    expect(found).toBeNull();
  });

  it('only looks at the account\'s posts since the send began, give or take X\'s clock', async () => {
    const follower = x.fake.addFollower({ handle: 'alice_bakes' });
    const since = new Date(Date.now() + 10 * 60_000);
    await postPublicWelcome(x.client, 'Bienvenue @alice_bakes !');

    const found = await findSentWelcome(x.client, {
      accountUserId: account(),
      channel: 'mention',
      recipientId: follower.xUserId,
      text: 'Bienvenue @alice_bakes !',
      since,
    });

    expect(found).toBeNull();
    const read = x.fake.requests.find((r) => r.path === `/2/users/${account()}/tweets`);
    expect(read?.query.start_time).toBe(new Date(Math.floor((since.getTime() - 2 * 60_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
  });

  it('looks past a first page of newer messages in a busy conversation', async () => {
    const follower = x.fake.addFollower();
    const since = new Date();
    const { dmEventId } = await sendDirectMessage(x.client, follower.xUserId, 'Merci de nous suivre !');
    for (let i = 0; i < 120; i += 1) x.fake.writeDm(follower.xUserId, `message ${i}`);

    const found = await findSentWelcome(x.client, {
      accountUserId: account(),
      channel: 'dm',
      recipientId: follower.xUserId,
      text: 'Merci de nous suivre !',
      since,
    });

    expect(found).toMatchObject({ dmEventId });
    expect(x.fake.requests.filter((r) => r.path.endsWith('/dm_events'))).toHaveLength(2);
  });

  it('stops reading once the conversation reaches back before the send', async () => {
    const follower = x.fake.addFollower();
    for (let i = 0; i < 150; i += 1) x.fake.writeDm(follower.xUserId, `older message ${i}`);

    const found = await findSentWelcome(x.client, {
      accountUserId: account(),
      channel: 'dm',
      recipientId: follower.xUserId,
      text: 'Merci !',
      since: new Date(Date.now() + 60 * 60_000),
    });

    expect(found).toBeNull();
    expect(x.fake.requests.filter((r) => r.path.endsWith('/dm_events'))).toHaveLength(1);
  });

  it.each([
    ['dm', 'read-dm-events', /\/dm_events$/],
    ['mention', 'read-posts', /\/tweets$/],
  ] as const)('reports a failed %s read as an XApiError (%s)', async (channel, operation, path) => {
    const follower = x.fake.addFollower();
    x.fake.failNext({ method: 'GET', path }, { status: 503 });

    const error = await findSentWelcome(x.client, { accountUserId: account(), channel, recipientId: follower.xUserId, text: 'Merci !', since: new Date() }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(XApiError);
    expect(error).toMatchObject({ kind: 'server', operation, retryable: true });
  });
});
