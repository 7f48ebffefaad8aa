// X's developer guidelines, to the letter: a DM only after the follower DMs the account; a follower
// who mentioned the account gets a reply to their post; each channel sends the draft written for it.
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS, EDIT_INPUT, VIEWS } from '../../src/bot/ids';
import { postInteraction, viewSubmissionPayload } from '../../src/sandbox/slack-request';
import { SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { waitForWelcome, waitUntil, welcomeRow } from '../helpers/wait';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

const refusals = (d: TestDesk) => d.slack.responses.map((response) => String(response.body.text ?? ''));

describe('inside X’s developer guidelines', { timeout: 90_000 }, () => {
  it('on a card recommending a DM, Post public welcome sends the public draft (with the @handle), never the DM text', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Paul Martin', handle: 'paul_m', bio: 'Céramiste à Lyon.' });
    desk.x.writeDm(follower.xUserId, 'Bonjour ! J’adore vos vases.');
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    const row = await welcomeRow(desk.bot.desk.db, welcomeId);
    expect((row.triage as { recommendation: string }).recommendation).toBe('dm');
    expect(row.drafts.dm).toBeTruthy();
    expect(row.drafts.mention).toMatch(/^@paul_m /);
    // Both drafts are on the card, each with its own Edit… button.
    const blocks = JSON.stringify(card!.blocks);
    for (const id of [ACTIONS.sendDm, ACTIONS.postMention, ACTIONS.edit, ACTIONS.editMention]) expect(blocks).toContain(id);

    await desk.click(card!, ACTIONS.postMention);
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', channel: 'mention', finalText: row.drafts.mention });
    expect(desk.x.posts.map((post) => post.text)).toEqual([row.drafts.mention]);
    expect(desk.x.posts[0]!.text).not.toContain(row.drafts.dm!);
    expect(desk.x.sentDms).toEqual([]);
  });

  it('the Edit… button by the public draft edits that draft only, and Post public welcome sends the edit', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Inès Roy', handle: 'ines_r', bio: 'Design et céramique.' });
    desk.x.writeDm(follower.xUserId, 'Bonjour !');
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    const before = await welcomeRow(desk.bot.desk.db, welcomeId);

    const triggerId = desk.slack.triggerId();
    await desk.click(card!, ACTIONS.editMention, { triggerId });
    const opened = await desk.slack.waitFor(() => desk!.slack.openedViews.find((view) => view.triggerId === triggerId));
    expect(JSON.parse(String(opened.view.private_metadata))).toMatchObject({ welcomeId, channel: 'mention' });
    expect(JSON.stringify(opened.view)).toContain('@ines_r');

    const edited = '@ines_r Merci de nous suivre, Inès ! Vos pièces en céramique sont superbes.';
    const submitted = await postInteraction(
      desk.eventsUrl,
      SIGNING_SECRET,
      viewSubmissionPayload({
        callbackId: VIEWS.editWelcome,
        privateMetadata: String(opened.view.private_metadata),
        values: { [EDIT_INPUT.blockId]: { [EDIT_INPUT.actionId]: edited } },
      }),
    );
    expect(submitted.status).toBe(200);
    // The draft is saved right after the ack.
    const after = await waitUntil(async () => {
      const row = await welcomeRow(desk!.bot.desk.db, welcomeId);
      return row.drafts.mention === edited ? row : null;
    }, 10_000, 'the edit to be saved');
    expect(after.drafts).toEqual({ dm: before.drafts.dm, mention: edited });

    await desk.click(card!, ACTIONS.postMention);
    await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(desk.x.posts.map((post) => post.text)).toEqual([edited]);
  });

  it('under engaged-only a mention does not unlock a DM, a DM from them does', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Léa Martin', handle: 'lea_m', bio: 'Designer, amoureuse de la céramique.' });
    desk.x.mention(follower.xUserId, 'Très beau travail !');
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    expect(JSON.stringify(card!.blocks)).not.toContain(ACTIONS.sendDm);

    // A click on Send DM anyway (a stale or forged card) is refused after a fresh look at X.
    await desk.click(card!, ACTIONS.sendDm);
    await desk.slack.waitFor(() => refusals(desk!).find((text) => /not sent you a DM/.test(text)));
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');

    desk.x.writeDm(follower.xUserId, 'Bonjour, une question sur vos ateliers ?');
    await desk.click(card!, ACTIONS.sendDm);
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', channel: 'dm' });
    expect(desk.x.sentDms.map((dm) => dm.recipientId)).toEqual([follower.xUserId]);
    expect(desk.x.sentDms[0]!.text).not.toMatch(/^@lea_m/);
  });

  it('a follower who mentioned the account gets a reply to their post as the public option', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Camille Durand', handle: 'camille_d', bio: 'Potière.' });
    const theirPost = desk.x.mention(follower.xUserId, 'Merci pour le tuto émaillage !');
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    expect(JSON.stringify(card!.blocks)).toContain('Reply to their post');

    await desk.click(card!, ACTIONS.postMention);
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(sent.status).toBe('sent');
    expect(desk.x.posts).toHaveLength(1);
    expect(desk.x.posts[0]).toMatchObject({ inReplyToId: theirPost.id });
    expect(desk.x.posts[0]!.text).toMatch(/^@camille_d /);
  });
});
