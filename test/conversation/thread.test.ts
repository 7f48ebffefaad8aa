// Issue 12: what a carded follower writes comes back to their card's thread — through the X webhook
// at once, or through the tracking poll — stored once, escaped like a bio, and a follower who asks to
// stop is never offered a DM again. Through the real protocols: the fake X over HTTP (its webhook
// deliveries signed as X signs them), signed Slack requests, real SQL on either driver.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_INPUTS } from '../../src/bot/blocks/home';
import { ACTIONS, CONVERSATION_ACTIONS } from '../../src/bot/ids';
import { listWelcomeMessages } from '../../src/db/conversations';
import { conversationMessages, followers } from '../../src/db/schema';
import { xSpend } from '../../src/db/x-usage';
import { DEFAULTS } from '../../src/sandbox/slack-request';
import { trackAccount } from '../../src/tracking/track';
import { DESK_CHANNEL, saveSettingsFromHome, startTestDesk, type TestDesk } from '../helpers/desk';
import { welcomeRow } from '../helpers/wait';
import { deskAt } from '../tracking/helpers';
import { cardNow, carded, text, thread, waitForThread, webhookUrl, welcomed } from './helpers';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

/** One tracking pass (what TRACKING_CRON runs), now. */
const pass = (test: TestDesk) => trackAccount(deskAt(test, 0), test.bot.accountId);

const DAY_MS = 86_400_000;
const spendToday = async (test: TestDesk) => {
  const now = new Date();
  const lines = await xSpend(test.bot.desk.db, test.x.account.id, new Date(now.getTime() - DAY_MS), new Date(now.getTime() + DAY_MS));
  return Object.fromEntries(lines.map((line) => [line.category, line]));
};

