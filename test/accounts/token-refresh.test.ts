import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { xOauthTokens } from '../../src/db/schema';
import { getFreshAccessToken, REFRESH_MARGIN_MS, saveXTokens, XTokensError } from '../../src/db/x-tokens';
import { openSecret } from '../../src/secrets';
import { buildAuthorizationRequest, exchangeCode, refreshTokens, type XOAuth2Client, type XTokenSet } from '../../src/x/oauth2';
import { startFakeX } from '../../src/sandbox/x';
import { FAKE_OAUTH2_CLIENT } from '../../src/sandbox/x/oauth2';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db';

type FakeX = Awaited<ReturnType<typeof startFakeX>>;
const KEY = randomBytes(32);

// X's clock and the bots' clock, moved forward by the tests.
let offset = 0;
const clock = () => Date.now() + offset;
const now = () => new Date(clock());

let x: FakeX;
let client: XOAuth2Client;
let location: TestDatabaseLocation;
// Two independent connections to the same database: two bot processes.
let first: Database;
let second: Database;

beforeAll(async () => {
  x = await startFakeX({ now: clock });
  client = { ...FAKE_OAUTH2_CLIENT, apiUrl: x.url };
  location = await createTestDatabaseLocation();
  first = await openDatabase(location);
  await first.migrate();
  second = await openDatabase(location);
});
afterAll(async () => {
  await x?.close();
  await second?.close();
  await first?.close();
  await location?.drop();
});

/** Tokens as X issues them after the account's owner approves the app. */
async function login(): Promise<XTokenSet> {
  const request = buildAuthorizationRequest(client, 'http://127.0.0.1:8787/callback');
  const code = new URL(x.oauth2.authorize(request.url)).searchParams.get('code')!;
  return exchangeCode(client, code, request, now());
}

const stored = async (db: Database) => {
  const [row] = await db.db.select().from(xOauthTokens);
  return {
    access: openSecret(KEY, row!.accessToken, `x-oauth2:${x.account.id}:access`),
    refresh: openSecret(KEY, row!.refreshToken!, `x-oauth2:${x.account.id}:refresh`),
    expiresAt: row!.expiresAt,
  };
};

const identity = () => ({ xUserId: x.account.id, handle: x.account.handle });
/** Moves both clocks to just inside the refresh margin of the stored token. */
const nearExpiry = (expiresAt: Date) => {
  offset = expiresAt.getTime() - Date.now() - REFRESH_MARGIN_MS / 2;
};
const refreshAtX = (token: string) => refreshTokens(client, token, now());

beforeEach(async () => {
  await first.db.delete(xOauthTokens);
  x.oauth2.tokenDelayMs = 0;
  offset = 0;
});

describe('an OAuth 2.0 access token', () => {
  it('is used as it is while it has more than the margin left: X is not asked', async () => {
    const tokens = await login();
    await saveXTokens(first.db, KEY, identity(), tokens);
    const before = x.oauth2.stats.tokenRequests;
    expect(await getFreshAccessToken(first.db, x.account.id, { key: KEY, refresh: refreshAtX, now })).toBe(tokens.accessToken);
    expect(x.oauth2.stats.tokenRequests).toBe(before);
  });

  it('is refreshed before it expires, and the rotated refresh token is what gets stored', async () => {
    const tokens = await login();
    await saveXTokens(first.db, KEY, identity(), tokens);
    nearExpiry(tokens.expiresAt);
    const fresh = await getFreshAccessToken(first.db, x.account.id, { key: KEY, refresh: refreshAtX, now });
    expect(fresh).not.toBe(tokens.accessToken);
    const kept = await stored(first);
    expect(kept.access).toBe(fresh);
    expect(kept.refresh).not.toBe(tokens.refreshToken);
    expect(x.oauth2.isLiveRefreshToken(kept.refresh)).toBe(true);
    expect(x.oauth2.isLiveRefreshToken(tokens.refreshToken!)).toBe(false);
  });

  it('two processes refreshing at once make exactly one refresh call; both get the new token and the old refresh token is never reused', async () => {
    const tokens = await login();
    await saveXTokens(first.db, KEY, identity(), tokens);
    const refreshesBefore = x.oauth2.stats.refreshes;
    nearExpiry(tokens.expiresAt);
    // X takes its time answering, so the second process arrives while the first is refreshing.
    x.oauth2.tokenDelayMs = 300;
    const presented: string[] = [];
    const refresh = (token: string) => {
      presented.push(token);
      return refreshAtX(token);
    };
    const [a, b] = await Promise.all([
      getFreshAccessToken(first.db, x.account.id, { key: KEY, refresh, now }),
      getFreshAccessToken(second.db, x.account.id, { key: KEY, refresh, now }),
    ]);
    expect(x.oauth2.stats.refreshes - refreshesBefore).toBe(1);
    expect(presented).toEqual([tokens.refreshToken]);
    expect(x.oauth2.stats.reusedRefreshTokens).toBe(0);
    expect(a).toBe(b);
    expect(a).not.toBe(tokens.accessToken);
    // Both connections read the same rotated pair, and the next refresh (hours later) still works.
    const seenByFirst = await stored(first);
    expect(await stored(second)).toEqual(seenByFirst);
    expect(x.oauth2.isLiveRefreshToken(seenByFirst.refresh)).toBe(true);
    nearExpiry(seenByFirst.expiresAt);
    x.oauth2.tokenDelayMs = 0;
    const next = await getFreshAccessToken(second.db, x.account.id, { key: KEY, refresh: refreshAtX, now });
    expect(next).not.toBe(a);
    expect(x.oauth2.stats.reusedRefreshTokens).toBe(0);
  });

  it('says to run x-login again when there are no tokens, or X refuses the refresh token', async () => {
    await expect(getFreshAccessToken(first.db, x.account.id, { key: KEY, refresh: refreshAtX, now })).rejects.toThrow(XTokensError);
    const tokens = await login();
    await saveXTokens(first.db, KEY, identity(), tokens);
    // Someone used the refresh token elsewhere (another installation, a copied database).
    await refreshAtX(tokens.refreshToken!);
    nearExpiry(tokens.expiresAt);
    await expect(getFreshAccessToken(first.db, x.account.id, { key: KEY, refresh: refreshAtX, now })).rejects.toThrow(/invalid_request/);
    // What was stored is left as it was: nothing is half-written.
    expect((await stored(first)).refresh).toBe(tokens.refreshToken);
  });
});
