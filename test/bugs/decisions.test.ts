// Issue 15, items 1, 5 and 6: what a teammate's edit and approval may send, through signed Slack requests.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, EDIT_INPUT, VIEWS } from '../../src/bot/ids';
import { welcomes } from '../../src/db/schema';
import { draftFor, listWelcomeEvents } from '../../src/db/welcomes';
import { postInteraction, viewSubmissionPayload } from '../../src/sandbox/slack-request';
import { SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { waitForWelcome, waitUntil, welcomeRow } from '../helpers/wait';

const ALICE = 'U0ALICE01';
const BOB = 'U0BOB0001';
const CAROL = 'U0CAROL01';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({
    // Anyone may decide here: these tests are about edits, not about who is on the desk channel.
    env: { FOUR_EYES: 'true', APPROVERS: 'anyone' },
    slack: { users: { [BOB]: { name: 'bob', tz: 'Europe/Paris' }, [ALICE]: { name: 'alice', tz: 'Europe/Paris' } } },
  });
});
afterAll(async () => {
  await desk?.stop();
});

const privateAnswers = () => desk.slack.responses.map((response) => String(response.body.text ?? ''));

let followers = 0;
async function newCard(handle: string) {
  desk.x.addFollower({ handle, name: 'Gaëlle', bio: 'Design et céramique.' });
  await desk.poll();
  followers++;
  const cards = await desk.waitForCards(followers);
  const card = cards.find((c) => JSON.stringify(c.blocks).includes(handle))!;
  return { card: { ...card, blocks: structuredClone(card.blocks) }, welcomeId: welcomeIdOf(card) };
}

/** Submits the edit modal; when it closed (no error on the field), waits for the draft saved after the ack. */
async function save(welcomeId: number, userId: string, text: string, metadata: Record<string, unknown> = {}) {
  const res = await postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    viewSubmissionPayload({
      callbackId: VIEWS.editWelcome,
      userId,
      privateMetadata: JSON.stringify({ welcomeId, channel: 'mention', ...metadata }),
      values: { [EDIT_INPUT.blockId]: { [EDIT_INPUT.actionId]: text } },
    }),
  );
  if (!res.json) await waitUntil(async () => draftFor(await welcomeRow(desk.bot.desk.db, welcomeId), 'mention') === text, 10_000, 'the edit to be saved');
  return res;
}

/** Opens the edit modal as Slack would and returns the private_metadata it carries. */
async function openEditor(card: Parameters<TestDesk['click']>[0], userId: string): Promise<Record<string, unknown>> {
  const before = desk.slack.openedViews.length;
  await desk.click(card, ACTIONS.edit, { userId, triggerId: desk.slack.triggerId() });
  const opened = await desk.slack.waitFor(() => desk.slack.openedViews[before]);
  return JSON.parse(String((opened.view as { private_metadata: string }).private_metadata)) as Record<string, unknown>;
}

describe('a public welcome names the follower it is for (item 1)', () => {
  it('the editor refuses a mention that names someone else, or nobody', async () => {
    const { welcomeId } = await newCard('gaelle_c');
    const draft = draftFor(await welcomeRow(desk.bot.desk.db, welcomeId), 'mention');
    for (const text of ['Bienvenue @elonmusk, merci de nous suivre !', 'Merci beaucoup et bienvenue parmi nous !', '👋🎉']) {
      const res = await save(welcomeId, ALICE, text);
      expect(JSON.stringify(res.json)).toContain('mention-names-follower');
    }
    expect(draftFor(await welcomeRow(desk.bot.desk.db, welcomeId), 'mention')).toBe(draft);
  });

  it('the approval gate refuses a mention that does not name the follower', async () => {
    const { card, welcomeId } = await newCard('gaelle_d');
    // A draft written before the rule existed.
    await desk.bot.desk.db.update(welcomes).set({ draftText: 'Bienvenue @elonmusk, merci de nous suivre !', drafts: { mention: 'Bienvenue @elonmusk, merci de nous suivre !' } }).where(eq(welcomes.id, welcomeId));
    await desk.click(card, ACTIONS.postMention, { userId: CAROL });
    await desk.slack.waitFor(() => privateAnswers().find((text) => text.includes('mention-names-follower')));
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');
    expect(desk.x.posts).toHaveLength(0);
  });
});

describe('FOUR_EYES counts everyone who changed the text (item 5)', () => {
  it('an unchanged save by Bob does not let Alice approve her own text; Carol may', async () => {
    const { card, welcomeId } = await newCard('gaelle_e');
    const alices = '@gaelle_e merci beaucoup de nous suivre ! Vos pièces en céramique sont superbes.';
    expect((await save(welcomeId, ALICE, alices)).json).toBeFalsy();
    expect((await save(welcomeId, BOB, alices)).json).toBeFalsy();
    const edits = (await listWelcomeEvents(desk.bot.desk.db, welcomeId)).filter((event) => event.type === 'edited');
    expect(edits.map((event) => event.actor)).toEqual([ALICE]);

    await desk.click(card, ACTIONS.postMention, { userId: ALICE });
    await desk.slack.waitFor(() => privateAnswers().find((text) => /four-eyes/.test(text)));
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');

    await desk.click(card, ACTIONS.postMention, { userId: CAROL });
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', decidedBy: CAROL, finalText: alices });
  });

  it('Alice then Bob edit: neither may approve alone', async () => {
    const { card, welcomeId } = await newCard('gaelle_f');
    await save(welcomeId, ALICE, '@gaelle_f merci de nous suivre ! Belle journée.');
    await save(welcomeId, BOB, '@gaelle_f merci beaucoup de nous suivre ! Belle journée à vous.');
    const refusals = () => privateAnswers().filter((text) => /four-eyes/.test(text)).length;
    const before = refusals();
    await desk.click(card, ACTIONS.postMention, { userId: ALICE });
    await desk.slack.waitFor(() => refusals() === before + 1 || null);
    await desk.click(card, ACTIONS.postMention, { userId: BOB });
    await desk.slack.waitFor(() => refusals() === before + 2 || null);
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');
  });
});

describe('two teammates editing at once (item 6)', () => {
  it('a save on a draft changed since the modal opened is refused in the modal, naming who changed it and when', async () => {
    const { card, welcomeId } = await newCard('gaelle_g');
    const alicesModal = await openEditor(card, ALICE);
    const bobsModal = await openEditor(card, BOB);
    expect(alicesModal.seenEditedAt).toBeNull();
    const bobs = '@gaelle_g merci de nous suivre ! Vos céramiques sont superbes.';
    expect((await save(welcomeId, BOB, bobs, bobsModal)).json).toBeFalsy();

    const res = await save(welcomeId, ALICE, '@gaelle_g merci à vous, belle journée !', alicesModal);
    const editedAt = (await welcomeRow(desk.bot.desk.db, welcomeId)).editedAt!;
    const hhmm = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(editedAt);
    expect(JSON.stringify(res.json)).toContain(`Changed by @bob at ${hhmm} — reopen to see it`);
    expect(draftFor(await welcomeRow(desk.bot.desk.db, welcomeId), 'mention')).toBe(bobs);

    // Reopened, it saves.
    const reopened = await openEditor(card, ALICE);
    expect((await save(welcomeId, ALICE, '@gaelle_g merci à vous, belle journée !', reopened)).json).toBeFalsy();
  });
});