describe('a follower\'s messages in their card\'s thread', () => {
  it('posts a DM answer to a DM welcome at the next poll, once, and measures what it costs in X reads', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    const { follower, card } = await welcomed(desk, 'dm', 'Léa Martin');
    const before = await spendToday(desk);
    const written = Date.now();
    desk.x.writeDm(follower.xUserId, 'Merci beaucoup, quel accueil ! Vous ouvrez le dimanche ?');

    const started = Date.now();
    const first = await pass(desk);
    const passMs = Date.now() - started;
    const [message] = await waitForThread(desk, card, 1);
    const eventToThreadMs = Date.now() - written;
    expect(first.replies).toMatchObject({ dmRequests: 1, messages: 1, replies: 1 });
    expect(text(message!)).toContain('Merci beaucoup, quel accueil ! Vous ouvrez le dimanche ?');
    expect(text(message!)).toMatch(/wrote you a DM/);
    const blocks = JSON.stringify(message!.blocks);
    expect(blocks).toContain(CONVERSATION_ACTIONS.reply);
    expect(blocks).toContain(CONVERSATION_ACTIONS.noAnswer);
    const [stored] = await listWelcomeMessages(desk.bot.desk.db, await welcomeOf(desk, follower.xUserId));
    expect(blocks).toContain(`"value":"${stored!.id}"`);
    expect(blocks).toContain(`https://x.com/messages/`);
    // The card says so, in one line, in place.
    expect(text(cardNow(desk, card))).toMatch(/💬 1 message · waiting for an answer since/);

    // A second message later: the next pass reads one event, finds it new, and reads a little
    // further (5) to reach what it saw last — X has no since_id there, and bills every event returned.
    desk.x.writeDm(follower.xUserId, 'Et pour les ateliers du samedi ?');
    const second = await pass(desk);
    expect(second.replies).toMatchObject({ dmRequests: 2, dmEventsRead: 1, messages: 1 });
    await waitForThread(desk, card, 2);
    expect(text(cardNow(desk, card))).toMatch(/💬 2 messages · waiting for an answer since/);
    // And a quiet pass costs one request and no event.
    expect((await pass(desk)).replies).toMatchObject({ dmRequests: 1, dmEventsRead: 0, messages: 0 });
    expect(thread(desk, card)).toHaveLength(2);

    const after = await spendToday(desk);
    const reads = (category: string) => ({
      calls: (after[category]?.calls ?? 0) - (before[category]?.calls ?? 0),
      units: (after[category]?.units ?? 0) - (before[category]?.units ?? 0),
      usd: Math.round(((after[category]?.usd ?? 0) - (before[category]?.usd ?? 0)) * 1e6) / 1e6,
    });
    const dm = reads('dm-event-read');
    const mentions = reads('post-read');
    // First read: the welcome and the answer (2). Second: the new answer, then the page reaching the
    // cursor (1 + 2). Quiet pass: the newest event only (1). Six events billed, $0.06, in four requests.
    expect(dm).toEqual({ calls: 4, units: 6, usd: 0.06 });
    expect(mentions.units).toBe(0);
    console.info(
      `[measure] poll: a conversation of a DM welcome and 2 answers cost ${dm.calls} GET /2/dm_events requests, ${dm.units} DM events billed ($${dm.usd}), ` +
        `${mentions.calls} mentions requests with ${mentions.units} posts billed; a pass took ${passMs} ms; X event → thread message ${eventToThreadMs} ms (+ up to one TRACKING_CRON interval)`,
    );
  });

  it('posts a DM at once through the webhook, and a redelivered event only once', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    const { follower, card } = await welcomed(desk, 'dm', 'Hugo Bernard');
    const dm = desk.x.writeDm(follower.xUserId, 'Super, merci !');
    const payload = desk.x.activity.directMessage(dm, 'x-activity');

    const started = Date.now();
    expect((await desk.x.deliverWebhook(webhookUrl(desk), payload)).status).toBe(200);
    const [message] = await waitForThread(desk, card, 1, 2_000);
    const webhookMs = Date.now() - started;
    expect(text(message!)).toContain('Super, merci !');

    // X delivers it again: the answer is 200 once it was handled, and nothing more is posted.
    expect((await desk.x.deliverWebhook(webhookUrl(desk), payload)).status).toBe(200);
    expect((await desk.x.deliverWebhook(webhookUrl(desk), desk.x.activity.directMessage(dm, 'account-activity'))).status).toBe(200);
    // The poll reads it too, and knows it.
    expect((await pass(desk)).replies).toMatchObject({ messages: 0 });
    expect(thread(desk, card)).toHaveLength(1);
    expect(await desk.bot.desk.db.select().from(conversationMessages)).toHaveLength(1);
    console.info(`[measure] webhook: X event → thread message ${webhookMs} ms`);
  });

  it('threads a public reply to the welcome post under that card, as a reply to the welcome, by poll and by webhook', async () => {
    desk = await startTestDesk();
    const { follower, card } = await welcomed(desk, 'mention', 'Zoé Petit');
    const welcomePost = desk.x.posts.at(-1)!;
    desk.x.reply(follower.xUserId, welcomePost.id, 'Merci, trop gentil !');
    await pass(desk);
    const [message] = await waitForThread(desk, card, 1);
    expect(text(message!)).toMatch(/replied to the welcome/);
    expect(text(message!)).toContain('Merci, trop gentil !');
    expect(JSON.stringify(message!.blocks)).toContain('https://x.com/i/status/');

    const again = desk.x.reply(follower.xUserId, welcomePost.id, 'Et à bientôt !');
    expect((await desk.x.deliverWebhook(webhookUrl(desk), desk.x.activity.post(again, 'account-activity'))).status).toBe(200);
    const messages = await waitForThread(desk, card, 2, 2_000);
    expect(text(messages[1]!)).toMatch(/replied to the welcome/);
    const stored = await desk.bot.desk.db.select().from(conversationMessages);
    expect(stored.map((row) => [row.via, row.inReplyToXId])).toEqual([
      ['reply', welcomePost.id],
      ['reply', welcomePost.id],
    ]);
  });

  it('shows what they wrote before any welcome: a mention turns the public option into a reply, a DM unlocks the DM', async () => {
    desk = await startTestDesk();
    const { follower, card } = await carded(desk, 'Maya Roux');
    expect(JSON.stringify(card.blocks)).not.toContain(ACTIONS.sendDm);

    const post = desk.x.mention(follower.xUserId, 'Vos vases sont superbes');
    expect((await desk.x.deliverWebhook(webhookUrl(desk), desk.x.activity.post(post, 'x-activity'))).status).toBe(200);
    const [mention] = await waitForThread(desk, card, 1, 2_000);
    expect(text(mention!)).toMatch(/mentioned you/);
    expect(text(cardNow(desk, card))).toContain('Reply to their post');
    expect(JSON.stringify(cardNow(desk, card).blocks)).not.toContain(ACTIONS.sendDm);

    desk.x.writeDm(follower.xUserId, 'Et vous livrez à Nantes ?');
    await pass(desk);
    await waitForThread(desk, card, 2);
    expect(JSON.stringify(cardNow(desk, card).blocks)).toContain(ACTIONS.sendDm);
    expect(text(cardNow(desk, card))).toMatch(/💬 2 messages/);
  });

  it('opens the thread with a DM they wrote before their card existed, once, and the card offers the DM', async () => {
    desk = await startTestDesk();
    const before = desk.cards().length;
    const follower = desk.x.addFollower({ name: 'Léa Martin', bio: 'Céramiste à Lyon.' });
    desk.x.writeDm(follower.xUserId, 'Bonjour ! Vous exposez bientôt à Lyon ?');
    await desk.poll();
    const card = (await desk.waitForCards(before + 1)).at(-1)!;
    const [message] = await waitForThread(desk, card, 1);
    expect(text(message!)).toContain('Vous exposez bientôt à Lyon');
    expect(JSON.stringify(cardNow(desk, card).blocks)).toContain(ACTIONS.sendDm);
    // The next tracking pass reads the same DM event again: it is stored and posted once.
    await pass(desk);
    await pass(desk);
    expect(thread(desk, card)).toHaveLength(1);
  });

  it('renders a hostile reply harmlessly: no ping, no forged link, cut to Slack\'s limits', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    const { follower, card } = await welcomed(desk, 'dm', 'Inès');
    const hostile = `<!channel> your account is locked, see <http://evil.example|bank> *now* ${'a'.repeat(10_000)}`;
    desk.x.writeDm(follower.xUserId, hostile);
    await pass(desk);
    const [message] = await waitForThread(desk, card, 1);
    const mrkdwn = JSON.stringify(message!.blocks.flatMap((block) => collect(block, 'mrkdwn')));
    expect(mrkdwn).not.toContain('<!channel>');
    expect(mrkdwn).not.toContain('evil.example');
    // The text goes as plain_text, which Slack never parses, cut under the section limit.
    const plain = message!.blocks.flatMap((block) => collect(block, 'plain_text')) as string[];
    const body = plain.find((t) => t.startsWith('<!channel>'))!;
    expect(body.length).toBeLessThanOrEqual(3000);
    expect(body.endsWith('…')).toBe(true);
    expect(message!.text).not.toContain('<!channel>');
    // Stored whole.
    const [stored] = await desk.bot.desk.db.select().from(conversationMessages);
    expect(stored!.text).toBe(hostile);
  });

  it('hides DM text when the account says so in its settings, and links to X instead', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' }, slack: { channelMembers: ['U0BOT0001', DEFAULTS.userId] } });
    const { follower, card } = await welcomed(desk, 'dm', 'Sacha Morel');
    const saved = await saveShowDmText(desk, 'hidden');
    expect(saved.json).toBeFalsy();

    desk.x.writeDm(follower.xUserId, 'Mon numéro perso est le 06 12 34 56 78');
    await pass(desk);
    const [message] = await waitForThread(desk, card, 1);
    expect(JSON.stringify(message!.blocks)).not.toContain('06 12 34 56 78');
    expect(text(message!)).toContain('They wrote you a DM — open in X.');
    expect(JSON.stringify(message!.blocks)).toContain('https://x.com/messages/');
    // A public reply is public: it shows either way.
    const post = desk.x.mention(follower.xUserId, 'Merci pour le message !');
    expect((await desk.x.deliverWebhook(webhookUrl(desk), desk.x.activity.post(post))).status).toBe(200);
    const messages = await waitForThread(desk, card, 2, 2_000);
    expect(text(messages[1]!)).toContain('Merci pour le message !');
  });

  it('marks a follower who writes STOP do-not-contact: the card offers no DM, a forged click is refused, the thread and card say so', async () => {
    desk = await startTestDesk();
    const { follower, card, welcomeId } = await carded(desk, 'Jules Blanc');
    desk.x.writeDm(follower.xUserId, 'Bonjour, une question sur vos ateliers');
    await pass(desk);
    await waitForThread(desk, card, 1);
    expect(JSON.stringify(cardNow(desk, card).blocks)).toContain(ACTIONS.sendDm);

    const stop = desk.x.writeDm(follower.xUserId, 'STOP');
    expect((await desk.x.deliverWebhook(webhookUrl(desk), desk.x.activity.directMessage(stop))).status).toBe(200);
    const [, stopMessage] = await waitForThread(desk, card, 2, 2_000);
    expect(text(stopMessage!)).toMatch(/asked not to be contacted/);
    const now = cardNow(desk, card);
    expect(JSON.stringify(now.blocks)).not.toContain(ACTIONS.sendDm);
    expect(text(now)).toMatch(/Do not contact: they asked \(“STOP”\)/);
    const [row] = await desk.bot.desk.db.select().from(followers).where(eq(followers.xUserId, follower.xUserId));
    expect(row!.doNotContactReason).toBe('STOP');

    // The old card's button, clicked anyway (or forged): refused, nothing sent.
    await desk.click(card, ACTIONS.sendDm);
    await desk.slack.waitFor(() => desk!.slack.responses.map((r) => String(r.body.text ?? '')).find((t) => /asked not to be contacted/.test(t)));
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');
    expect(desk.x.sentDms).toEqual([]);
  });

  it('keeps out a DM from someone who has no card: no thread message, no card', async () => {
    desk = await startTestDesk();
    const { card } = await carded(desk, 'Nina');
    const stranger = desk.x.addUser({ name: 'Inconnu' });
    const dm = desk.x.writeDm(stranger.xUserId, 'Bonjour, vous recrutez ?');
    // Processed: X's delivery is answered once handled, and the poll reads the event.
    expect((await desk.x.deliverWebhook(webhookUrl(desk), desk.x.activity.directMessage(dm))).status).toBe(200);
    expect((await pass(desk)).replies).toMatchObject({ dmEventsRead: 1, messages: 0 });
    expect(desk.slack.messagesIn(DESK_CHANNEL).filter((message) => message.threadTs)).toEqual([]);
    expect(desk.cards()).toHaveLength(1);
    expect(thread(desk, card)).toEqual([]);
    expect(await desk.bot.desk.db.select().from(conversationMessages)).toEqual([]);
  });
});

