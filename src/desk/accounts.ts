// The X accounts of one installation, each with its desk channel, settings and credentials: the
// environment's account (the default, kept in step with the environment at every start), accounts
// with a stored OAuth 1.0a token pair, and accounts connected with OAuth 2.0 (`accueil x-login`).
import type { ITwitterApiClientPlugin, TwitterApi } from 'twitter-api-v2';
import { deleteAccount, findAccountByXUserId, listAccounts, retireAccount, saveAccount } from '../db/accounts';
import { countFollowers } from '../db/followers';
import type { Db } from '../db/client';
import type { XAccountRow } from '../db/schema';
import { deleteXTokens, findXTokens, getFreshAccessToken } from '../db/x-tokens';
import type { AccountSettings } from '../domain';
import { openSecret, sealSecret } from '../secrets';
import { seedBuiltInTemplates } from './templates';
import { createXClient, getAuthenticatedUser, type XAccount, type XCredentials } from '../x/api';
import { createXClientWithBearer, refreshTokens, type XOAuth2Client } from '../x/oauth2';

export type XAuth = 'env' | 'oauth1' | 'oauth2';

/** What the accounts need of the configuration: the app's keys, where X is, the secrets key, the OAuth 2.0 client. */
export interface AccountsConfig {
  x: XCredentials;
  secretKey: Buffer | undefined;
  /** X_CLIENT_ID / X_CLIENT_SECRET: needed to refresh OAuth 2.0 tokens. */
  xOAuth2?: { clientId: string; clientSecret?: string } | undefined;
}

export type NewAccountCredentials = { kind: 'oauth1'; accessToken: string; accessSecret: string } | { kind: 'oauth2'; handle: string };

export interface NewAccount extends AccountSettings {
  slackChannelId: string;
  credentials: NewAccountCredentials;
}

export class AccountError extends Error {
  override readonly name = 'AccountError';
}

/** An account by its handle (with or without @) or its id, removed ones excluded. */
export async function findDeskAccount(db: Db, handleOrId: string): Promise<XAccountRow | undefined> {
  const wanted = handleOrId.replace(/^@/, '').toLowerCase();
  return (await listAccounts(db)).find((a) => a.handle.toLowerCase() === wanted || String(a.id) === wanted);
}

/**
 * Adds an account: who it is comes from X itself, asked with the account's own credentials, so a
 * wrong token fails here rather than at the first poll. An account removed earlier comes back with
 * its history (one welcome per follower, ever, still holds).
 */
export async function addAccount(db: Db, config: AccountsConfig, input: NewAccount): Promise<XAccountRow> {
  const key = requireKey(config);
  let identity: XAccount;
  let sealed: string | null = null;
  if (input.credentials.kind === 'oauth1') {
    const creds = { ...config.x, accessToken: input.credentials.accessToken, accessSecret: input.credentials.accessSecret };
    identity = await getAuthenticatedUser(createXClient(creds));
    sealed = sealOAuth1(key, creds, identity.id);
  } else {
    const stored = await findXTokens(db, { handle: input.credentials.handle });
    if (!stored) throw new AccountError(`no OAuth 2.0 tokens for @${input.credentials.handle.replace(/^@/, '')}: run \`accueil x-login\` first, signed in to X as that account`);
    identity = await getAuthenticatedUser(bearerClient(db, config, stored.xUserId, []));
    if (identity.id !== stored.xUserId) throw new AccountError(`the stored tokens of @${stored.handle} act for another X user (@${identity.handle})`);
  }

  const existing = await findAccountByXUserId(db, identity.id);
  if (existing && existing.removedAt === null) {
    throw new AccountError(`@${identity.handle} is already on the desk (account ${existing.id}, channel ${existing.slackChannelId})`);
  }
  const values = {
    xUserId: identity.id,
    handle: identity.handle,
    name: identity.name,
    kind: input.kind,
    dmPolicy: input.dmPolicy,
    sendMode: input.sendMode,
    ownDomains: input.ownDomains,
    topics: input.topics,
    slackChannelId: input.slackChannelId,
    xAuth: input.credentials.kind,
    xCredentials: sealed,
    removedAt: null,
  };
  const account = await saveAccount(db, values);
  await seedBuiltInTemplates(db, account.id);
  return account;
}

export type RemovedAccount = { account: XAccountRow; outcome: 'deleted' | 'retired' };

/**
 * Removes an account from the desk and forgets its credentials. An account that has followers on
 * record is retired rather than deleted: its history keeps "one welcome per follower, ever".
 */
