// `npm run demo`: the real bot, on an embedded database of the demo's own (./data/demo), against the
// same local stand-ins of X and Slack the tests use. First eight weeks of simulated history are played
// into that database (src/demo/history.ts); then three followers arrive live: a teammate welcomes one
// by DM (she wrote first), one with a public mention, and skips the third. Léa then answers the
// welcome: her DM comes back to her card's thread, and the teammate answers it from there. Before the
// followers arrive, the teammate writes and promotes an English public template in App Home, which
// Sam's draft uses. Every card and every outcome is printed; the database stays, for
// `accueil digest --preview` and the rest.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DEMO_DIR, DEMO_MARKER, prepareDemoDirectory } from './demo/directory';
import { createDemoClock, playHistoryInto, type HistorySummary } from './demo/history';
import { startFakeSlack, type FakeMessage } from './sandbox/slack';
import { startFakeX } from './sandbox/x';
import { envForFakes } from './sandbox/env';
import { blockActionsPayload, postInteraction, viewActionPayload, viewSubmissionPayload } from './sandbox/slack-request';
import { renderBlocksAsText } from './bot/blocks/render-text';
import { ACTIONS, ANSWER_MODAL, CONVERSATION_ACTIONS, HOME_TEMPLATE_IDS, TEMPLATE_EDITOR } from './bot/ids';
import { menuValue } from './bot/blocks/home-templates';
import { databaseUrlIsSet, loadConfig } from './config';
import { stopServerIn } from './db/embedded-server';
import { latestTemplates } from './db/templates';
import { listWelcomeEvents, listWelcomes } from './db/welcomes';
import { QUEUES } from './desk/desk';
import { createLogger } from './logger';
import { startBot, type RunningBot } from './main';

const SIGNING_SECRET = 'demo-signing-secret';
const CHANNEL = 'C0DESK001';
const TEAMMATE = { id: 'U0MARIE01', name: 'Marie' };
/** The template Marie writes before the live part: the only live one for English public welcomes. */
const MARIE_TEMPLATE = {
  key: 'en-mention-maker',
  lang: 'en',
  channel: 'mention',
  body: 'Hello {name}, and welcome to the workshop! [[Your bio says {topic}: we make things with that in mind.]] [[Say hi any time.]]',
} as const;

export const DEMO_USAGE = `Usage: accueil demo [--dir DIR]

  Plays eight weeks of simulated history, then a short live scenario, against local stand-ins of X
  and Slack, on an embedded database of the demo's own in DIR (default ${DEFAULT_DEMO_DIR}). Each run
  empties DIR first; a directory that is not the demo's, or a set DATABASE_URL, is refused.
`;

