import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ids';
import { loadConfig, type Config } from '../../src/config';
import { createAccountClients, addAccount } from '../../src/desk/accounts';
import type { Desk } from '../../src/desk/desk';
import type { XAccountRow } from '../../src/db/schema';
import { pollAccount } from '../../src/jobs/poll-followers';
import { createLogger } from '../../src/logger';
import { startBot, type RunningBot } from '../../src/main';
import { startFakeSlack, type FakeMessage, type FakeSlack } from '../../src/sandbox/slack';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db';
import { SIGNING_SECRET } from '../helpers/desk';
import { blockActionsPayload, postInteraction } from '../../src/sandbox/slack-request';
import { waitUntil } from '../helpers/wait';
import { startSecondFakeX, startXRouter, type FakeXWithOAuth2, type XRouter } from '../helpers/x-accounts';
import { listAccounts } from '../../src/db/accounts';

const LUMEN_DESK = 'C0DESK001';
const ATELIER_DESK = 'C0DESK002';

let lumen: FakeXWithOAuth2;
let atelier: FakeXWithOAuth2;
let router: XRouter;
let slack: FakeSlack;
let location: TestDatabaseLocation;
let config: Config;
let bot: RunningBot;
let desk: Desk;
let accounts: { lumen: XAccountRow; atelier: XAccountRow };

beforeAll(async () => {
  lumen = await startSecondFakeX({ id: '1500000000000000001', handle: 'maison_lumen', name: 'Maison Lumen' });
  atelier = await startSecondFakeX({ id: '1500000000000000002', handle: 'atelier_gres', name: 'Atelier Grès' });
  lumen.addFollower({ name: 'Already Here' });
  atelier.addFollower({ name: 'Also Already Here' });
  router = await startXRouter([lumen, atelier]);
  slack = await startFakeSlack({ strictTriggers: false });
  location = await createTestDatabaseLocation();
  config = loadConfig({
    DATABASE_URL: location.databaseUrl,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CHANNEL_ID: LUMEN_DESK,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    // The environment's account: Maison Lumen.
    X_API_KEY: lumen.credentials.apiKey,
    X_API_SECRET: lumen.credentials.apiSecret,
    X_ACCESS_TOKEN: lumen.credentials.accessToken,
    X_ACCESS_SECRET: lumen.credentials.accessSecret,
    X_API_URL: router.url,
    ACCUEIL_SECRET_KEY: randomBytes(32).toString('base64'),
    POLL_INTERVAL_SECONDS: '3600',
    LOG_LEVEL: 'silent',
  });
  bot = await startBot(config, { logger: createLogger('silent') });
  // A second account with its own channel, settings and OAuth 1.0a pair, as `accueil accounts add` does it.
  const added = await addAccount(bot.desk.db, config, {
    slackChannelId: ATELIER_DESK,
    kind: 'business',
    dmPolicy: 'approved',
    sendMode: 'api',
    ownDomains: ['atelier-gres.fr'],
    topics: ['grès'],
    credentials: { kind: 'oauth1', accessToken: atelier.credentials.accessToken, accessSecret: atelier.credentials.accessSecret },
  });
  const [env] = await listAccounts(bot.desk.db);
  accounts = { lumen: env!, atelier: added };
  // The desk as main.ts builds it for several accounts: each account acts on X with its own client.
  desk = { ...bot.desk, xClient: createAccountClients(config, bot.desk.db) };
  // First polls: the baselines, recorded silently.
  for (const account of Object.values(accounts)) await pollAccount(desk, account.id);
});
afterAll(async () => {
  await bot?.stop();
  await Promise.all([lumen?.close(), atelier?.close(), router?.close(), slack?.close()]);
  await location?.drop();
});

const cardsIn = (channel: string) => slack.messagesIn(channel).filter((m) => !m.threadTs);

describe('two X accounts in one installation', () => {
  it('knows who each account is from X itself, asked with its own credentials', () => {
    expect(accounts.lumen).toMatchObject({ handle: 'maison_lumen', xAuth: 'env', slackChannelId: LUMEN_DESK });
    expect(accounts.atelier).toMatchObject({ handle: 'atelier_gres', xUserId: '1500000000000000002', xAuth: 'oauth1', slackChannelId: ATELIER_DESK, dmPolicy: 'approved' });
    expect(accounts.atelier.xCredentials).not.toContain(atelier.credentials.accessToken);
  });

  it('routes each account’s new followers to its own desk channel, and only there', async () => {
    lumen.addFollower({ name: 'Camille', handle: 'camille_pottery' });
    atelier.addFollower({ name: 'Hugo', handle: 'hugo_gres' });
    atelier.addFollower({ name: 'Inès', handle: 'ines_clay' });
    for (const account of Object.values(accounts)) await pollAccount(desk, account.id);
    const lumenCards = await slack.waitFor(() => (cardsIn(LUMEN_DESK).length >= 1 ? cardsIn(LUMEN_DESK) : null));
    const atelierCards = await slack.waitFor(() => (cardsIn(ATELIER_DESK).length >= 2 ? cardsIn(ATELIER_DESK) : null));
    const text = (cards: FakeMessage[]) => JSON.stringify(cards.map((c) => c.blocks));
    expect(lumenCards).toHaveLength(1);
    expect(text(lumenCards)).toContain('camille_pottery');
    expect(text(lumenCards)).not.toMatch(/hugo_gres|ines_clay/);
    expect(atelierCards).toHaveLength(2);
    expect(text(atelierCards)).toMatch(/hugo_gres[\s\S]*ines_clay/);
    expect(text(atelierCards)).not.toContain('camille_pottery');
    // The baselines stayed silent on both accounts.
    expect(text([...lumenCards, ...atelierCards])).not.toContain('Already Here');
    // Each account's followers were read from its own X account.
    expect(lumen.requests.some((r) => r.path === `/2/users/${accounts.atelier.xUserId}/followers`)).toBe(false);
    expect(atelier.requests.some((r) => r.path === `/2/users/${accounts.atelier.xUserId}/followers`)).toBe(true);
  });

  it('sends an approved welcome from the account the follower followed', async () => {
    const card = cardsIn(ATELIER_DESK)[0]!;
    const welcomeId = /"value":"(\d+)"/.exec(JSON.stringify(card.blocks))![1]!;
    const res = await postInteraction(
      `http://127.0.0.1:${bot.port}/slack/events`,
      SIGNING_SECRET,
      blockActionsPayload({ actionId: ACTIONS.postMention, value: welcomeId, channelId: ATELIER_DESK, messageTs: card.ts, responseUrl: slack.responseUrl({ channel: ATELIER_DESK, messageTs: card.ts }), message: { text: card.text, blocks: card.blocks } }),
    );
    expect(res.status).toBe(200);
    await waitUntil(async () => atelier.posts.length === 1, 10_000, 'the mention on X');
    expect(atelier.posts[0]!.text).toContain('@hugo_gres');
    expect(lumen.posts).toHaveLength(0);
  });
});