export async function removeAccount(db: Db, handleOrId: string): Promise<RemovedAccount> {
  const account = await findDeskAccount(db, handleOrId);
  if (!account) throw new AccountError(`no account "${handleOrId}" on the desk (see \`accueil accounts list\`)`);
  if (account.xAuth === 'env') {
    throw new AccountError(`@${account.handle} is the environment's account: it comes back at every start. Change the X_ variables instead.`);
  }
  const known = await countFollowers(db, account.id);
  await deleteXTokens(db, account.xUserId);
  if (known > 0) {
    await retireAccount(db, account.id, new Date());
    return { account, outcome: 'retired' };
  }
  await deleteAccount(db, account.id);
  return { account, outcome: 'deleted' };
}

// ─── X clients ────────────────────────────────────────────────────────────────────────────

/**
 * The X client that acts for an account: the environment's OAuth 1.0a keys for the environment's
 * account (as stored, encrypted, when they are), its stored OAuth 1.0a pair, or its OAuth 2.0 user
 * token (refreshed before expiry, under a row lock shared by every process).
 */
export function xClientFor(account: XAccountRow, config: AccountsConfig, db: Db, extra: ITwitterApiClientPlugin[] = []): TwitterApi {
  switch (account.xAuth) {
    case 'env':
      // What the database holds when the environment's keys were stored there (main.ts does it with a secrets key).
      return account.xCredentials && config.secretKey ? storedOAuth1Client(account, config, extra) : createXClient(config.x, extra);
    case 'oauth1':
      if (!account.xCredentials) throw new AccountError(`@${account.handle} has no stored credentials: add it again with \`accueil accounts add\``);
      return storedOAuth1Client(account, config, extra);
    case 'oauth2':
      return bearerClient(db, config, account.xUserId, extra);
    default:
      throw new AccountError(`@${account.handle}: unknown credentials kind "${account.xAuth}"`);
  }
}

/**
 * One client per account and credentials, kept: what main.ts hands the desk as `xClient`. `plugins`
 * gives each account's client its own observers (X spend is counted per account).
 */
export function createAccountClients(
  config: AccountsConfig,
  db: Db,
  plugins: (account: XAccountRow) => ITwitterApiClientPlugin[] = () => [],
): (account: XAccountRow) => TwitterApi {
  const clients = new Map<string, TwitterApi>();
  return (account) => {
    const cacheKey = `${account.id}:${account.xAuth}:${account.xCredentials ?? ''}`;
    let client = clients.get(cacheKey);
    if (!client) {
      client = xClientFor(account, config, db, plugins(account));
      clients.set(cacheKey, client);
    }
    return client;
  };
}

function storedOAuth1Client(account: XAccountRow, config: AccountsConfig, extra: ITwitterApiClientPlugin[]): TwitterApi {
  const stored = JSON.parse(openSecret(requireKey(config), account.xCredentials!, account.xUserId)) as Omit<XCredentials, 'apiUrl'>;
  return createXClient({ ...stored, apiUrl: config.x.apiUrl }, extra);
}

function bearerClient(db: Db, config: AccountsConfig, xUserId: string, extra: ITwitterApiClientPlugin[]): TwitterApi {
  const key = requireKey(config);
  const oauth2 = config.xOAuth2;
  const client: XOAuth2Client | null = oauth2 ? { ...oauth2, apiUrl: config.x.apiUrl } : null;
  return createXClientWithBearer(
    () =>
      getFreshAccessToken(db, xUserId, {
        key,
        refresh: (token) => {
          if (!client) throw new AccountError('X_CLIENT_ID is needed to refresh OAuth 2.0 tokens');
          return refreshTokens(client, token);
        },
      }),
    config.x.apiUrl,
    extra,
  );
}

/** An account's OAuth 1.0a credentials, sealed for the database and bound to the account. */
export function sealOAuth1(key: Buffer, creds: XCredentials, xUserId: string): string {
  const { apiKey, apiSecret, accessToken, accessSecret } = creds;
  return sealSecret(key, JSON.stringify({ apiKey, apiSecret, accessToken, accessSecret }), xUserId);
}

function requireKey(config: AccountsConfig): Buffer {
  if (!config.secretKey) throw new AccountError('ACCUEIL_SECRET_KEY is needed to store X credentials encrypted (e.g. `openssl rand -base64 32`)');
  return config.secretKey;
}