export async function runDemo({ out, err = out, argv = [], databaseUrlSet = databaseUrlIsSet() }: DemoIo): Promise<number> {
  const say = (text = '') => out.write(`${text}\n`);
  let dataDir: string;
  try {
    const { values } = parseArgs({ args: argv, options: { dir: { type: 'string', default: DEFAULT_DEMO_DIR }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      out.write(DEMO_USAGE);
      return 0;
    }
    dataDir = values.dir;
  } catch (error) {
    err.write(`${error instanceof Error ? error.message : String(error)}\n\n${DEMO_USAGE}`);
    return 2;
  }
  // A demo killed (kill -9) leaves its database server running in the directory about to be emptied.
  if (!databaseUrlSet && existsSync(join(dataDir, DEMO_MARKER))) await stopServerIn(dataDir);
  const prepared = prepareDemoDirectory(dataDir, { databaseUrlSet });
  if (!prepared.ok) {
    err.write(`accueil demo: ${prepared.problem}\n`);
    return 2;
  }
  const clock = createDemoClock();
  const x = await startFakeX({ now: clock.epochMs });
  const slack = await startFakeSlack();
  let bot: RunningBot | undefined;
  try {
    say('accueil demo — the real bot against local stand-ins of X and Slack.');
    say(`Its database is its own: embedded, in ${dataDir}${prepared.reset ? ' (emptied and played again)' : ''} — never a real bot's.\n`);
    const history = await playHistoryInto(dataDir, { x, clock, end: new Date(Date.now() - 30 * 60_000) });
    clock.release();
    printHistory(say, history);
    const before = { dms: x.sentDms.length, posts: x.posts.length, usersReturned: x.usersReturned };
    say(`X account @${x.account.handle} has ${x.followerCount()} followers as the live desk starts.\n`);

    const config = loadConfig(envForFakes({ x, slack }, { signingSecret: SIGNING_SECRET, channelId: CHANNEL }, { DATA_DIR: dataDir }));
    bot = await startBot(config, { logger: createLogger('silent') });
    await waitFor(async () => (await completedPolls(bot!)) >= 1);
    say(`① First poll: nothing new since the history — ${cards(slack.messagesIn(CHANNEL)).length} cards.\n`);

    // A teammate writes a template of her own in App Home's editor, and promotes it from its menu there:
    // English public welcomes now start from it. Each step is a signed request, as Slack sends it.
    const written = await writeTemplateInHome(bot, slack);
    const live = (await latestTemplates(bot.desk.db, bot.accountId)).filter((row) => row.lang === MARIE_TEMPLATE.lang && row.channel === MARIE_TEMPLATE.channel);
    say(`   In App Home, ${TEAMMATE.name} writes a template for English public welcomes, \`${written.key}\` v${written.version}, and promotes it:`);
    say(`   “${MARIE_TEMPLATE.body}”`);
    say(`   Live for English public welcomes now: ${live.filter((row) => row.state === 'live').map((row) => row.key).join(', ')} (paused: ${live.filter((row) => row.state === 'paused').map((row) => row.key).join(', ')}).\n`);

    const lea = x.addFollower({ name: 'Léa Martin 🌿', handle: 'lea_ceramique', bio: 'Céramiste à Lyon. Tournage, émaux, et beaucoup de thé.', location: 'Lyon', followersCount: 860, followingCount: 410 });
    x.writeDm(lea.xUserId, 'Bonjour ! J’adore vos vases, vous exposez bientôt à Lyon ?');
    x.addFollower({ name: 'Sam Carter', handle: 'samdesigns', bio: 'Product designer. I love handmade things and good design.', location: 'Bristol', followersCount: 14200, followingCount: 900 });
    x.addFollower({ name: 'Deals4U', handle: 'deals83749201', bio: '', defaultAvatar: true, followersCount: 3, followingCount: 4800, createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    say('② Three people follow: Léa (who already wrote a DM), Sam, and an account that looks automated.');

    await bot.jobs.pollNow();
    const posted = await waitFor(() => (cards(slack.messagesIn(CHANNEL)).length >= 3 ? cards(slack.messagesIn(CHANNEL)) : null));
    say(`   The poll read ${x.usersReturned - before.usersReturned} follower records in all and posted ${posted.length} cards to #desk:\n`);
    for (const card of posted) printCard(say, card);

    const [leaCard, samCard, botCard] = posted as [FakeMessage, FakeMessage, FakeMessage];
    const samSource = /Draft from template `([^`]+)` \(version (\d+)\)/.exec(renderBlocksAsText(samCard.blocks as never));
    const samFromMarie = samSource?.[1] === written.key && Number(samSource[2]) === written.version && written.createdBy === TEAMMATE.id;
    say(samFromMarie ? `   Sam's card was drafted from template ${samSource[1]} v${samSource[2]}, written by ${TEAMMATE.name}.\n` : `   Sam's card was not drafted from ${MARIE_TEMPLATE.key}: ${samSource?.[0] ?? 'no template'}.\n`);
    say(`③ ${TEAMMATE.name} clicks “Send DM” on Léa's card, “Post public welcome” on Sam's, and “Skip” on the third.\n`);
    const clicks: Array<[FakeMessage, string]> = [
      [leaCard, ACTIONS.sendDm],
      [samCard, ACTIONS.postMention],
      [botCard, ACTIONS.skip],
    ];
    const ids = clicks.map(([card]) => welcomeIdOf(card));
    for (const [card, actionId] of clicks) await click(bot, slack, card, actionId);
    await waitFor(async () => {
      const rows = (await Promise.all(ids.map((id) => listWelcomes(bot!.desk.db, id)))).flat();
      return rows.every((row) => ['sent', 'skipped', 'failed'].includes(row.status)) ? rows : null;
    });
    // Cards are updated right after each outcome; give the last update a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 300));

    say('④ The cards, updated in place:\n');
    for (const card of cards(slack.messagesIn(CHANNEL))) printCard(say, card);

    say('⑤ What X received:');
    for (const dm of x.sentDms.slice(before.dms)) say(`   DM to ${x.user(dm.recipientId)?.handle ?? dm.recipientId}: “${dm.text}”`);
    for (const post of x.posts.slice(before.posts)) say(`   Post ${post.id}: “${post.text}”`);
    say();
    say('⑥ What Postgres (embedded) recorded:');
    for (const id of ids) {
      const [row] = await listWelcomes(bot.desk.db, id);
      const events = await listWelcomeEvents(bot.desk.db, id);
      const trail = events.filter((event) => event.toStatus).map((event) => `${event.toStatus} (${event.actor})`).join(' → ');
      say(`   welcome ${id}: ${row!.status}${row!.channel ? ` by ${row!.channel}` : ''} — ${trail}`);
    }

    // ⑦ Léa answers the welcome by DM; X's Activity webhook brings it to the bot at once.
    const leaDm = x.writeDm(lea.xUserId, 'Merci Marie ! Vous faites aussi des ateliers pour débutants ?');
    const leaCardNow = () => slack.message(leaCard.channel, leaCard.ts) ?? leaCard;
    const threadOf = () => slack.messagesIn(CHANNEL).filter((message) => message.threadTs === leaCard.ts);
    const delivered = await x.deliverWebhook(`http://127.0.0.1:${bot.port}/x/webhook`, x.activity.directMessage(leaDm, 'x-activity'));
    if (delivered.status !== 200) throw new Error(`the X webhook answered ${delivered.status}`);
    const theirs = await waitFor(() => threadOf().find((message) => JSON.stringify(message.blocks).includes('ateliers pour débutants')) ?? null);
    say();
    say('⑦ Léa answers the welcome by DM. X\'s Activity webhook brings it to the bot, which posts it in the thread of her card:\n');
    printCard(say, theirs);

    // ⑧ Marie clicks Reply… on it, types an answer in the modal, and submits it: one DM leaves.
    const messageValue = buttonValue(theirs, CONVERSATION_ACTIONS.reply);
    const triggerId = slack.triggerId();
    await interact(bot, blockActionsPayload({ actionId: CONVERSATION_ACTIONS.reply, value: messageValue, userId: TEAMMATE.id, channelId: CHANNEL, messageTs: leaCard.ts, blockId: 'conversation_message', triggerId, responseUrl: slack.responseUrl({ channel: CHANNEL, messageTs: leaCard.ts, userId: TEAMMATE.id }) }));
    const modal = await waitFor(() => slack.openedViews.find((view) => view.triggerId === triggerId) ?? null);
    const answer = 'Oui, chaque samedi matin à l’atelier, pour débutants comme pour confirmés. Au plaisir de vous y voir !';
    const dmsBeforeAnswer = x.sentDms.length;
    await interact(
      bot,
      viewSubmissionPayload({
        callbackId: ANSWER_MODAL.callbackId,
        privateMetadata: String(modal.view.private_metadata),
        userId: TEAMMATE.id,
        values: { [ANSWER_MODAL.textBlockId]: { [ANSWER_MODAL.textActionId]: answer } },
      }),
    );
    const answerDm = await waitFor(() => x.sentDms.slice(dmsBeforeAnswer).find((dm) => dm.recipientId === lea.xUserId) ?? null);
    // The thread and the card are updated right after the send; wait for the answer's final message.
    await waitFor(() => threadOf().some((message) => JSON.stringify(message.blocks).includes('x.com/messages/')));
    await waitFor(() => /answered by/i.test(renderBlocksAsText(leaCardNow().blocks as never)));
    say(`⑧ ${TEAMMATE.name} clicks “Reply…” on it: a modal quotes Léa's message; she types her answer and submits it. X sent the DM:`);
    say(`   DM to ${x.user(answerDm.recipientId)?.handle ?? answerDm.recipientId}: “${answerDm.text}”\n`);
    say('   The thread of Léa\'s card, as it ends:\n');
    for (const message of threadOf()) printCard(say, message);
    const conversationLine = renderBlocksAsText(leaCardNow().blocks as never)
      .split('\n')
      .find((line) => /answered by|💬/i.test(line));
    say(`   Léa's card now says: ${conversationLine?.trim() ?? '(no conversation line)'}`);

    const problems = [...slack.unknownCalls(), ...x.unhandled];
    const dms = x.sentDms.length - before.dms;
    const posts = x.posts.length - before.posts;
    say();
    say(
      problems.length === 0 && dms === 2 && posts === 1 && samFromMarie
        ? 'Demo complete: one welcome DM, one public welcome, one skip, one answer to Léa from the thread, nothing else sent.'
        : `Unexpected: ${dms} DMs, ${posts} posts, calls ${JSON.stringify(problems)}`,
    );
    printLookAround(say, dataDir);
    return dms === 2 && posts === 1 && samFromMarie && problems.length === 0 ? 0 : 1;
  } finally {
    await bot?.stop();
    await Promise.all([x.close(), slack.close()]);
  }
}

export interface DemoIo {
  out: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
  argv?: string[];
  /** Whether DATABASE_URL is set (the demo then refuses to run); read from the environment when absent. */
  databaseUrlSet?: boolean;
}

function printHistory(say: (text?: string) => void, history: HistorySummary): void {
  const { figures: f } = history;
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const replies = f.replies.welcomed;
  const spend = f.spend.reduce((sum, line) => sum + line.usd, 0);
  say(`⓪ Eight weeks of history, ${day(history.from)} → ${day(history.to)}, played by the bot's own code against the fake X in ${(history.tookMs / 1000).toFixed(1)} s:`);
  say(`   ${f.newFollowers} followers arrived; ${f.welcomed.dm} welcomed by DM and ${f.welcomed.mention} in public (${history.edits} drafts edited first), ${f.skipped} skipped, ${f.expired} left to expire;`);
  say(`   ${replies.k} of ${replies.n} welcomed followers replied; ${f.unfollows7.welcomed.k} of ${f.unfollows7.welcomed.n} welcomed and ${f.unfollows7.notWelcomed.k} of ${f.unfollows7.notWelcomed.n} in the control group had unfollowed a week later;`);
  const edited = history.templateVersions > 0 ? ` (one rewritten half-way by a teammate: its version 2 starts from zero)` : '';
  say(`   ${f.templates.length} templates in the experiment${edited}; X spend $${spend.toFixed(2)}.\n`);
}

function printLookAround(say: (text?: string) => void, dataDir: string): void {
  const env = `DATA_DIR=${dataDir}`;
  say();
  say(`The demo's database stays in ${dataDir}, history and all. To look around:`);
  say(`   ${env} npx accueil digest --preview --out ${dataDir}/digest.png   this week's digest, per-template statistics, and the 8-week chart`);
  say(`   ${env} npx accueil digest --preview --lang fr                      the same, in French`);
  say('The next `npm run demo` empties it and plays the history again.');
}

const cards = (messages: FakeMessage[]) => messages.filter((message) => !message.threadTs);

function printCard(say: (text?: string) => void, card: FakeMessage): void {
  const body = renderBlocksAsText(card.blocks as never)
    .split('\n')
    .map((line) => `   │ ${line}`)
    .join('\n');
  say(`   ┌${'─'.repeat(60)}\n${body}\n   └${'─'.repeat(60)}\n`);
}

function welcomeIdOf(card: FakeMessage): number {
  const match = /"value":"(\d+)"/.exec(JSON.stringify(card.blocks));
  if (!match) throw new Error('card without buttons');
  return Number(match[1]);
}

/** A click as Slack delivers it: a signed, form-encoded block_actions payload to /slack/events. */
async function click(bot: RunningBot, slack: Awaited<ReturnType<typeof startFakeSlack>>, card: FakeMessage, actionId: string): Promise<void> {
  const response = await postInteraction(
    `http://127.0.0.1:${bot.port}/slack/events`,
    SIGNING_SECRET,
    blockActionsPayload({
      actionId,
      value: String(welcomeIdOf(card)),
      userId: TEAMMATE.id,
      channelId: card.channel,
      messageTs: card.ts,
      responseUrl: slack.responseUrl({ channel: card.channel, messageTs: card.ts, userId: TEAMMATE.id }),
      message: { text: card.text, blocks: card.blocks },
    }),
  );
  if (response.status !== 200) throw new Error(`Slack interaction answered ${response.status}`);
}

/** The value of the button with this action id in a message. */
function buttonValue(message: FakeMessage, actionId: string): string {
  const blocks = message.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
  const value = blocks.flatMap((block) => block.elements ?? []).find((element) => element.action_id === actionId)?.value;
  if (value === undefined) throw new Error(`a message without ${actionId}`);
  return value;
}

/** "New template…" on the Home tab, the editor filled in and submitted, then "Promote" in the new template's menu. */
async function writeTemplateInHome(bot: RunningBot, slack: Awaited<ReturnType<typeof startFakeSlack>>): Promise<{ key: string; version: number; createdBy: string }> {
  const triggerId = slack.triggerId();
  await interact(bot, viewActionPayload({ actionId: HOME_TEMPLATE_IDS.create, blockId: 'home_templates', element: { type: 'button', value: String(bot.accountId) }, view: { type: 'home' }, userId: TEAMMATE.id, triggerId }));
  const editor = await waitFor(() => slack.openedViews.find((view) => view.triggerId === triggerId) ?? null);
  const ids = TEMPLATE_EDITOR.inputs;
  const option = (value: string) => ({ type: 'static_select', selected_option: { value } });
  const submitted = await postInteraction(
    `http://127.0.0.1:${bot.port}/slack/events`,
    SIGNING_SECRET,
    viewSubmissionPayload({
      callbackId: TEMPLATE_EDITOR.callbackId,
      privateMetadata: String(editor.view.private_metadata),
      userId: TEAMMATE.id,
      viewId: editor.id,
      values: {
        [ids.key.blockId]: { [ids.key.actionId]: MARIE_TEMPLATE.key },
        [ids.lang.blockId]: { [ids.lang.actionId]: option(MARIE_TEMPLATE.lang) },
        [ids.channel.blockId]: { [ids.channel.actionId]: option(MARIE_TEMPLATE.channel) },
        [ids.body.blockId]: { [ids.body.actionId]: MARIE_TEMPLATE.body },
      },
    }),
  );
  if (submitted.status !== 200 || submitted.json !== undefined) throw new Error(`the template editor refused the demo's template: ${JSON.stringify(submitted.json)}`);
  const row = await waitFor(async () => (await latestTemplates(bot.desk.db, bot.accountId)).find((template) => template.key === MARIE_TEMPLATE.key) ?? null);
  await interact(bot, viewActionPayload({ actionId: HOME_TEMPLATE_IDS.menu, blockId: 'home_template_row', element: { type: 'overflow', selectedValue: menuValue('promote', row.id) }, view: { type: 'home' }, userId: TEAMMATE.id, triggerId: slack.triggerId() }));
  await waitFor(async () => {
    const rows = (await latestTemplates(bot.desk.db, bot.accountId)).filter((template) => template.lang === MARIE_TEMPLATE.lang && template.channel === MARIE_TEMPLATE.channel);
    return rows.every((template) => template.state === (template.key === MARIE_TEMPLATE.key ? 'live' : 'paused') || template.state === 'retired' || template.state === 'superseded');
  });
  return { key: row.key, version: row.version, createdBy: row.createdBy };
}

/** A signed interaction (a click or a modal submitted) as Slack delivers it to /slack/events. */
async function interact(bot: RunningBot, payload: Parameters<typeof postInteraction>[2]): Promise<void> {
  const response = await postInteraction(`http://127.0.0.1:${bot.port}/slack/events`, SIGNING_SECRET, payload);
  if (response.status !== 200) throw new Error(`Slack interaction answered ${response.status}`);
}

/** Jobs in a state before `cancelled` but not before `completed`: the completed ones (pg-boss orders its states). */
async function completedPolls(bot: RunningBot): Promise<number> {
  const { boss } = bot.desk;
  const [upToCompleted, beforeCompleted] = await Promise.all([boss.getQueueSize(QUEUES.poll, { before: 'cancelled' }), boss.getQueueSize(QUEUES.poll, { before: 'completed' })]);
  return upToCompleted - beforeCompleted;
}

async function waitFor<T>(check: () => Promise<T | null | false> | T | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('the demo timed out waiting for the bot');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
