import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHomeView, cardLink, HOME_IDS, SETTINGS_INPUTS } from '../../src/bot/blocks/home';
import { ACTIONS } from '../../src/bot/ids';
import { xAccounts } from '../../src/db/schema';
import { viewErrors } from '../../src/sandbox/slack';
import { DESK_CHANNEL, SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { blockActionsPayload, DEFAULTS, eventEnvelope, postEvent, postInteraction, viewSubmissionPayload } from '../../src/sandbox/slack-request';
import { waitForWelcome, waitUntil } from '../helpers/wait';

const MARIE = DEFAULTS.userId;
const OUTSIDER = 'U0OUTSIDE1';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ slack: { channelMembers: ['U0BOT0001', MARIE] }, existingFollowers: [{ name: 'Old Friend' }] });
});
afterAll(async () => {
  await desk?.stop();
});

const openHome = (userId: string, tab = 'home') =>
  postEvent(desk.eventsUrl, SIGNING_SECRET, eventEnvelope({ type: 'app_home_opened', user: userId, channel: 'D0HOME0001', tab, event_ts: `${Date.now() / 1000}` }));

const lastHome = (userId: string) => desk.slack.publishedViews.filter((p) => p.userId === userId).at(-1)?.view;
const homeText = (view: unknown) => JSON.stringify(view);

async function clickEdit(userId: string) {
  const triggerId = desk.slack.triggerId();
  const before = desk.slack.openedViews.length;
  const res = await postInteraction(desk.eventsUrl, SIGNING_SECRET, blockActionsPayload({ actionId: HOME_IDS.editAccount, value: String(desk.bot.accountId), userId, triggerId, blockId: 'home_settings' }));
  expect(res.status).toBe(200);
  return desk.slack.waitFor(() => desk.slack.openedViews[before]);
}

/** What the settings modal opened for Marie carries (private_metadata), as Slack sends it back on submission. */
let mariesModal: string | undefined;
async function openedFor(userId: string): Promise<string> {
  if (userId === MARIE && mariesModal) return mariesModal;
  const opened = String((await clickEdit(userId)).view.private_metadata ?? '');
  if (userId === MARIE) mariesModal = opened;
  return opened;
}

async function settingsSubmission(userId: string, values: { channel?: string; kind?: string; dmPolicy?: string; sendMode?: string; ownDomains?: string; topics?: string }, privateMetadata?: string) {
  const option = (value: string) => ({ type: 'static_select', selected_option: { value } });
  return postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    viewSubmissionPayload({
      callbackId: HOME_IDS.settingsModal,
      userId,
      privateMetadata: privateMetadata ?? (await openedFor(userId)),
      values: {
        [SETTINGS_INPUTS.channel.blockId]: { [SETTINGS_INPUTS.channel.actionId]: { type: 'channels_select', selected_channel: values.channel ?? DESK_CHANNEL } },
        [SETTINGS_INPUTS.kind.blockId]: { [SETTINGS_INPUTS.kind.actionId]: option(values.kind ?? 'business') },
        [SETTINGS_INPUTS.dmPolicy.blockId]: { [SETTINGS_INPUTS.dmPolicy.actionId]: option(values.dmPolicy ?? 'engaged-only') },
        [SETTINGS_INPUTS.sendMode.blockId]: { [SETTINGS_INPUTS.sendMode.actionId]: option(values.sendMode ?? 'api') },
        [SETTINGS_INPUTS.ownDomains.blockId]: { [SETTINGS_INPUTS.ownDomains.actionId]: values.ownDomains ?? '' },
        [SETTINGS_INPUTS.topics.blockId]: { [SETTINGS_INPUTS.topics.actionId]: values.topics ?? '' },
      },
    }),
  );
}

const accountRow = async () => (await desk.bot.desk.db.select().from(xAccounts).where(eq(xAccounts.id, desk.bot.accountId)))[0]!;

describe('the App Home tab', () => {
  it('is published through Slack when a teammate opens it: the queue oldest first with a link to each card, and the week’s figures', async () => {
    for (const handle of ['first_fan', 'second_fan', 'third_fan', 'fourth_fan']) {
      desk.x.addFollower({ handle, name: handle.replace('_', ' ') });
      // One at a time, so the cards' order is the followers' order.
      await desk.poll();
    }
    const cards = await desk.waitForCards(4);
    const [first, second, third, fourth] = cards.map((card) => ({ card, id: welcomeIdOf(card) }));
    await desk.click(third!.card, ACTIONS.postMention);
    await desk.click(fourth!.card, ACTIONS.skip);
    await waitForWelcome(desk.bot.desk.db, third!.id, ['sent']);
    await waitForWelcome(desk.bot.desk.db, fourth!.id, ['skipped']);

    const res = await openHome(MARIE);
    expect(res.status).toBe(200);
    const view = await desk.slack.waitFor(() => lastHome(MARIE));
    expect(viewErrors(view, 'home')).toEqual([]);
    const text = homeText(view);
    expect(text).toContain('@maison_lumen');
    expect(text).toContain('*New followers*\\n4');
    expect(text).toContain('*Cards*\\n4');
    expect(text).toContain('*Sent by DM*\\n0');
    expect(text).toContain('*Sent as mentions*\\n1');
    expect(text).toContain('*Skipped*\\n1');
    expect(text).toContain('*Waiting now*\\n2');
    expect(text).toContain('2 cards waiting, oldest first');
    // A handle in a link label cannot ping nor turn into italics: it is shown as is, and copies cleanly.
    const firstLink = `<${cardLink(DESK_CHANNEL, first!.card.ts)}|@first_fan>`;
    const secondLink = `<${cardLink(DESK_CHANNEL, second!.card.ts)}|@second_fan>`;
    expect(text).not.toContain('\u200B');
    expect(cardLink(DESK_CHANNEL, first!.card.ts)).toBe(`https://slack.com/archives/${DESK_CHANNEL}/p${first!.card.ts.replace('.', '')}`);
    expect(text).toContain(JSON.stringify(firstLink).slice(1, -1));
    expect(text.indexOf(JSON.stringify(secondLink).slice(1, -1))).toBeGreaterThan(text.indexOf(JSON.stringify(firstLink).slice(1, -1)));
    expect(text).not.toMatch(/third|fourth|Old Friend/);
    // Each account's settings, with its Edit button.
    expect(text).toContain(`"action_id":"${HOME_IDS.editAccount}"`);
    expect(text).toContain('Engaged only (after they DM you)');
  });

  it('is not published for the Messages tab, which sends the same event', async () => {
    const before = desk.slack.publishedViews.length;
    await openHome('U0OTHER001', 'messages');
    await openHome('U0OTHER001');
    await desk.slack.waitFor(() => lastHome('U0OTHER001'));
    expect(desk.slack.publishedViews.length).toBe(before + 1);
  });
});

