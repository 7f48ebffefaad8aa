import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { ACTIONS } from '../../src/bot/ids';
import { followerChecks, xApiUsage } from '../../src/db/schema';
import { listEngagements, listFollowChanges, listFollowerChecks } from '../../src/db/tracking';
import { listWelcomeEvents } from '../../src/db/welcomes';
import { expireStaleCards } from '../../src/tracking/expiry';
import { trackAccount } from '../../src/tracking/track';
import { startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { waitForWelcome, welcomeRow } from '../helpers/wait';
import { DAY, deskAt, HOUR, requestsSince } from './helpers';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

const text = (blocks: unknown[]) => renderBlocksAsText(blocks as never);
const followerIdOf = async (test: TestDesk, welcomeId: number) => (await welcomeRow(test.bot.desk.db, welcomeId)).followerId;

/** A new follower whose bio names a topic, carded, and welcomed on `channel` by a teammate. */
async function welcomed(test: TestDesk, channel: 'dm' | 'mention', name = 'Léa Martin') {
  const follower = test.x.addFollower({ name, bio: 'Designer, amoureuse de la céramique.' });
  await test.poll();
  const card = (await test.waitForCards(test.cards().length)).at(-1)!;
  const welcomeId = welcomeIdOf(card);
  await test.click(card, channel === 'dm' ? ACTIONS.sendDm : ACTIONS.postMention, { userId: 'U0MARIE01' });
  const row = await waitForWelcome(test.bot.desk.db, welcomeId, ['sent', 'failed']);
  expect(row.status).toBe('sent');
  return { follower, welcomeId, followerId: row.followerId };
}

describe('replies', () => {
  it('records a DM answer to a DM welcome as engaged, with the time it took, from one account-wide read of the DM events', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    const { follower, welcomeId, followerId } = await welcomed(desk, 'dm');
    desk.x.writeDm(follower.xUserId, 'Merci beaucoup, quel accueil !');

    const from = desk.x.requests.length;
    const pass = await trackAccount(deskAt(desk, 0), desk.bot.accountId);
    // The welcome and the answer: the account's own DMs are read too (and billed), and left aside.
    expect(pass.replies).toMatchObject({ dmRequests: 1, dmEventsRead: 2, replies: 1 });
    expect(requestsSince(desk, from)).toContain('GET /2/dm_events');
    expect(requestsSince(desk, from).filter((r) => r.includes('/dm_conversations/'))).toEqual([]);

    const [reply] = await listEngagements(desk.bot.desk.db, followerId);
    expect(reply).toMatchObject({ kind: 'reply', via: 'dm', welcomeId });
    expect(reply!.secondsToEngage).toBeGreaterThanOrEqual(0);
    expect(reply!.secondsToEngage).toBeLessThan(60);

    // The next pass starts where this one stopped: one request, no event paid for again.
    const again = await trackAccount(deskAt(desk, 30 * HOUR), desk.bot.accountId);
    expect(again.replies).toMatchObject({ dmRequests: 1, dmEventsRead: 0, replies: 0 });
  });

  it('records a public answer after a public welcome as engaged', async () => {
    desk = await startTestDesk();
    const { follower, followerId } = await welcomed(desk, 'mention', 'Hugo Bernard');
    desk.x.mention(follower.xUserId, 'Merci pour le mot, à bientôt à l’atelier !');
    const summary = await trackAccount(deskAt(desk, 0), desk.bot.accountId);
    expect(summary.replies.replies).toBe(1);
    const engagements = await listEngagements(desk.bot.desk.db, followerId);
    expect(engagements.map((e) => [e.kind, e.via])).toEqual([['reply', 'mention']]);
    // The same mention read again (a second pass) is not a second reply.
    await trackAccount(deskAt(desk, HOUR), desk.bot.accountId);
    expect(await listEngagements(desk.bot.desk.db, followerId)).toHaveLength(1);
  });

  it('records a reply to the welcome post as a reply to it, not a plain mention, in the run\'s version of X\'s API', async () => {
    desk = await startTestDesk();
    const { follower, followerId } = await welcomed(desk, 'mention', 'Zoé Petit');
    const welcomePost = desk.x.posts.at(-1)!;
    desk.x.reply(follower.xUserId, welcomePost.id, 'Merci, trop gentil !');

    const summary = await trackAccount(deskAt(desk, 0), desk.bot.accountId);

    expect(summary.replies.replies).toBe(1);
    expect((await listEngagements(desk.bot.desk.db, followerId)).map((e) => [e.kind, e.via])).toEqual([['reply', 'reply']]);
    expect(desk.x.refused).toEqual([]);
    expect(desk.x.offSpecAnswers).toEqual([]);
  });

  it('does not count what a follower wrote before their welcome as a reply to it', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Inès', bio: 'Artisanat et design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    desk.x.mention(follower.xUserId, 'Bonjour, vous exposez où ?');
    await trackAccount(deskAt(desk, 0), desk.bot.accountId);
    await desk.click(desk.cardOf(welcomeId)!, ACTIONS.postMention);
    await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent']);
    await trackAccount(deskAt(desk, HOUR), desk.bot.accountId);
    const engagements = await listEngagements(desk.bot.desk.db, await followerIdOf(desk, welcomeId));
    expect(engagements.map((e) => e.kind)).toEqual(['first']);
  });
});

