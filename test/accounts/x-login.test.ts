import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runXLoginCommand } from '../../src/cli/x-login';
import type { Database } from '../../src/db/client';
import { xOauthTokens } from '../../src/db/schema';
import { openSecret } from '../../src/secrets';
import { getAuthenticatedUser } from '../../src/x/api';
import { createXClientWithBearer, X_OAUTH2_SCOPES } from '../../src/x/oauth2';
import { startFakeX } from '../../src/sandbox/x';
import { FAKE_OAUTH2_CLIENT, FAKE_OAUTH2_PUBLIC_CLIENT } from '../../src/sandbox/x/oauth2';
import { createTestDatabase } from '../helpers/db';

type FakeX = Awaited<ReturnType<typeof startFakeX>>;
const KEY = randomBytes(32);

let x: FakeX;
let database: Database;
beforeAll(async () => {
  x = await startFakeX();
  database = await createTestDatabase();
});
afterAll(async () => {
  await x?.close();
  await database?.close();
});

/** Runs `accueil x-login`, giving the printed link to `browse` (the person in their browser) as soon as it appears. */
async function xLogin(browse: (link: string) => Promise<void>, client: { clientId: string; clientSecret?: string } = FAKE_OAUTH2_CLIENT) {
  let out = '';
  let err = '';
  let browsing: Promise<void> | null = null;
  const code = await runXLoginCommand(
    ['--port', '0'],
    {
      stdout: {
        write: (text: string) => {
          out += text;
          const link = /https:\/\/x\.com\/i\/oauth2\/authorize\?\S+/.exec(out)?.[0];
          if (link && !browsing) browsing = browse(link);
        },
      },
      stderr: { write: (text: string) => (err += text) },
    },
    {
      config: { x: x.clientCredentials, secretKey: KEY, xOAuth2: client },
      // The command closes what it opens; the test's database stays open.
      openDatabase: async () => ({ ...database, close: async () => {} }),
      timeoutMs: 5_000,
    },
  );
  await browsing;
  return { code, out, err };
}

/** The person approves on X; the browser follows X's redirect to the loopback callback. */
const approve = (link: string) => fetch(x.oauth2.authorize(link)).then(async (res) => void (await res.text()));

describe('accueil x-login', () => {
  it('prints an X authorisation link asking for the desk’s scopes with an S256 challenge and a state', async () => {
    let link = '';
    const result = await xLogin(async (printed) => {
      link = printed;
      await approve(printed);
    });
    expect(result.code).toBe(0);
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe('https://x.com/i/oauth2/authorize');
    const q = url.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(FAKE_OAUTH2_CLIENT.clientId);
    expect(q.get('scope')!.split(' ').sort()).toEqual([...X_OAUTH2_SCOPES].sort());
    expect(q.get('scope')).toContain('offline.access');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(result.out).toContain(`Connected @${x.account.handle} (with a refresh token)`);
    expect(result.out).toContain(`accueil accounts add --oauth2 --handle ${x.account.handle}`);
  });

  it('stores both tokens encrypted: the raw columns never hold them, and they open only with the key', async () => {
    const result = await xLogin(approve);
    expect(result.code).toBe(0);
    const [row] = await database.db.select().from(xOauthTokens);
    expect(row!.xUserId).toBe(x.account.id);
    expect(row!.scope).toContain('offline.access');
    const access = openSecret(KEY, row!.accessToken, `x-oauth2:${x.account.id}:access`);
    const refresh = openSecret(KEY, row!.refreshToken!, `x-oauth2:${x.account.id}:refresh`);
    expect(row!.accessToken).not.toContain(access);
    expect(row!.refreshToken).not.toContain(refresh);
    expect(JSON.stringify(row)).not.toContain(access);
    expect(() => openSecret(randomBytes(32), row!.accessToken, `x-oauth2:${x.account.id}:access`)).toThrow(/does not open/);
    // What was stored is what X issued: X accepts it as the account, and the refresh token is live.
    expect(await getAuthenticatedUser(createXClientWithBearer(access, x.url))).toEqual({ id: x.account.id, handle: x.account.handle, name: x.account.name });
    expect(x.oauth2.isLiveRefreshToken(refresh)).toBe(true);
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(7000 * 1000);
  });

  it('refuses a callback whose state is not the login’s, stores nothing from it, and still completes with the right one', async () => {
    await database.db.delete(xOauthTokens);
    const forged: { status: number; body: string }[] = [];
    const result = await xLogin(async (link) => {
      const redirect = new URL(x.oauth2.authorize(link));
      const wrong = new URL(redirect);
      wrong.searchParams.set('state', 'not-the-state-of-this-login');
      const res = await fetch(wrong);
      forged.push({ status: res.status, body: await res.text() });
      expect(await database.db.select().from(xOauthTokens)).toEqual([]);
      await fetch(redirect).then((r) => r.text());
    });
    expect(forged[0]!.status).toBe(400);
    expect(forged[0]!.body).toMatch(/state mismatch/);
    expect(result.code).toBe(0);
    expect(await database.db.select().from(xOauthTokens)).toHaveLength(1);
  });

  it('works for a public client too (no secret: the client id goes in the body)', async () => {
    const result = await xLogin(approve, FAKE_OAUTH2_PUBLIC_CLIENT);
    expect(result.code).toBe(0);
  });

  it('exits 1 and stores nothing when the person declines on X', async () => {
    await database.db.delete(xOauthTokens);
    const result = await xLogin(async (link) => void (await fetch(x.oauth2.authorize(link, { deny: true })).then((r) => r.text())));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/refused on X \(access_denied\)/);
    expect(await database.db.select().from(xOauthTokens)).toEqual([]);
  });

  it('exits 2 with what to set when X_CLIENT_ID or ACCUEIL_SECRET_KEY is missing', async () => {
    let err = '';
    const io = { stdout: { write: () => {} }, stderr: { write: (t: string) => (err += t) } };
    const openDatabase = () => Promise.reject(new Error('must not open the database'));
    expect(await runXLoginCommand([], io, { config: { x: x.clientCredentials, secretKey: KEY }, openDatabase })).toBe(2);
    expect(err).toContain('X_CLIENT_ID');
    expect(await runXLoginCommand([], io, { config: { x: x.clientCredentials, secretKey: undefined, xOAuth2: FAKE_OAUTH2_CLIENT }, openDatabase })).toBe(2);
    expect(err).toContain('ACCUEIL_SECRET_KEY');
    expect(await runXLoginCommand(['--port', 'abc'], io, { config: { x: x.clientCredentials, secretKey: KEY, xOAuth2: FAKE_OAUTH2_CLIENT }, openDatabase })).toBe(2);
  });
});