describe('editing an account’s settings from the Home tab', () => {
  it('opens the settings for a member of the account’s desk channel, and only says why not to anyone else', async () => {
    const marie = await clickEdit(MARIE);
    expect(marie.view.callback_id).toBe(HOME_IDS.settingsModal);
    expect(viewErrors(marie.view, 'modal')).toEqual([]);
    expect(JSON.stringify(marie.view)).toContain(`"initial_channel":"${DESK_CHANNEL}"`);
    const outsider = await clickEdit(OUTSIDER);
    expect(outsider.view.callback_id).toBeUndefined();
    expect(JSON.stringify(outsider.view)).toContain(`Only members of <#${DESK_CHANNEL}> can change the settings of @maison_lumen`);
  });

  it('refuses a submission from someone outside the desk channel, and changes nothing', async () => {
    // Marie's modal, replayed by someone else: the modal says who it was opened for.
    const res = await settingsSubmission(OUTSIDER, { dmPolicy: 'approved', kind: 'personal' }, await openedFor(MARIE));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(res.json)).toContain('Only members of');
    expect(await accountRow()).toMatchObject({ dmPolicy: 'engaged-only', kind: 'business' });
  });

  it('shows a bad domain under its field and saves nothing', async () => {
    const res = await settingsSubmission(MARIE, { ownDomains: 'maison-lumen.fr, not a domain' });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [SETTINGS_INPUTS.ownDomains.blockId]: expect.stringContaining('not a domain') } });
    expect((await accountRow()).ownDomains).toEqual(['maison-lumen.fr']);
  });

  it('saves what a member submits and publishes their Home tab again with it', async () => {
    const published = desk.slack.publishedViews.length;
    const res = await settingsSubmission(MARIE, { dmPolicy: 'approved', sendMode: 'manual', ownDomains: 'maison-lumen.fr, shop.maison-lumen.fr', topics: 'céramique, émail' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    // Saved after the ack.
    await waitUntil(async () => ((await accountRow()).dmPolicy === 'approved' ? true : null), 10_000, 'the settings to be saved');
    expect(await accountRow()).toMatchObject({ dmPolicy: 'approved', sendMode: 'manual', ownDomains: ['maison-lumen.fr', 'shop.maison-lumen.fr'], topics: ['céramique', 'émail'], slackChannelId: DESK_CHANNEL });
    await desk.slack.waitFor(() => desk.slack.publishedViews.length > published);
    const text = homeText(lastHome(MARIE));
    expect(text).toContain('Any approved DM (outside X’s guidelines)');
    expect(text).toContain('By hand (Open in X)');
    expect(text).toContain('shop.maison-lumen.fr');
  });
});

describe('the Home view builder', () => {
  it('stays within Slack’s limits with many accounts and a long queue', async () => {
    const account = await accountRow();
    const cards = Array.from({ length: 10 }, (_, i) => ({ welcomeId: i, accountId: account.id, handle: `fan_${i}`, name: `<!channel> ${i}`, createdAt: new Date(), slackChannelId: DESK_CHANNEL, slackTs: i % 2 ? `17000000${i}.000100` : null }));
    const figures = { newFollowers: 1, cards: 1, sentByDm: 0, sentByMention: 0, skipped: 0, pending: 40 };
    const conversations = cards.map((card) => ({ ...card, since: new Date(), messages: 3, cardTs: card.slackTs, messageTs: card.slackTs ? '1700000099.000200' : null }));
    const waiting = { conversations, total: 25 };
    const view = buildHomeView(Array.from({ length: 20 }, (_, i) => ({ account: { ...account, id: i, handle: `acct_${i}` }, queue: { cards, total: 40 }, figures, waiting })), 'fr');
    expect(viewErrors(view, 'home')).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).toContain('…et 30 de plus dans le canal.');
    expect(text).toContain('…et 15 autres conversations.');
    expect(text).toContain('7 comptes de plus');
    expect(text).toContain('carte pas encore publiée');
    expect(text).not.toContain('<!channel>');
  });
});
