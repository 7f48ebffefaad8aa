import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS, EDIT_INPUT, VIEWS } from '../../src/bot/ids';
import { listWelcomeEvents } from '../../src/db/welcomes';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { postInteraction, viewSubmissionPayload } from '../../src/sandbox/slack-request';
import { SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { sleep, waitForWelcome, waitUntil, welcomeRow } from '../helpers/wait';

let desk: TestDesk | undefined;

/** Submits the edit modal Slack opened, with this text, as Slack would. */
function submitEdit(opened: { view: unknown }, text: string) {
  return postInteraction(
    desk!.eventsUrl,
    SIGNING_SECRET,
    viewSubmissionPayload({
      callbackId: VIEWS.editWelcome,
      privateMetadata: (opened.view as { private_metadata: string }).private_metadata,
      values: { [EDIT_INPUT.blockId]: { [EDIT_INPUT.actionId]: text } },
    }),
  );
}

afterEach(async () => {
  const refused = desk?.x.refused ?? [];
  const offSpec = desk?.x.offSpecAnswers ?? [];
  await desk?.stop();
  desk = undefined;
  // Whichever version of X's API the run speaks, the bot asks nothing X's description does not allow.
  expect(refused).toEqual([]);
  expect(offSpec).toEqual([]);
});

const cardText = (blocks: unknown[]) => renderBlocksAsText(blocks as never);

describe('the welcome desk, end to end', () => {
  it('takes a silent baseline: followers already there get no card', async () => {
    desk = await startTestDesk({ existingFollowers: [{ name: 'Ancienne' }, { name: 'Ancien' }] });
    await desk.poll();
    expect(desk.cards()).toHaveLength(0);
    expect(desk.x.unhandled).toEqual([]);
  });

  it('posts exactly one card for a new follower, with their profile, a draft and the four buttons', async () => {
    desk = await startTestDesk({ existingFollowers: [{ name: 'Ancienne' }] });
    desk.x.addFollower({ name: 'Camille Durand', handle: 'camille_d', bio: 'Céramiste à Lyon, passionnée de design.' });
    await desk.poll();
    await desk.poll();
    const [card, ...others] = await desk.waitForCards(1);
    expect(others).toHaveLength(0);
    const text = cardText(card!.blocks);
    expect(text).toContain('Camille Durand');
    expect(text).toContain('@camille_d');
    expect(text).toContain('Camille');
    const actionIds = JSON.stringify(card!.blocks);
    for (const id of [ACTIONS.postMention, ACTIONS.edit, ACTIONS.skip]) expect(actionIds).toContain(id);
    expect(desk.slack.unknownCalls()).toEqual([]);
  });

  it('sends one DM to a follower who wrote first, and shows who approved it on the card', async () => {
    desk = await startTestDesk();
    const follower = desk.x.addFollower({ name: 'Léa Martin', bio: 'Designer, amoureuse de la céramique.' });
    desk.x.writeDm(follower.xUserId, 'Bonjour, j’adore vos vases !');
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    expect(JSON.stringify(card!.blocks)).toContain(ACTIONS.sendDm);

    const welcomeId = welcomeIdOf(card!);
    const response = await desk.click(card!, ACTIONS.sendDm, { userId: 'U0MARIE01' });
    expect(response.status).toBe(200);
    const welcome = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(welcome.status).toBe('sent');
    expect(desk.x.sentDms).toHaveLength(1);
    expect(desk.x.sentDms[0]!.recipientId).toBe(follower.xUserId);
    expect(desk.x.sentDms[0]!.text).toBe(welcome.finalText);
    expect(welcome.decidedBy).toBe('U0MARIE01');

    const updated = await desk.slack.waitFor(() => {
      const current = desk!.slack.message(card!.channel, card!.ts);
      return current && !JSON.stringify(current.blocks).includes(ACTIONS.sendDm) ? current : null;
    });
    const text = cardText(updated.blocks);
    expect(text).toContain('U0MARIE01');
    expect(JSON.stringify(updated.blocks)).not.toContain(ACTIONS.skip);
    const events = await listWelcomeEvents(desk.bot.desk.db, welcome.id);
    const stateChanges = events.filter((event) => event.toStatus !== null).map((event) => event.toStatus);
    expect(stateChanges).toEqual(['pending', 'approved', 'sending', 'sent']);
    expect(events.find((event) => event.type === 'approved')!.actor).toBe('U0MARIE01');
  });

  it('sends one message when the same card is approved twice: a double click, then two clicks at once', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    desk.x.addFollower({ name: 'Hugo', bio: 'Artisan, design et céramique.' });
    desk.x.addFollower({ name: 'Inès', bio: 'Artisanat et design.' });
    await desk.poll();
    const [first, second] = await desk.waitForCards(2);
    const [firstId, secondId] = [welcomeIdOf(first!), welcomeIdOf(second!)];

    await desk.click(first!, ACTIONS.sendDm);
    await desk.click(first!, ACTIONS.sendDm);
    await Promise.all([desk.click(second!, ACTIONS.postMention), desk.click(second!, ACTIONS.postMention), desk.click(second!, ACTIONS.sendDm)]);

    await waitForWelcome(desk.bot.desk.db, firstId, ['sent']);
    await waitForWelcome(desk.bot.desk.db, secondId, ['sent']);
    await sleep(300);
    expect(desk.x.sentDms.length + desk.x.posts.length).toBe(2);
    // The late clicks were answered privately, not silently dropped.
    await desk.slack.waitFor(() => desk!.slack.responses.some((r) => /Already decided|Déjà décidé/.test(String(r.body.text))));
  });

  it('sends nothing when a teammate skips, and says who skipped', async () => {
    desk = await startTestDesk();
    desk.x.addFollower({ name: 'promo83749201', handle: 'promo83749201', bio: '', defaultAvatar: true });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    await desk.click(card!, ACTIONS.skip, { userId: 'U0PAUL001' });
    const welcome = await waitForWelcome(desk.bot.desk.db, welcomeId, ['skipped']);
    expect(welcome.decidedBy).toBe('U0PAUL001');
    const updated = await desk.slack.waitFor(() => {
      const current = desk!.slack.message(card!.channel, card!.ts)!;
      return current.history.length > 1 ? current : null;
    });
    expect(cardText(updated.blocks)).toContain('U0PAUL001');
    await sleep(200);
    expect(desk.x.sentDms).toHaveLength(0);
    expect(desk.x.posts).toHaveLength(0);
  });

  it('sends the edited text, not the draft', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    desk.x.addFollower({ handle: 'nora_c', name: 'Nora', bio: 'Céramique et design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);

    const triggerId = desk.slack.triggerId();
    await desk.click(card!, ACTIONS.edit, { triggerId });
    const opened = await desk.slack.waitFor(() => desk!.slack.openedViews[0]);
    expect(JSON.stringify(opened.view)).toContain(JSON.stringify((await welcomeRow(desk.bot.desk.db, welcomeId)).draftText).slice(1, 20));

    const edited = '@nora_c merci beaucoup de nous suivre, Nora ! Vos pièces en céramique sont superbes.';
    const submitted = await submitEdit(opened, edited);
    expect(submitted.status).toBe(200);
    // The draft is saved right after the ack.
    await waitUntil(async () => (await welcomeRow(desk!.bot.desk.db, welcomeId)).draftText === edited, 10_000, 'the edit to be saved');

    await desk.click(card!, ACTIONS.postMention);
    await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent']);
    expect(desk.x.posts.map((post) => post.text)).toEqual([edited]);
    expect(desk.x.sentDms).toHaveLength(0);
  });

  it('closes the edit modal at once and refreshes the card afterwards, even while Slack throttles chat.update', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    const nora = desk.x.addFollower({ name: 'Nora', bio: 'Céramique et design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    await desk.click(card!, ACTIONS.edit, { triggerId: desk.slack.triggerId() });
    const opened = await desk.slack.waitFor(() => desk!.slack.openedViews[0]);

    // Naming her keeps the text valid whichever channel's draft the modal edits (a public one must name her).
    const edited = `@${nora.handle} merci beaucoup de nous suivre ! Vos pièces en céramique sont superbes.`;
    // Slack asks the bot to wait 3 seconds before its next chat.update: longer than a submission may take.
    desk.slack.failNext('chat.update', { status: 429, retryAfter: 3 });
    const started = Date.now();
    const submitted = await submitEdit(opened, edited);
    expect(submitted.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(JSON.stringify(desk.slack.message(card!.channel, card!.ts)!.blocks)).not.toContain('Vos pièces en céramique sont superbes');
    await desk.slack.waitFor(() => JSON.stringify(desk!.slack.message(card!.channel, card!.ts)!.blocks).includes('Vos pièces en céramique sont superbes'), 15_000);
  });
});