describe('engaged first', () => {
  it('turns the public option into a reply to their post, in place, when the follower mentions the account first; the DM stays closed', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Maya Roux', bio: 'Céramique et design à Nantes.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    expect(JSON.stringify(card!.blocks)).not.toContain(ACTIONS.sendDm);

    const theirPost = desk.x.mention(follower.xUserId, 'Vos vases sont superbes');
    const summary = await trackAccount(deskAt(desk, 0), desk.bot.accountId);
    expect(summary.replies.engagedFirst).toBe(1);

    const updated = desk.slack.message(card!.channel, card!.ts)!;
    expect(JSON.stringify(updated.blocks)).not.toContain(ACTIONS.sendDm);
    expect(text(updated.blocks)).toMatch(/They mentioned you first/);
    expect(text(updated.blocks)).toContain('Reply to their post');
    expect(desk.cards()).toHaveLength(1);

    // The public option answers their post (X: replies only if the user engaged first).
    await desk.click(updated, ACTIONS.postMention);
    await waitForWelcome(desk.bot.desk.db, welcomeIdOf(card!), ['sent']);
    expect(desk.x.posts.map((post) => post.inReplyToId)).toEqual([theirPost.id]);
    expect(desk.x.sentDms).toHaveLength(0);
  });

  it('notices a first DM on the next pass, from the account-wide read, and unlocks the DM on the card', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Zoé Petit', bio: 'Passionnée de céramique.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    desk.x.writeDm(follower.xUserId, 'Bonjour ! Une question sur vos ateliers.');

    const pass = await trackAccount(deskAt(desk, 0), desk.bot.accountId);
    expect(pass.replies).toMatchObject({ dmRequests: 1, dmEventsRead: 1, engagedFirst: 1 });
    const updated = desk.slack.message(card!.channel, card!.ts)!;
    expect(text(updated.blocks)).toMatch(/They wrote to you first \(DM\)/);
    expect(JSON.stringify(updated.blocks)).toContain(ACTIONS.sendDm);
  });

  it('posts the card again when it had been skipped to wait for them, and they write', async () => {
    desk = await startTestDesk();
    // No topic in the bio: the desk advises waiting for an exchange.
    const follower = desk.x.addFollower({ name: 'Sacha Morel', bio: 'Photographe.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).triage).toMatchObject({ recommendation: 'none' });
    await desk.click(card!, ACTIONS.skip, { userId: 'U0PAUL001' });
    await waitForWelcome(desk.bot.desk.db, welcomeId, ['skipped']);

    desk.x.mention(follower.xUserId, 'Merci pour le suivi, j’adore votre travail');
    await trackAccount(deskAt(desk, 0), desk.bot.accountId);
    const [, fresh] = await desk.waitForCards(2);
    expect(welcomeIdOf(fresh!)).toBe(welcomeId);
    // A mention opens a reply to their post, not a DM (X: DMs only after they DM you first).
    expect(JSON.stringify(fresh!.blocks)).not.toContain(ACTIONS.sendDm);
    expect(JSON.stringify(fresh!.blocks)).toContain('Reply to their post');
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');
    const events = await listWelcomeEvents(desk.bot.desk.db, welcomeId);
    expect(events.map((e) => e.type)).toContain('reopened');
  });
});

