// `npm run demo`: the real bot, on the embedded database, against the same local stand-ins of X and
// Slack the tests use. Three followers arrive; a teammate welcomes one by DM (she wrote first), one
// with a public mention, and skips the third. Every card and every outcome is printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSlack, type FakeMessage } from './sandbox/slack';
import { startFakeX } from './sandbox/x';
import { envForFakes } from './sandbox/env';
import { blockActionsPayload, postInteraction } from './sandbox/slack-request';
import { renderBlocksAsText } from './bot/blocks/render-text';
import { ACTIONS } from './bot/ids';
import { loadConfig } from './config';
import { listWelcomeEvents, listWelcomes } from './db/welcomes';
import { QUEUES } from './desk/desk';
import { createLogger } from './logger';
import { startBot, type RunningBot } from './main';

const SIGNING_SECRET = 'demo-signing-secret';
const CHANNEL = 'C0DESK001';
const TEAMMATE = { id: 'U0MARIE01', name: 'Marie' };

export async function runDemo({ out }: { out: NodeJS.WritableStream }): Promise<number> {
  const say = (text = '') => out.write(`${text}\n`);
  const dataDir = mkdtempSync(join(tmpdir(), 'accueil-demo-'));
  const x = await startFakeX();
  const slack = await startFakeSlack();
  let bot: RunningBot | undefined;
  try {
    for (const name of ['Ancienne abonnée', 'Ancien abonné']) x.addFollower({ name });
    say('accueil demo — the real bot against local stand-ins of X and Slack, on the embedded database.');
    say(`X account @${x.account.handle} has ${x.followerCount()} followers before the desk starts.\n`);

    const config = loadConfig(envForFakes({ x, slack }, { signingSecret: SIGNING_SECRET, channelId: CHANNEL }, { DATA_DIR: dataDir }));
    bot = await startBot(config, { logger: createLogger('silent') });
    await waitFor(async () => (await completedPolls(bot!)) >= 1);
    say(`① First poll: baseline taken — ${x.followerCount()} existing followers recorded silently, ${cards(slack.messagesIn(CHANNEL)).length} cards.\n`);

    const lea = x.addFollower({ name: 'Léa Martin 🌿', handle: 'lea_ceramique', bio: 'Céramiste à Lyon. Tournage, émaux, et beaucoup de thé.', location: 'Lyon', followersCount: 860, followingCount: 410 });
    x.writeDm(lea.xUserId, 'Bonjour ! J’adore vos vases, vous exposez bientôt à Lyon ?');
    x.addFollower({ name: 'Sam Carter', handle: 'samdesigns', bio: 'Product designer. I love handmade things and good design.', location: 'Bristol', followersCount: 14200, followingCount: 900 });
    x.addFollower({ name: 'Deals4U', handle: 'deals83749201', bio: '', defaultAvatar: true, followersCount: 3, followingCount: 4800, createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    say('② Three people follow: Léa (who already wrote a DM), Sam, and an account that looks automated.');

    await bot.jobs.pollNow();
    const posted = await waitFor(() => (cards(slack.messagesIn(CHANNEL)).length >= 3 ? cards(slack.messagesIn(CHANNEL)) : null));
    say(`   The poll read ${x.usersReturned} follower records in all and posted ${posted.length} cards to #desk:\n`);
    for (const card of posted) printCard(say, card);

    const [leaCard, samCard, botCard] = posted as [FakeMessage, FakeMessage, FakeMessage];
    say(`③ ${TEAMMATE.name} clicks “Send DM” on Léa's card, “Post public welcome” on Sam's, and “Skip” on the third.\n`);
    const clicks: Array<[FakeMessage, string]> = [
      [leaCard, ACTIONS.sendDm],
      [samCard, ACTIONS.postMention],
      [botCard, ACTIONS.skip],
    ];
    const ids = clicks.map(([card]) => welcomeIdOf(card));
    for (const [card, actionId] of clicks) await click(bot, slack, card, actionId);
    await waitFor(async () => {
      const rows = await listWelcomes(bot!.desk.db);
      return rows.every((row) => ['sent', 'skipped', 'failed'].includes(row.status)) ? rows : null;
    });
    // Cards are updated right after each outcome; give the last update a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 300));

    say('④ The cards, updated in place:\n');
    for (const card of cards(slack.messagesIn(CHANNEL))) printCard(say, card);

    say('⑤ What X received:');
    for (const dm of x.sentDms) say(`   DM to ${x.user(dm.recipientId)?.handle ?? dm.recipientId}: “${dm.text}”`);
    for (const post of x.posts) say(`   Post ${post.id}: “${post.text}”`);
    say();
    say('⑥ What Postgres (embedded) recorded:');
    for (const id of ids) {
      const [row] = await listWelcomes(bot.desk.db, id);
      const events = await listWelcomeEvents(bot.desk.db, id);
      const trail = events.filter((event) => event.toStatus).map((event) => `${event.toStatus} (${event.actor})`).join(' → ');
      say(`   welcome ${id}: ${row!.status}${row!.channel ? ` by ${row!.channel}` : ''} — ${trail}`);
    }
    const problems = [...slack.unknownCalls(), ...x.unhandled];
    say();
    say(problems.length === 0 ? 'Demo complete: one DM, one public welcome, one skip, nothing else sent.' : `Unexpected calls: ${JSON.stringify(problems)}`);
    return x.sentDms.length === 1 && x.posts.length === 1 && problems.length === 0 ? 0 : 1;
  } finally {
    await bot?.stop();
    await Promise.all([x.close(), slack.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
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
