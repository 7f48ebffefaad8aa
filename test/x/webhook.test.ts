import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crcResponseToken, MAX_DELIVERY_BYTES, signWebhookBody } from '../../src/x/sources/webhook';
import { type WebhookShape } from '../../src/sandbox/x';
import { withFakeX } from './with-fake-x';
import { withWebhookListener } from './with-webhook-listener';

const SHAPES: WebhookShape[] = ['account-activity', 'x-activity'];

describe('the CRC answer and the delivery signature', () => {
  it('answers the CRC with the HMAC-SHA256 of the token under the consumer secret, in base64, after "sha256="', () => {
    const byHand = createHmac('sha256', 'my-consumer-secret').update('challenge-1234').digest('base64');

    expect(crcResponseToken('my-consumer-secret', 'challenge-1234')).toBe(`sha256=${byHand}`);
  });

  it('matches the published HMAC-SHA256 vector of RFC 4231 (test case 2)', () => {
    const published = Buffer.from('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'hex').toString('base64');

    expect(crcResponseToken('Jefe', 'what do ya want for nothing?')).toBe(`sha256=${published}`);
  });

  it('signs a delivery over its exact bytes, as X does', () => {
    const body = '{"for_user_id":"1","follow_events":[]}';
    const byHand = createHmac('sha256', 'my-consumer-secret').update(body).digest('base64');

    expect(signWebhookBody('my-consumer-secret', body)).toBe(`sha256=${byHand}`);
    expect(signWebhookBody('my-consumer-secret', Buffer.from(body))).toBe(`sha256=${byHand}`);
  });
});

describe('the X webhook listener', () => {
  const x = withFakeX();
  const hook = withWebhookListener();
  const signedPost = (body: string, signature = signWebhookBody(x.fake.credentials.apiSecret, body)) =>
    fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature }, body });

  it('answers X\'s challenge-response check with the response_token X expects', async () => {
    const response = await fetch(`${hook.url}?crc_token=${encodeURIComponent('aZ9+/=token')}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ response_token: crcResponseToken(x.fake.credentials.apiSecret, 'aZ9+/=token') });
  });

  it('refuses a GET without a crc_token', async () => {
    const response = await fetch(hook.url);

    expect(response.status).toBe(400);
  });

  it.each(SHAPES)('hands a signed follow (%s) to the desk with the follower\'s profile', async (shape) => {
    const { follower, payload } = x.fake.follow(
      {
        handle: 'alice_bakes',
        name: 'Alice Martin',
        bio: 'Boulangère à Lyon',
        location: 'Lyon',
        url: 'https://alice-bakes.fr',
        createdAt: '2019-04-02T08:15:00.000Z',
        followersCount: 812,
        followingCount: 300,
        postsCount: 4120,
        verified: true,
        defaultAvatar: true,
      },
      shape,
    );

    const delivery = await x.fake.deliverWebhook(hook.url, payload);

    expect(delivery.status).toBe(200);
    expect(hook.heard.follows).toEqual([
      {
        accountUserId: x.fake.account.id,
        follower: {
          xUserId: follower.xUserId,
          handle: 'alice_bakes',
          name: 'Alice Martin',
          bio: 'Boulangère à Lyon',
          location: 'Lyon',
          url: 'https://alice-bakes.fr',
          createdAt: '2019-04-02T08:15:00.000Z',
          followersCount: 812,
          followingCount: 300,
          postsCount: 4120,
          verified: true,
          protected: false,
          defaultAvatar: true,
          // Neither payload says whether they accept DMs: the card must look it up.
          receivesYourDm: null,
          connectionStatus: ['followed_by'],
        },
      },
    ]);
  });

  it('keeps the follower\'s exact id though v1.1 also gives it as a number too big for JavaScript', async () => {
    const { follower, payload } = x.fake.follow({ xUserId: '1876543210987654321' });
    expect(JSON.stringify(payload)).toContain('"id":1876543210987654400');

    await x.fake.deliverWebhook(hook.url, payload);

    expect(hook.heard.follows[0]?.follower.xUserId).toBe(follower.xUserId);
  });

  it('tells the desk that a follower left', async () => {
    const follower = x.fake.addFollower();
    x.fake.removeFollower(follower.xUserId);

    await x.fake.deliverWebhook(hook.url, x.fake.activity.unfollow(follower));

    expect(hook.heard.unfollows).toEqual([{ accountUserId: x.fake.account.id, followerId: follower.xUserId }]);
  });

  it('tells the desk that a follower left, from the unfollow_events the Account Activity docs list', async () => {
    const follower = x.fake.addFollower();
    x.fake.removeFollower(follower.xUserId);
    const { follow_events: events, ...rest } = x.fake.activity.unfollow(follower) as { follow_events: unknown[] };

    await x.fake.deliverWebhook(hook.url, { ...rest, unfollow_events: events });

    expect(hook.heard.unfollows).toEqual([{ accountUserId: x.fake.account.id, followerId: follower.xUserId }]);
  });

  it.each(['user_has_blocked', 'is_blocked_by'])('does not count a post by someone the account blocked (%s)', async (flag) => {
    const follower = x.fake.addFollower();
    const blocked = { ...(x.fake.activity.post(x.fake.mention(follower.xUserId, 'hello')) as object), user_has_blocked: undefined, [flag]: 'true' };
    const other = x.fake.addFollower();

    await x.fake.deliverWebhook(hook.url, blocked);
    await x.fake.deliverWebhook(hook.url, x.fake.activity.post(x.fake.mention(other.xUserId, 'hi there')));

    expect(hook.heard.engagements.map((e) => e.fromUserId)).toEqual([other.xUserId]);
  });

  it.each(SHAPES)('counts a DM from the follower (%s) as them writing first, with its id and text', async (shape) => {
    const follower = x.fake.addFollower();
    const dm = x.fake.writeDm(follower.xUserId, 'Bonjour, vous livrez à Lyon ?');

    await x.fake.deliverWebhook(hook.url, x.fake.activity.directMessage(dm, shape));

    expect(hook.heard.engagements).toEqual([
      { accountUserId: x.fake.account.id, fromUserId: follower.xUserId, via: 'dm', at: new Date(dm.createdAt), message: { xId: dm.id, text: dm.text, inReplyToXId: null } },
    ]);
  });

  it.each(SHAPES)('counts a post mentioning the account (%s) as them writing first, with its id and text', async (shape) => {
    const follower = x.fake.addFollower();
    const post = x.fake.mention(follower.xUserId, 'just discovered your shop, love it');

    await x.fake.deliverWebhook(hook.url, x.fake.activity.post(post, shape));

    expect(hook.heard.engagements).toEqual([
      { accountUserId: x.fake.account.id, fromUserId: follower.xUserId, via: 'mention', at: new Date(post.createdAt), message: { xId: post.id, text: post.text, inReplyToXId: null } },
    ]);
  });

  it.each(SHAPES)('gives the post a reply answers (%s)', async (shape) => {
    const follower = x.fake.addFollower();
    const welcome = await x.client.v2.tweet(`Bienvenue @${follower.handle} !`);
    const reply = x.fake.reply(follower.xUserId, welcome.data.id, 'Merci !');

    await x.fake.deliverWebhook(hook.url, x.fake.activity.post(reply, shape));

    expect(hook.heard.engagements.map((e) => e.message)).toEqual([{ xId: reply.id, text: reply.text, inReplyToXId: welcome.data.id }]);
  });

  it.each(SHAPES)('ignores what the account does itself (%s): its follows, its DMs, its posts', async (shape) => {
    const someone = x.fake.addUser();
    const follower = x.fake.addFollower();
    await x.client.v2.sendDmToParticipant(follower.xUserId, { text: 'Merci de nous suivre !' });
    await x.client.v2.tweet(`Bienvenue @${follower.handle} !`);

    for (const payload of [
      x.fake.activity.accountFollowed(someone, shape),
      x.fake.activity.directMessage(x.fake.sentDms[0]!, shape),
      x.fake.activity.post(x.fake.posts[0]!, shape),
    ]) {
      expect((await x.fake.deliverWebhook(hook.url, payload)).status).toBe(200);
    }

    expect(hook.heard.total()).toBe(0);
  });

  it('accepts, and ignores, the events the desk has no use for', async () => {
    const deliveries = [
      { for_user_id: x.fake.account.id, favorite_events: [{ id: 'a7ba59', favorited_status: {}, user: {} }] },
      { replay_job_status: { webhook_id: '1', job_state: 'Complete', job_id: '2' } },
      { data: { event_uuid: '1', filter: { user_id: x.fake.account.id }, event_type: 'profile.update.bio', payload: { before: 'a', after: 'b' } } },
    ];

    for (const payload of deliveries) expect((await x.fake.deliverWebhook(hook.url, payload)).status).toBe(200);
    expect(hook.heard.total()).toBe(0);
  });

  it('refuses an unsigned delivery with 401, and tells no one', async () => {
    const { payload } = x.fake.follow();

    const response = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });

    expect(response.status).toBe(401);
    expect(hook.heard.total()).toBe(0);
  });

  it('refuses a delivery signed with another secret with 401', async () => {
    const body = JSON.stringify(x.fake.follow().payload);

    const response = await signedPost(body, signWebhookBody('not-our-secret', body));

    expect(response.status).toBe(401);
    expect(hook.heard.total()).toBe(0);
  });

  it('refuses a delivery whose body was changed after X signed it with 401', async () => {
    const genuine = JSON.stringify(x.fake.follow({ handle: 'real_one' }).payload);
    const forged = genuine.replace('real_one', 'forged_one');

    const response = await signedPost(forged, signWebhookBody(x.fake.credentials.apiSecret, genuine));

    expect(response.status).toBe(401);
    expect(hook.heard.total()).toBe(0);
  });

  it('refuses a signed delivery that is not JSON, or not in X\'s shape, with 400', async () => {
    const notJson = await signedPost('{"for_user_id": ');
    const wrongShape = await signedPost(JSON.stringify({ for_user_id: x.fake.account.id, follow_events: 'alice' }));
    const notAnObject = await signedPost('[1, 2, 3]');

    expect([notJson.status, wrongShape.status, notAnObject.status]).toEqual([400, 400, 400]);
    expect(hook.heard.total()).toBe(0);
  });

  it('refuses a delivery over 1 MB with 413', async () => {
    const { payload } = x.fake.follow();
    const body = JSON.stringify({ ...payload, padding: 'x'.repeat(MAX_DELIVERY_BYTES) });

    const response = await signedPost(body);

    expect(response.status).toBe(413);
    expect(hook.heard.total()).toBe(0);
  });

  it('answers 500 when the desk cannot take the event, so that X delivers it again', async () => {
    hook.breakHandlers();

    const delivery = await x.fake.deliverWebhook(hook.url, x.fake.follow().payload);

    expect(delivery.status).toBe(500);
    expect(hook.heard.warnings).toEqual([expect.stringContaining('X will deliver it again')]);
  });

  it('turns away methods X never uses', async () => {
    const response = await fetch(hook.url, { method: 'PUT', body: '{}' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});
