// X's developer guidelines: AI-generated replies need X's prior approval before they are deployed
// through the API. A model's draft is sent by hand from X (Open in X, then Mark as sent), or switched
// back to the template draft in one click — unless the account declares X's approval.
import { afterEach, describe, expect, it } from 'vitest';
import { HOME_IDS } from '../../src/bot/blocks/home';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { ACTIONS } from '../../src/bot/ids';
import { listWelcomeEvents } from '../../src/db/welcomes';
import { viewErrors, type FakeMessage } from '../../src/sandbox/slack';
import { blockActionsPayload, DEFAULTS, postInteraction } from '../../src/sandbox/slack-request';
import { SIGNING_SECRET, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { sleep, waitForWelcome, welcomeRow } from '../helpers/wait';
import { goodDrafts, GOOD, PAULA, saveAiRepliesSetting, startModelDesk, type ModelDesk } from './helpers';

let running: ModelDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const MENTION = `@${PAULA.handle} ${GOOD.mention}`;
const text = (card: FakeMessage) => renderBlocksAsText((card.blocks ?? []) as never);
const json = (card: FakeMessage) => JSON.stringify(card.blocks);

/** The card as it is now, once `check` holds. */
const cardWhen = (desk: TestDesk, card: FakeMessage, check: (blocks: string) => boolean) =>
  desk.slack.waitFor(() => {
    const current = desk.slack.message(card.channel, card.ts)!;
    return check(JSON.stringify(current.blocks)) ? current : null;
  });

async function modelCard(r: ModelDesk): Promise<FakeMessage> {
  r.model.answer(goodDrafts());
  r.desk.x.addFollower(PAULA);
  await r.desk.poll();
  const [card] = await r.desk.waitForCards(1);
  expect((await welcomeRow(r.desk.bot.desk.db, welcomeIdOf(card!))).draftSource).toBe('model');
  return card!;
}

describe('a model’s draft without X’s approval for AI-generated replies', { timeout: 60_000 }, () => {
  it('offers the manual path only: approved, it opens X with the text and is marked as sent; the bot posts nothing', async () => {
    running = await startModelDesk();
    const { desk } = running;
    const card = await modelCard(running);
    expect(text(card)).toContain('X requires its prior approval before AI-generated replies are sent through the API');
    expect(json(card)).toContain(ACTIONS.useTemplateDraft);
    expect(text(card)).toContain('Use the template draft instead');
    // The account sends through the API, but this card's buttons approve for sending by hand.
    expect(text(card)).not.toContain('Post public welcome');

    await desk.click(card, ACTIONS.postMention, { userId: 'U0ANNE001' });
    const approved = await cardWhen(desk, card, (blocks) => blocks.includes(ACTIONS.markSent));
    expect(json(approved)).toContain(`https://x.com/intent/post?text=${encodeURIComponent(MENTION)}`);
    const welcomeId = welcomeIdOf(card);
    expect(await welcomeRow(desk.bot.desk.db, welcomeId)).toMatchObject({ status: 'approved', sendMode: 'manual', finalText: MENTION });

    await desk.click(approved, ACTIONS.markSent, { userId: 'U0ANNE001' });
    await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent']);
    await sleep(300);
    expect(desk.x.posts).toEqual([]);
    expect(desk.x.sentDms).toEqual([]);
  });

  it('switches back to the template draft in one click, which then goes through the API', async () => {
    running = await startModelDesk();
    const { desk } = running;
    const card = await modelCard(running);
    const welcomeId = welcomeIdOf(card);

    await desk.click(card, ACTIONS.useTemplateDraft, { userId: 'U0ANNE001' });
    const switched = await cardWhen(desk, card, (blocks) => blocks.includes('Draft from template'));
    expect(json(switched)).not.toContain(ACTIONS.useTemplateDraft);
    expect(text(switched)).not.toContain('X requires its prior approval');
    const row = await welcomeRow(desk.bot.desk.db, welcomeId);
    expect(row).toMatchObject({ draftSource: 'template', draftModel: null, templateVersion: 1 });
    expect(row.templateId).toMatch(/^en-mention-\d$/);
    expect(row.drafts.mention).not.toBe(MENTION);
    expect(text(switched)).toContain(row.drafts.mention!);
    const events = await listWelcomeEvents(desk.bot.desk.db, welcomeId);
    expect(events.find((event) => event.type === 'draft-switched')).toMatchObject({ actor: 'U0ANNE001', detail: { fromModel: running.model.model, templateId: row.templateId } });

    await desk.click(switched, ACTIONS.postMention, { userId: 'U0ANNE001' });
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', sendMode: 'api' });
    expect(desk.x.posts.map((post) => post.text)).toEqual([row.drafts.mention]);
  });

  it('a second click on the switch, once the draft is the template’s, changes nothing', async () => {
    running = await startModelDesk();
    const { desk } = running;
    const card = await modelCard(running);
    await desk.click(card, ACTIONS.useTemplateDraft);
    await cardWhen(desk, card, (blocks) => blocks.includes('Draft from template'));
    const once = await welcomeRow(desk.bot.desk.db, welcomeIdOf(card));
    // The old card's button, clicked again (a second teammate, or a double click): told so, privately.
    const before = desk.slack.responses.length;
    await desk.click(card, ACTIONS.useTemplateDraft);
    const told = await desk.slack.waitFor(() => desk.slack.responses.slice(before).find((response) => String(response.body.text ?? '').includes('already shows the template draft')));
    expect(told.body.response_type).toBe('ephemeral');
    expect(await welcomeRow(desk.bot.desk.db, once.id)).toMatchObject({ drafts: once.drafts, templateId: once.templateId, editedAt: once.editedAt });
    expect((await listWelcomeEvents(desk.bot.desk.db, once.id)).filter((event) => event.type === 'draft-switched')).toHaveLength(1);
  });
});

describe('an account that declares X’s approval for AI-generated replies', { timeout: 60_000 }, () => {
  it('is set in the App Home settings, where X’s guideline is quoted; its model drafts then go through the API', async () => {
    running = await startModelDesk({ desk: { slack: { channelMembers: ['U0BOT0001', DEFAULTS.userId] } } });
    const { desk } = running;
    // The settings modal quotes the guideline where the box is ticked; off by default.
    const triggerId = desk.slack.triggerId();
    await postInteraction(desk.eventsUrl, SIGNING_SECRET, blockActionsPayload({ actionId: HOME_IDS.editAccount, value: String(desk.bot.accountId), triggerId, blockId: 'home_settings' }));
    const modal = await desk.slack.waitFor(() => desk.slack.openedViews.find((view) => view.triggerId === triggerId));
    expect(viewErrors(modal.view, 'modal')).toEqual([]);
    expect(JSON.stringify(modal.view)).toContain('Deploying AI-generated replies without approval is a violation, even if the content itself is helpful');
    expect(JSON.stringify(modal.view)).not.toContain('initial_options');

    const saved = await saveAiRepliesSetting(desk, true);
    expect(saved.status).toBe(200);
    expect(saved.json).toBeFalsy();
    const card = await modelCard(running);
    expect(json(card)).not.toContain(ACTIONS.useTemplateDraft);
    expect(text(card)).not.toContain('X requires its prior approval');
    expect(text(card)).toContain('Draft written by the language model');

    await desk.click(card, ACTIONS.postMention);
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeIdOf(card), ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', sendMode: 'api', finalText: MENTION, draftSource: 'model' });
    expect(desk.x.posts.map((post) => post.text)).toEqual([MENTION]);

    // Unticked again, the next model draft is back to the manual path.
    expect((await saveAiRepliesSetting(desk, false)).json).toBeFalsy();
    desk.x.addFollower({ ...PAULA, handle: 'noor_h', name: 'Noor Haddad' });
    await desk.poll();
    const [, second] = await desk.waitForCards(2);
    expect(json(second!)).toContain(ACTIONS.useTemplateDraft);
  });
});