async function welcomeOf(test: TestDesk, xUserId: string): Promise<number> {
  const [row] = await test.bot.desk.db.select().from(followers).where(eq(followers.xUserId, xUserId));
  const [message] = await test.bot.desk.db.select().from(conversationMessages).where(eq(conversationMessages.followerId, row!.id));
  return message!.welcomeId!;
}

/** Every text of this type (mrkdwn or plain_text) in a block, however deep. */
function collect(node: unknown, type: 'mrkdwn' | 'plain_text'): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => collect(item, type));
  if (node === null || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  const own = object.type === type && typeof object.text === 'string' ? [object.text] : [];
  return [...own, ...Object.values(object).flatMap((value) => collect(value, type))];
}

/** The account's settings saved from App Home, with DM text shown in the channel or not. */
function saveShowDmText(test: TestDesk, choice: 'shown' | 'hidden') {
  const select = { type: 'static_select', selected_option: { value: choice } };
  return saveSettingsFromHome(test, DEFAULTS.userId, {
    dmPolicy: 'approved',
    ownDomains: 'maison-lumen.fr',
    topics: 'céramique, design, artisanat',
    extra: { [SETTINGS_INPUTS.showDmText.blockId]: { [SETTINGS_INPUTS.showDmText.actionId]: select } },
  });
}