describe('unfollows', () => {
  it('checks welcomed followers and a same-size control at +1, +7 and +30 days, and records an unfollow then a re-follow', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    const kept = await welcomed(desk, 'dm', 'Jules Garnier');
    const leaver = await welcomed(desk, 'mention', 'Lina Faure');
    // Two followers the desk did not welcome: the control draws one per welcome of the same week... here two.
    desk.x.addFollower({ name: 'Noah', bio: 'Photographe.' });
    desk.x.addFollower({ name: 'Adam', bio: 'Cycliste.' });
    desk.x.addFollower({ name: 'Chloé', bio: 'Musicienne.' });
    await desk.poll();
    const cards = await desk.waitForCards(5);
    for (const card of cards.slice(2)) {
      await desk.click(card, ACTIONS.skip);
      await waitForWelcome(desk.bot.desk.db, welcomeIdOf(card), ['skipped']);
    }

    desk.x.removeFollower(leaver.follower.xUserId);
    const from = desk.x.requests.length;
    const day1 = await trackAccount(deskAt(desk, DAY + HOUR), desk.bot.accountId);
    expect(day1.unfollows.enrolled).toEqual({ welcomed: 2, control: 2 });
    expect(day1.unfollows).toMatchObject({ checked: 4, lookedUp: 4, unfollowed: 1, refollowed: 0 });
    const lookups = desk.x.requests.slice(from).filter((r) => r.path === '/2/users');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.query['user.fields']).toBe('connection_status');
    expect(lookups[0]!.query.ids!.split(',')).toHaveLength(4);
    expect(requestsSince(desk, from).filter((r) => r.endsWith('/followers'))).toEqual([]);

    const checks = await listFollowerChecks(desk.bot.desk.db, desk.bot.accountId);
    expect(checks).toHaveLength(12);
    expect(checks.filter((c) => c.cohort === 'welcomed').map((c) => c.followerId).sort()).toEqual(
      [kept.followerId, kept.followerId, kept.followerId, leaver.followerId, leaver.followerId, leaver.followerId].sort(),
    );

    // Nothing is due again until day 7: no look-up at all.
    const quiet = desk.x.requests.length;
    await trackAccount(deskAt(desk, 2 * DAY), desk.bot.accountId);
    expect(requestsSince(desk, quiet).filter((r) => r === 'GET /2/users')).toEqual([]);

    desk.x.addFollower({ xUserId: leaver.follower.xUserId });
    const day7 = await trackAccount(deskAt(desk, 7 * DAY + HOUR), desk.bot.accountId);
    expect(day7.unfollows).toMatchObject({ checked: 4, unfollowed: 0, refollowed: 1 });
    expect((await listFollowChanges(desk.bot.desk.db, leaver.followerId)).map((c) => c.change)).toEqual(['unfollowed', 'refollowed']);
    expect(await listFollowChanges(desk.bot.desk.db, kept.followerId)).toEqual([]);

    const leaverChecks = await desk.bot.desk.db.select().from(followerChecks).where(eq(followerChecks.followerId, leaver.followerId));
    expect(leaverChecks.sort((a, b) => a.offsetDays - b.offsetDays).map((c) => c.following)).toEqual([false, true, null]);

    // Every look-up was counted as user reads, one unit per person; plus the account itself, read
    // once by the bot's client to learn which version of X's API answers (src/x/dialect.ts).
    const usage = await desk.bot.desk.db.select().from(xApiUsage).where(eq(xApiUsage.category, 'user-read'));
    expect(usage.reduce((n, row) => n + row.units, 0)).toBe(8 + 1);
  });
});

describe('expiry', () => {
  it('expires a card nobody decided on within the days allowed, in place, and logs it', async () => {
    desk = await startTestDesk();
    desk.x.addFollower({ name: 'Camille', bio: 'Céramiste.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    expect(await expireStaleCards(deskAt(desk, 6 * DAY), { days: 7 })).toEqual([]);
    expect(await expireStaleCards(deskAt(desk, 7 * DAY + HOUR), { days: 7 })).toEqual([welcomeId]);
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('expired');
    const updated = desk.slack.message(card!.channel, card!.ts)!;
    expect(text(updated.blocks)).toMatch(/Expired/);
    expect(JSON.stringify(updated.blocks)).not.toContain(ACTIONS.skip);
    const events = await listWelcomeEvents(desk.bot.desk.db, welcomeId);
    expect(events.at(-1)).toMatchObject({ type: 'expired', actor: 'system', toStatus: 'expired' });
  });
});
