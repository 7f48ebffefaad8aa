import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../src/bot/ids';
import { ConfigError, loadConfig } from '../src/config';
import { envForFakes } from '../src/sandbox/env';
import { xAccounts } from '../src/db/schema';
import { createLogger } from '../src/logger';
import { startBot, type RunningBot } from '../src/main';
import { openSecret, sealSecret, SecretError } from '../src/secrets';
import { XApiError } from '../src/x/api';
import { startFakeSlack, type FakeSlack } from '../src/sandbox/slack';
import { startFakeX, type FakeX } from '../src/sandbox/x';
import { createTestDatabaseLocation, type TestDatabaseLocation } from './helpers/db';
import { DESK_CHANNEL, SIGNING_SECRET, welcomeIdOf } from './helpers/desk';
import { blockActionsPayload, postInteraction } from '../src/sandbox/slack-request';
import { waitForWelcome } from './helpers/wait';

const KEY = randomBytes(32);

describe('secrets at rest (AES-256-GCM)', () => {
  it('opens what it sealed, and refuses a wrong key, another row’s context, or an altered value', () => {
    const sealed = sealSecret(KEY, 'token-123', '1500000000000000001');
    expect(sealed).not.toContain('token-123');
    expect(sealSecret(KEY, 'token-123', '1500000000000000001')).not.toBe(sealed);
    expect(openSecret(KEY, sealed, '1500000000000000001')).toBe('token-123');
    expect(() => openSecret(randomBytes(32), sealed, '1500000000000000001')).toThrow(SecretError);
    expect(() => openSecret(KEY, sealed, '1500000000000000002')).toThrow(SecretError);
    const [version, iv, tag, body] = sealed.split(':');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => openSecret(KEY, [version, iv, tag, flipped.toString('base64url')].join(':'), '1500000000000000001')).toThrow(SecretError);
    expect(() => openSecret(KEY, 'plain text', '')).toThrow(SecretError);
  });

  it('takes ACCUEIL_SECRET_KEY as 32 bytes in hex or base64, and names it when it is anything else', () => {
    const base = {
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_CHANNEL_ID: 'C0DESK001',
      X_API_KEY: 'k',
      X_API_SECRET: 's',
      X_ACCESS_TOKEN: 't',
      X_ACCESS_SECRET: 's',
    };
    expect(loadConfig({ ...base, ACCUEIL_SECRET_KEY: KEY.toString('hex') }).secretKey).toEqual(KEY);
    expect(loadConfig({ ...base, ACCUEIL_SECRET_KEY: KEY.toString('base64') }).secretKey).toEqual(KEY);
    expect(loadConfig(base).secretKey).toBeUndefined();
    for (const bad of ['short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64')]) {
      try {
        loadConfig({ ...base, ACCUEIL_SECRET_KEY: bad });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['ACCUEIL_SECRET_KEY']);
        expect((error as ConfigError).message).not.toContain(bad);
      }
    }
  });
});

describe('logs never carry a credential', () => {
  it('redacts tokens, secrets, authorization headers and signatures wherever they sit in a log line', () => {
    const lines: string[] = [];
    const logger = createLogger('trace', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const secrets = ['xoxb-secret-bot', 'xapp-secret-app', 'signing-secret-zz', 'oauth-token-zz', 'oauth-secret-zz', 'v0=abcdef0123'];
    logger.info({ token: secrets[0], slack: { botToken: secrets[0], appToken: secrets[1], signingSecret: secrets[2] } }, 'config');
    logger.info({ x: { accessToken: secrets[3], accessSecret: secrets[4], apiSecret: secrets[4] } }, 'x');
    logger.warn({ req: { headers: { authorization: `OAuth oauth_token="${secrets[3]}"`, 'x-slack-signature': secrets[5] } } }, 'request');
    logger.error({ err: new XApiError({ kind: 'unauthorized', operation: 'send-dm', status: 401 }) }, 'x failed');
    const output = lines.join('');
    expect(lines).toHaveLength(4);
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).toContain('[redacted]');
  });
});

