import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS, EDIT_INPUT, VIEWS } from '../../src/bot/ids';
import { listWelcomeEvents } from '../../src/db/welcomes';
import { SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { postInteraction, viewSubmissionPayload } from '../../src/sandbox/slack-request';
import { sleep, waitForWelcome, waitUntil, welcomeRow } from '../helpers/wait';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

const ANNE = 'U0ANNE001';
const BRUNO = 'U0BRUNO01';
const OUTSIDER = 'U0OUTSID1';
const privateAnswers = (d: TestDesk) => d.slack.responses.map((response) => String(response.body.text ?? ''));

async function oneCard(d: TestDesk) {
  d.x.addFollower({ handle: 'gaelle_w', name: 'Gaëlle', bio: 'Design et céramique.' });
  await d.poll();
  const [card] = await d.waitForCards(1);
  // As first posted: the card in the channel changes once decided, a late click still carries these buttons.
  return { card: { ...card!, blocks: structuredClone(card!.blocks) }, welcomeId: welcomeIdOf(card!) };
}

async function editAs(d: TestDesk, welcomeId: number, userId: string, text: string) {
  const submitted = await postInteraction(
    d.eventsUrl,
    SIGNING_SECRET,
    viewSubmissionPayload({
      callbackId: VIEWS.editWelcome,
      userId,
      privateMetadata: JSON.stringify({ welcomeId, channel: 'mention' }),
      values: { [EDIT_INPUT.blockId]: { [EDIT_INPUT.actionId]: text } },
    }),
  );
  return submitted;
}

describe('who may decide', () => {
  it('with APPROVERS set to a user group, refuses anyone else privately, logs the attempt, and lets a member approve', async () => {
    desk = await startTestDesk({
      env: { X_DM_POLICY: 'approved', APPROVERS: 'usergroup:S0APPROVE' },
      slack: { usergroups: { S0APPROVE: [ANNE, BRUNO] } },
    });
    const { card, welcomeId } = await oneCard(desk);

    await desk.click(card, ACTIONS.postMention, { userId: OUTSIDER });
    await desk.click(card, ACTIONS.skip, { userId: OUTSIDER });
    await desk.slack.waitFor(() => privateAnswers(desk!).filter((text) => /cannot decide/.test(text)).length === 2 || null);
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');
    const refused = (await listWelcomeEvents(desk.bot.desk.db, welcomeId)).filter((event) => event.type === 'approval-refused');
    expect(refused.map((event) => [event.actor, event.detail.why])).toEqual([
      [OUTSIDER, 'not-an-approver'],
      [OUTSIDER, 'not-an-approver'],
    ]);

    await desk.click(card, ACTIONS.postMention, { userId: ANNE });
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', decidedBy: ANNE });
    expect(desk.x.posts).toHaveLength(1);
  });

  it('by default (APPROVERS=channel), only the desk channel’s members decide, edits included', async () => {
    desk = await startTestDesk({ slack: { channelMembers: ['U0BOT0001', ANNE] } });
    const { card, welcomeId } = await oneCard(desk);
    const draft = (await welcomeRow(desk.bot.desk.db, welcomeId)).draftText;

    const edit = await editAs(desk, welcomeId, OUTSIDER, 'Merci de nous suivre ! Belle journée à vous.');
    expect(edit.status).toBe(200);
    expect(JSON.stringify(edit.json)).toMatch(/cannot decide/);
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).draftText).toBe(draft);

    await desk.click(card, ACTIONS.postMention, { userId: ANNE });
    expect((await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed'])).status).toBe('sent');
  });

  it('with FOUR_EYES, whoever edited the draft cannot approve it alone; a second teammate can', async () => {
    desk = await startTestDesk({ env: { FOUR_EYES: 'true' } });
    const { card, welcomeId } = await oneCard(desk);
    const edited = '@gaelle_w merci beaucoup de nous suivre, Gaëlle ! Vos pièces en céramique sont superbes.';
    expect((await editAs(desk, welcomeId, ANNE, edited)).status).toBe(200);
    // The draft is saved right after the ack.
    await waitUntil(async () => (await welcomeRow(desk!.bot.desk.db, welcomeId)).editedBy === ANNE, 10_000, 'the edit to be saved');

    await desk.click(card, ACTIONS.postMention, { userId: ANNE });
    await desk.slack.waitFor(() => privateAnswers(desk!).find((text) => /four-eyes/.test(text)));
    await sleep(200);
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');
    expect(desk.x.posts).toHaveLength(0);

    await desk.click(card, ACTIONS.postMention, { userId: BRUNO });
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', decidedBy: BRUNO, finalText: edited });
    expect(desk.x.posts.map((post) => post.text)).toEqual([edited]);

    // A click on the decided card answers who sent it and when, and does nothing.
    await desk.click(card, ACTIONS.skip, { userId: ANNE });
    const late = await desk.slack.waitFor(() => privateAnswers(desk!).find((text) => /Already decided: sent by/.test(text)));
    expect(late).toContain(`<@${BRUNO}>`);
    expect(late).toMatch(/<!date\^\d+\^/);
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('sent');
  });
});
