import { parseArgs } from 'node:util';
import type { Database } from '../db/client';
import { switchAccountToOAuth2 } from '../db/accounts';
import { saveXTokens } from '../db/x-tokens';
import type { AccountsConfig } from '../desk/accounts';
import { getAuthenticatedUser, XApiError } from '../x/api';
import { createXClientWithBearer, startLoopbackLogin, XOAuth2Error, type XTokenSet } from '../x/oauth2';
import type { CommandIo } from './accounts';

export interface XLoginDeps {
  config: AccountsConfig;
  openDatabase(): Promise<Database>;
  /** How long to wait for the browser to come back (ms); 10 minutes by default. */
  timeoutMs?: number;
}

/** A fixed port by default: X accepts only the callback URL registered in the app's settings, exactly. */
export const DEFAULT_CALLBACK_PORT = 8787;

export const X_LOGIN_USAGE = `Usage:
  accueil x-login [--port ${DEFAULT_CALLBACK_PORT}]

  Connects an X account with OAuth 2.0 (PKCE): prints a link to open in a browser signed in to X as
  that account, then waits on http://127.0.0.1:PORT/callback for X to send the browser back. The
  tokens (with a refresh token: scope offline.access) are stored encrypted with ACCUEIL_SECRET_KEY
  and refreshed before they expire.

  Needs X_CLIENT_ID (and X_CLIENT_SECRET for a confidential client), from the X app's "Keys and
  tokens", and http://127.0.0.1:PORT/callback registered as a callback URL in its authentication
  settings. Then add the account to a desk: accueil accounts add --oauth2 --handle HANDLE --channel C…
`;

/** `accueil x-login`: exit 0 connected, 1 refused by X or timed out, 2 a usage or configuration error. */
export async function runXLoginCommand(argv: string[], io: CommandIo, deps: XLoginDeps): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string', default: String(DEFAULT_CALLBACK_PORT) }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${X_LOGIN_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(X_LOGIN_USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write(`--port: expected a port number, not "${values.port}".\n`);
    return 2;
  }
  const { config } = deps;
  if (!config.xOAuth2?.clientId) {
    io.stderr.write('X_CLIENT_ID is not set: copy the OAuth 2.0 Client ID (and Client Secret) from the X app’s "Keys and tokens".\n');
    return 2;
  }
  if (!config.secretKey) {
    io.stderr.write('ACCUEIL_SECRET_KEY is not set: tokens are only ever stored encrypted (e.g. `openssl rand -base64 32`).\n');
    return 2;
  }

  const login = await startLoopbackLogin({ ...config.xOAuth2, apiUrl: config.x.apiUrl }, { port });
  io.stdout.write(`Open this link in a browser signed in to X as the account to connect:\n\n  ${login.authorizationUrl}\n\nWaiting for X to send the browser back to ${login.redirectUri} …\n`);
  let tokens: XTokenSet;
  let timer: NodeJS.Timeout | undefined;
  try {
    tokens = await Promise.race([
      login.tokens,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new XOAuth2Error('no answer from the browser in time; run `accueil x-login` again', 'timeout')), deps.timeoutMs ?? 10 * 60_000);
      }),
    ]);
  } catch (error) {
    io.stderr.write(`accueil x-login: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    clearTimeout(timer);
    await login.close();
  }

  let me;
  try {
    me = await getAuthenticatedUser(createXClientWithBearer(tokens.accessToken, config.x.apiUrl));
  } catch (error) {
    if (!(error instanceof XApiError)) throw error;
    io.stderr.write(`accueil x-login: X refused the new token: ${error.message}\n`);
    return 1;
  }

  const database = await deps.openDatabase();
  try {
    await saveXTokens(database.db, config.secretKey, { xUserId: me.id, handle: me.handle }, tokens);
    const account = await switchAccountToOAuth2(database.db, me.id);
    const refresh = tokens.refreshToken ? 'with a refresh token' : 'WITHOUT a refresh token (offline.access was not granted: it lasts two hours)';
    io.stdout.write(`Connected @${me.handle} (${refresh}).\n`);
    if (account && account.removedAt === null) io.stdout.write(`Account ${account.id} now acts on X with these tokens. Restart the bot to use them.\n`);
    else io.stdout.write(`Next: accueil accounts add --oauth2 --handle ${me.handle} --channel C0123456789\n`);
    return 0;
  } finally {
    await database.close();
  }
}
