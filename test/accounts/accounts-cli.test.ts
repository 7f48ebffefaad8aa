import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccountsCommand } from '../../src/cli/accounts';
import type { Database } from '../../src/db/client';
import { upsertAccount } from '../../src/db/accounts';
import { followers, xAccounts } from '../../src/db/schema';
import { saveXTokens } from '../../src/db/x-tokens';
import { createAccountClients, type AccountsConfig } from '../../src/desk/accounts';
import { getAuthenticatedUser } from '../../src/x/api';
import { buildAuthorizationRequest, exchangeCode } from '../../src/x/oauth2';
import { FAKE_OAUTH2_CLIENT } from '../../src/sandbox/x/oauth2';
import { createTestDatabase } from '../helpers/db';
import { startSecondFakeX, startXRouter, type FakeXWithOAuth2, type XRouter } from '../helpers/x-accounts';

let lumen: FakeXWithOAuth2;
let atelier: FakeXWithOAuth2;
let router: XRouter;
let database: Database;
let config: AccountsConfig;

beforeAll(async () => {
  lumen = await startSecondFakeX({ id: '1500000000000000001', handle: 'maison_lumen', name: 'Maison Lumen' });
  atelier = await startSecondFakeX({ id: '1500000000000000002', handle: 'atelier_gres', name: 'Atelier Grès' });
  router = await startXRouter([lumen, atelier]);
  database = await createTestDatabase();
  config = { x: { ...lumen.credentials, apiUrl: router.url }, secretKey: randomBytes(32), xOAuth2: FAKE_OAUTH2_CLIENT };
  // The environment's account, as the bot records it at start.
  await upsertAccount(database.db, { xUserId: lumen.account.id, handle: lumen.account.handle, name: lumen.account.name }, { kind: 'business', dmPolicy: 'engaged-only', sendMode: 'api', ownDomains: [], topics: [] }, 'C0DESK001');
});
afterAll(async () => {
  await Promise.all([lumen?.close(), atelier?.close(), router?.close()]);
  await database?.close();
});

async function accounts(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runAccountsCommand(
    argv,
    { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } },
    { config, openDatabase: async () => ({ ...database, close: async () => {} }) },
  );
  return { code, out, err };
}

const ATELIER_PAIR = () => ['--access-token', atelier.credentials.accessToken, '--access-secret', atelier.credentials.accessSecret];

