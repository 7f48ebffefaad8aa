import { eq, sql } from 'drizzle-orm';
import { openSecret, sealSecret } from '../secrets';
import type { XTokenSet } from '../domain/x-tokens';
import type { Db } from './client';
import { xOauthTokens } from './schema';

/** Refresh when the access token has less than this left: a request started now still finishes with it. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export class XTokensError extends Error {
  override readonly name = 'XTokensError';
}

// Each token is sealed with the X user id and its purpose bound in: a value copied to another row, or
// an access token pasted where a refresh token belongs, does not open.
const context = (xUserId: string, which: 'access' | 'refresh') => `x-oauth2:${xUserId}:${which}`;

/** Stores (or replaces) an account's tokens, encrypted. */
export async function saveXTokens(db: Db, key: Buffer, identity: { xUserId: string; handle: string }, tokens: XTokenSet): Promise<void> {
  const values = {
    xUserId: identity.xUserId,
    handle: identity.handle,
    accessToken: sealSecret(key, tokens.accessToken, context(identity.xUserId, 'access')),
    refreshToken: tokens.refreshToken === null ? null : sealSecret(key, tokens.refreshToken, context(identity.xUserId, 'refresh')),
    expiresAt: tokens.expiresAt,
    scope: tokens.scope,
  };
  await db
    .insert(xOauthTokens)
    .values(values)
    .onConflictDoUpdate({ target: xOauthTokens.xUserId, set: { ...values, refreshedAt: null } });
}

export interface StoredXTokens {
  xUserId: string;
  handle: string;
  expiresAt: Date;
  scope: string;
  hasRefreshToken: boolean;
}

/** What is stored for an account, without the tokens themselves. */
export async function findXTokens(db: Db, where: { xUserId: string } | { handle: string }): Promise<StoredXTokens | undefined> {
  const condition =
    'xUserId' in where ? eq(xOauthTokens.xUserId, where.xUserId) : sql`lower(${xOauthTokens.handle}) = ${where.handle.replace(/^@/, '').toLowerCase()}`;
  const [row] = await db.select().from(xOauthTokens).where(condition);
  if (!row) return undefined;
  return { xUserId: row.xUserId, handle: row.handle, expiresAt: row.expiresAt, scope: row.scope, hasRefreshToken: row.refreshToken !== null };
}

export async function deleteXTokens(db: Db, xUserId: string): Promise<void> {
  await db.delete(xOauthTokens).where(eq(xOauthTokens.xUserId, xUserId));
}

export interface FreshTokenOptions {
  key: Buffer;
  /** Trades a refresh token for new tokens at X (src/x/oauth2.ts refreshTokens). */
  refresh(refreshToken: string): Promise<XTokenSet>;
  now?: () => Date;
  marginMs?: number;
}

/**
 * An access token for the account that is good for at least `marginMs` more. When it is about to
 * expire it is refreshed under `SELECT … FOR UPDATE`: X rotates the refresh token on each use, so
 * two processes refreshing at once would have the slower one present a dead token and lose the
 * account. The second waits on the row lock, then reads the token the first stored.
 */
export async function getFreshAccessToken(db: Db, xUserId: string, opts: FreshTokenOptions): Promise<string> {
  const now = opts.now ?? (() => new Date());
  const margin = opts.marginMs ?? REFRESH_MARGIN_MS;
  const isFresh = (expiresAt: Date) => expiresAt.getTime() - now().getTime() > margin;

  const [current] = await db.select().from(xOauthTokens).where(eq(xOauthTokens.xUserId, xUserId));
  if (!current) throw new XTokensError(`no OAuth 2.0 tokens for X user ${xUserId}: connect the account with \`accueil x-login\``);
  if (isFresh(current.expiresAt)) return openSecret(opts.key, current.accessToken, context(xUserId, 'access'));

  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(xOauthTokens).where(eq(xOauthTokens.xUserId, xUserId)).for('update');
    if (!locked) throw new XTokensError(`the OAuth 2.0 tokens of X user ${xUserId} were removed`);
    // Another process refreshed while this one waited for the lock.
    if (isFresh(locked.expiresAt)) return openSecret(opts.key, locked.accessToken, context(xUserId, 'access'));
    if (locked.refreshToken === null) {
      throw new XTokensError(`the access token of @${locked.handle} expired and X gave no refresh token (offline.access): run \`accueil x-login\` again`);
    }
    const refreshed = await opts.refresh(openSecret(opts.key, locked.refreshToken, context(xUserId, 'refresh')));
    await tx
      .update(xOauthTokens)
      .set({
        accessToken: sealSecret(opts.key, refreshed.accessToken, context(xUserId, 'access')),
        // X normally sends a new refresh token; when it does not, the old one is still the one to keep.
        refreshToken: refreshed.refreshToken === null ? locked.refreshToken : sealSecret(opts.key, refreshed.refreshToken, context(xUserId, 'refresh')),
        expiresAt: refreshed.expiresAt,
        scope: refreshed.scope || locked.scope,
        refreshedAt: now(),
      })
      .where(eq(xOauthTokens.xUserId, xUserId));
    return refreshed.accessToken;
  });
}
