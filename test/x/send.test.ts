import { xErrorText } from '../../src/bot/blocks/failures';
import { describe, expect, it } from 'vitest';
import { postPublicWelcome, sendDirectMessage, XApiError } from '../../src/x/api';
import { withFakeX } from './with-fake-x';

const rejection = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error('expected X to refuse');
  },
  (error: unknown) => {
    expect(error).toBeInstanceOf(XApiError);
    return error as XApiError;
  },
);

describe('sending a welcome through X', () => {
  const x = withFakeX();

  it('sends one direct message and returns its ids', async () => {
    const follower = x.fake.addFollower({ name: 'Alice' });

    const sent = await sendDirectMessage(x.client, follower.xUserId, 'Merci de nous suivre, Alice !');

    expect(x.fake.sentDms).toEqual([
      expect.objectContaining({ id: sent.dmEventId, conversationId: sent.dmConversationId, recipientId: follower.xUserId, text: 'Merci de nous suivre, Alice !' }),
    ]);
    expect(sent.dmConversationId).toContain(follower.xUserId);
  });

  it('reports a DM refused by the person\'s settings (a bare 403) in plain words', async () => {
    const follower = x.fake.addFollower({ receivesYourDm: false });

    const error = await rejection(sendDirectMessage(x.client, follower.xUserId, 'Thanks for the follow!'));

    expect(error).toMatchObject({ kind: 'dm-refused', status: 403, retryable: false });
    expect(xErrorText('en', error)).toBe('X refused the DM: this person does not accept direct messages from you.');
    expect(xErrorText('fr', error)).toBe('X a refusé le message privé : cette personne n’accepte pas vos messages privés.');
    expect(x.fake.sentDms).toEqual([]);
  });

  it('keeps X\'s own words on a refused DM, whatever shape its body takes', async () => {
    const follower = x.fake.addFollower();
    x.fake.failNext({ method: 'POST', path: '/2/dm_conversations/with/:participant_id/messages' }, {
      status: 403,
      body: { detail: 'You cannot send messages to users who are not following you.', title: 'Forbidden', type: 'about:blank', status: 403 },
    });

    const error = await rejection(sendDirectMessage(x.client, follower.xUserId, 'Thanks for the follow!'));

    expect(error).toMatchObject({ kind: 'dm-refused', status: 403, detail: 'You cannot send messages to users who are not following you.' });
    expect(xErrorText('en', error)).toBe('X refused the DM: this person does not accept direct messages from you. (You cannot send messages to users who are not following you.)');
  });

  it('reports a 403 that names an app-level problem as forbidden, not as the person\'s choice', async () => {
    const follower = x.fake.addFollower();
    x.fake.failNext(
      { method: 'POST', path: '/2/dm_conversations/with/:participant_id/messages' },
      { status: 403, body: { title: 'Client Forbidden', detail: 'This app is not enrolled for this endpoint.', type: 'https://api.twitter.com/2/problems/client-forbidden', reason: 'client-not-enrolled' } },
    );

    const error = await rejection(sendDirectMessage(x.client, follower.xUserId, 'Thanks!'));

    expect(error.kind).toBe('forbidden');
    expect(xErrorText('en', error)).toContain('This app is not enrolled for this endpoint.');
  });

  it('reports a 429 as rate-limited, with the time X reopens the window', async () => {
    const follower = x.fake.addFollower();
    const reset = Math.floor(Date.UTC(2026, 2, 1, 14, 30) / 1000);
    x.fake.failNext({ method: 'POST', path: /\/messages$/ }, { status: 429, headers: { 'x-rate-limit-reset': String(reset) } });

    const error = await rejection(sendDirectMessage(x.client, follower.xUserId, 'Thanks!'));

    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryable: true });
    expect(error.resetAt).toEqual(new Date(reset * 1000));
    expect(xErrorText('en', error)).toContain('14:30 UTC');
  });

  it('waits for the daily window when the 24-hour DM budget is what ran out', async () => {
    const follower = x.fake.addFollower();
    const shortReset = Math.floor(Date.UTC(2026, 2, 1, 14, 30) / 1000);
    const dayReset = Math.floor(Date.UTC(2026, 2, 2, 9, 0) / 1000);
    x.fake.failNext(
      { path: /\/messages$/ },
      { status: 429, headers: { 'x-rate-limit-reset': String(shortReset), 'x-user-limit-24hour-remaining': '0', 'x-user-limit-24hour-reset': String(dayReset) } },
    );

    const error = await rejection(sendDirectMessage(x.client, follower.xUserId, 'Thanks!'));

    expect(error.resetAt).toEqual(new Date(dayReset * 1000));
  });

  it('treats an X outage as worth retrying', async () => {
    const follower = x.fake.addFollower();
    x.fake.failNext({ path: /\/messages$/ }, { status: 503 });

    const error = await rejection(sendDirectMessage(x.client, follower.xUserId, 'Thanks!'));

    expect(error).toMatchObject({ kind: 'server', status: 503, retryable: true });
  });

  it('never retries blindly a DM whose connection broke, since it may have gone out', async () => {
    const follower = x.fake.addFollower();
    x.fake.failNext({ path: /\/messages$/ }, { drop: true });

    const error = await rejection(sendDirectMessage(x.client, follower.xUserId, 'Thanks!'));

    expect(error).toMatchObject({ kind: 'network', status: null, retryable: false });
    expect(xErrorText('en', error)).toContain('check X before sending it again');
  });

  it('posts a public welcome that mentions the follower', async () => {
    const follower = x.fake.addFollower({ handle: 'alice_bakes' });

    const { postId } = await postPublicWelcome(x.client, `Bienvenue @${follower.handle}, merci de nous suivre !`);

    expect(x.fake.posts).toEqual([
      expect.objectContaining({ id: postId, authorId: x.fake.account.id, text: 'Bienvenue @alice_bakes, merci de nous suivre !' }),
    ]);
  });

  it('passes on X\'s own reason when it refuses a post', async () => {
    await postPublicWelcome(x.client, 'Welcome @alice, thanks for following!');

    const error = await rejection(postPublicWelcome(x.client, 'Welcome @alice, thanks for following!'));

    expect(error.kind).toBe('forbidden');
    expect(xErrorText('en', error)).toContain('duplicate content');
  });
});

describe('sending past X\'s limits', () => {
  let clock = Date.UTC(2026, 2, 1, 10, 0);
  const x = withFakeX({ enforceRateLimits: true, now: () => clock });

  it('refuses the 16th DM within 15 minutes, and accepts again once the window reopens', async () => {
    const followers = Array.from({ length: 16 }, () => x.fake.addFollower());
    for (const f of followers.slice(0, 15)) await sendDirectMessage(x.client, f.xUserId, `Merci ${f.name} !`);

    const error = await rejection(sendDirectMessage(x.client, followers[15]!.xUserId, 'Merci !'));
    expect(error.kind).toBe('rate-limited');
    expect(error.resetAt).toEqual(new Date(clock + 15 * 60_000));

    clock += 15 * 60_000;
    await expect(sendDirectMessage(x.client, followers[15]!.xUserId, 'Merci !')).resolves.toHaveProperty('dmEventId');
    expect(x.fake.sentDms).toHaveLength(16);
  });
});
