import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ids';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { sleep, waitForWelcome, welcomeRow } from '../helpers/wait';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

const privateAnswers = (d: TestDesk) => d.slack.responses.map((response) => String(response.body.text ?? ''));

describe('the house rules', () => {
  it('never DMs from a personal account, even when someone clicks Send DM', async () => {
    desk = await startTestDesk({ env: { X_ACCOUNT_KIND: 'personal', X_DM_POLICY: 'approved' } });
    const follower = desk.x.addFollower({ name: 'Zoé', bio: 'Design et céramique.' });
    desk.x.writeDm(follower.xUserId, 'Coucou !');
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    expect(JSON.stringify(card!.blocks)).not.toContain(ACTIONS.sendDm);

    // A stale or crafted click still reaches the bot: the rule is enforced there, not by hiding a button.
    await desk.click(card!, ACTIONS.sendDm);
    await desk.slack.waitFor(() => privateAnswers(desk!).find((text) => /personal/i.test(text)));
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');
    expect(desk.x.sentDms).toHaveLength(0);
  });

  it('offers no DM to someone who does not accept DMs from the account', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    desk.x.addFollower({ name: 'Yann', bio: 'Artisanat.', receivesYourDm: false });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    expect(JSON.stringify(card!.blocks)).not.toContain(ACTIONS.sendDm);
    expect(JSON.stringify(card!.blocks)).toContain(ACTIONS.postMention);
    await desk.click(card!, ACTIONS.sendDm);
    await sleep(300);
    expect(desk.x.sentDms).toHaveLength(0);
  });

  it('under the default engaged-only policy, refuses a DM to someone who has not written first, and explains why', async () => {
    desk = await startTestDesk();
    desk.x.addFollower({ name: 'Xavier', bio: 'Céramique.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    expect(renderBlocksAsText(card!.blocks as never)).toMatch(/DM unavailable: .*not sent you a DM/i);
    await desk.click(card!, ACTIONS.sendDm);
    await desk.slack.waitFor(() => privateAnswers(desk!).find((text) => /not sent you a DM/i.test(text)));
    expect(desk.x.sentDms).toHaveLength(0);
  });

  it('looks again at approval time: a follower who wrote after the card was posted can be sent a DM', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Wendy', bio: 'Design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    desk.x.writeDm(follower.xUserId, 'Merci pour le suivi !');
    await desk.click(card!, ACTIONS.sendDm);
    const welcome = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(welcome.status).toBe('sent');
    expect(desk.x.sentDms).toHaveLength(1);
  });

  it('gives one welcome per follower, ever: a re-follow after an unfollow gets no second card', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Victor', bio: 'Design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    await desk.click(card!, ACTIONS.postMention);
    await waitForWelcome(desk.bot.desk.db, welcomeIdOf(card!), ['sent']);
    desk.x.removeFollower(follower.xUserId);
    desk.x.addFollower({ xUserId: follower.xUserId });
    await desk.poll();
    await sleep(200);
    expect(desk.cards()).toHaveLength(1);
    expect(desk.x.posts).toHaveLength(1);
  });

  it('the database itself refuses a second welcome for the same follower', async () => {
    desk = await startTestDesk();
    desk.x.addFollower({ name: 'Ulysse', bio: 'Design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const first = await welcomeRow(desk.bot.desk.db, welcomeIdOf(card!));
    const { welcomes } = await import('../../src/db/schema');
    await expect(
      desk.bot.desk.db.insert(welcomes).values({
        accountId: first.accountId,
        followerId: first.followerId,
        lang: 'en',
        triage: {},
        draftText: 'Thanks for following!',
        slackChannelId: first.slackChannelId,
      }),
    ).rejects.toThrow();
  });
});