describe('accueil accounts', () => {
  it('explains its usage and exits 2 on a mistake, before touching the database', async () => {
    expect((await accounts()).code).toBe(2);
    const unknown = await accounts('rename');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown subcommand "rename"');
    const noChannel = await accounts('add', ...ATELIER_PAIR());
    expect(noChannel).toMatchObject({ code: 2 });
    expect(noChannel.err).toContain('--channel is required');
    expect((await accounts('add', '--channel', '#desk', ...ATELIER_PAIR())).err).toContain('expected a channel id');
    expect((await accounts('add', '--channel', 'C0DESK002')).err).toContain('Give the account’s credentials');
    expect((await accounts('add', '--channel', 'C0DESK002', '--oauth2', ...ATELIER_PAIR())).err).toContain('Give the account’s credentials');
    expect((await accounts('add', '--channel', 'C0DESK002', '--kind', 'brand', ...ATELIER_PAIR())).err).toContain('--kind');
    expect((await accounts('add', '--channel', 'C0DESK002', '--own-domains', 'not a domain', ...ATELIER_PAIR())).err).toContain('--own-domains');
    expect((await accounts('remove')).code).toBe(2);
    expect((await accounts('list', '--bogus')).code).toBe(2);
  });

  it('adds an account with an OAuth 1.0a pair: who it is comes from X, the pair is stored encrypted', async () => {
    const added = await accounts('add', '--channel', 'C0DESK002', ...ATELIER_PAIR(), '--dm-policy', 'approved', '--own-domains', 'atelier-gres.fr, https://shop.atelier-gres.fr/', '--topics', 'grès, céramique');
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toContain('Added @atelier_gres');
    const [row] = await database.db.select().from(xAccounts).where(eq(xAccounts.handle, 'atelier_gres'));
    expect(row).toMatchObject({ xUserId: atelier.account.id, slackChannelId: 'C0DESK002', dmPolicy: 'approved', kind: 'business', xAuth: 'oauth1', ownDomains: ['atelier-gres.fr', 'shop.atelier-gres.fr'], topics: ['grès', 'céramique'] });
    expect(row!.xCredentials).not.toContain(atelier.credentials.accessSecret);
    // The stored pair acts as the account.
    expect((await getAuthenticatedUser(createAccountClients(config, database.db)(row!))).handle).toBe('atelier_gres');
  });

  it('refuses an account already on the desk, and credentials X does not accept (exit 1)', async () => {
    const again = await accounts('add', '--channel', 'C0DESK003', ...ATELIER_PAIR());
    expect(again.code).toBe(1);
    expect(again.err).toContain('@atelier_gres is already on the desk');
    const wrong = await accounts('add', '--channel', 'C0DESK003', '--access-token', 'nobody-token', '--access-secret', 'nobody-secret');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^accueil accounts add: /);
  });

  it('lists the accounts with their settings, as a table or JSON', async () => {
    const table = await accounts('list');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^ID\s+HANDLE\s+CHANNEL/);
    expect(table.out).toMatch(/@maison_lumen\s+C0DESK001\s+business\s+engaged-only\s+api\s+env/);
    expect(table.out).toMatch(/@atelier_gres\s+C0DESK002\s+business\s+approved\s+api\s+oauth1\s+atelier-gres\.fr,shop\.atelier-gres\.fr/);
    const json = JSON.parse((await accounts('list', '--json')).out) as Array<{ handle: string; credentials: string }>;
    expect(json.map((a) => [a.handle, a.credentials])).toEqual([['maison_lumen', 'env'], ['atelier_gres', 'oauth1']]);
  });

  it('removes an account: deleted when it has no history, retired (kept, no credentials, not listed) when it has', async () => {
    const [row] = await database.db.select().from(xAccounts).where(eq(xAccounts.handle, 'atelier_gres'));
    await database.db.insert(followers).values({ accountId: row!.id, xUserId: '42', handle: 'someone', source: 'poll' });
    const retired = await accounts('remove', '@atelier_gres');
    expect(retired.code).toBe(0);
    expect(retired.out).toContain('Retired @atelier_gres');
    const [kept] = await database.db.select().from(xAccounts).where(eq(xAccounts.id, row!.id));
    expect(kept!.removedAt).not.toBeNull();
    expect(kept!.xCredentials).toBeNull();
    expect((await accounts('list')).out).not.toContain('atelier_gres');
    // Added again, it comes back with its history.
    expect((await accounts('add', '--channel', 'C0DESK004', ...ATELIER_PAIR())).code).toBe(0);
    const [back] = await database.db.select().from(xAccounts).where(eq(xAccounts.handle, 'atelier_gres'));
    expect(back).toMatchObject({ id: row!.id, removedAt: null, slackChannelId: 'C0DESK004' });

    const missing = await accounts('remove', 'nobody');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no account "nobody"');
    const env = await accounts('remove', 'maison_lumen');
    expect(env.code).toBe(1);
    expect(env.err).toContain("is the environment's account");
  });

  it('adds an account connected with x-login (OAuth 2.0), and deletes one with no history outright', async () => {
    await database.db.delete(followers);
    expect((await accounts('remove', 'atelier_gres')).out).toContain('Removed @atelier_gres');
    expect(await database.db.select().from(xAccounts).where(eq(xAccounts.handle, 'atelier_gres'))).toEqual([]);

    const notYet = await accounts('add', '--channel', 'C0DESK002', '--oauth2', '--handle', 'atelier_gres');
    expect(notYet.code).toBe(1);
    expect(notYet.err).toContain('run `accueil x-login` first');

    const request = buildAuthorizationRequest(FAKE_OAUTH2_CLIENT, 'http://127.0.0.1:8787/callback');
    const code = new URL(atelier.oauth2.authorize(request.url)).searchParams.get('code')!;
    const tokens = await exchangeCode({ ...FAKE_OAUTH2_CLIENT, apiUrl: atelier.url }, code, request);
    await saveXTokens(database.db, config.secretKey!, { xUserId: atelier.account.id, handle: atelier.account.handle }, tokens);

    const added = await accounts('add', '--channel', 'C0DESK002', '--oauth2', '--handle', '@Atelier_Gres');
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const [row] = await database.db.select().from(xAccounts).where(eq(xAccounts.handle, 'atelier_gres'));
    expect(row).toMatchObject({ xAuth: 'oauth2', xCredentials: null });
    expect((await getAuthenticatedUser(createAccountClients(config, database.db)(row!))).id).toBe(atelier.account.id);
  });
});