describe('the bot with ACCUEIL_SECRET_KEY', () => {
  let x: FakeX;
  let slack: FakeSlack;
  let location: TestDatabaseLocation;
  let bot: RunningBot;
  const lines: string[] = [];

  beforeAll(async () => {
    x = await startFakeX();
    slack = await startFakeSlack({ strictTriggers: false });
    location = await createTestDatabaseLocation();
    const config = loadConfig(
      envForFakes({ x, slack }, { signingSecret: SIGNING_SECRET, channelId: DESK_CHANNEL }, {
        DATABASE_URL: location.databaseUrl,
        X_DM_POLICY: 'approved',
        ACCUEIL_SECRET_KEY: KEY.toString('base64'),
      }),
    );
    const logger = createLogger('debug', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    bot = await startBot(config, { logger });
    // The first poll takes the baseline: followers after it get cards.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rows } = await bot.database.executeSql("select count(*)::int as n from pgboss.job where name = 'followers-poll' and state = 'completed'");
      if (Number(rows[0]?.n) >= 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await bot?.stop();
    await Promise.all([x?.close(), slack?.close()]);
    await location?.drop();
  });

  it('stores the account’s X credentials encrypted, sends with them, and logs none of its secrets', async () => {
    const [row] = await bot.database.db.select().from(xAccounts).where(eq(xAccounts.id, bot.accountId));
    const stored = row!.xCredentials!;
    expect(stored).toMatch(/^v1:/);
    for (const secret of [x.credentials.accessToken, x.credentials.accessSecret, x.credentials.apiSecret]) expect(stored).not.toContain(secret);
    expect(JSON.parse(openSecret(KEY, stored, row!.xUserId))).toEqual({
      apiKey: x.credentials.apiKey,
      apiSecret: x.credentials.apiSecret,
      accessToken: x.credentials.accessToken,
      accessSecret: x.credentials.accessSecret,
    });

    x.addFollower({ name: 'Inès', bio: 'Design.' });
    await bot.jobs.pollNow();
    const card = await slack.waitFor(() => slack.messagesIn(DESK_CHANNEL)[0], 20_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${lines.join("").slice(-4000)}`);
    });
    const welcomeId = welcomeIdOf(card);
    // The send uses what the database holds: credentials sealed with a wrong secret make X refuse it.
    const wrong = sealSecret(KEY, JSON.stringify({ ...x.credentials, accessSecret: 'not-the-secret' }), row!.xUserId);
    await bot.database.db.update(xAccounts).set({ xCredentials: wrong }).where(eq(xAccounts.id, bot.accountId));
    const click = (actionId: string) =>
      postInteraction(`http://127.0.0.1:${bot.port}/slack/events`, SIGNING_SECRET, blockActionsPayload({ actionId, value: String(welcomeId), channelId: card.channel, messageTs: card.ts, responseUrl: slack.responseUrl({ channel: card.channel, messageTs: card.ts }) }));
    await click(ACTIONS.sendDm);
    const failed = await waitForWelcome(bot.database.db, welcomeId, ['failed', 'sent'], 20_000);
    expect(failed.status).toBe('failed');
    expect(failed.errorKind).toBe('unauthorized');

    await bot.database.db.update(xAccounts).set({ xCredentials: stored }).where(eq(xAccounts.id, bot.accountId));
    await click(ACTIONS.retry);
    expect((await waitForWelcome(bot.database.db, welcomeId, ['sent'], 20_000)).xDmEventId).toBeTruthy();
    expect(x.sentDms).toHaveLength(1);

    const output = lines.join('');
    expect(output).toContain('welcome sent');
    for (const secret of [slack.token, SIGNING_SECRET, x.credentials.accessToken, x.credentials.accessSecret, x.credentials.apiSecret, KEY.toString('base64'), KEY.toString('hex')]) {
      expect(output).not.toContain(secret);
    }
  });
});
