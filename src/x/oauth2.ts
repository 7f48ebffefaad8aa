// OAuth 2.0 Authorization Code Flow with PKCE, as X documents it (docs.x.com, fundamentals/
// authentication/oauth-2-0), through twitter-api-v2's own helpers: the authorisation link, the code
// exchange, the refresh; and a loopback callback server that completes the flow for a command-line login.
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiResponseError, TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';
import { baseUrlPlugin, DEFAULT_X_API_URL } from './client';
import type { XTokenSet } from '../domain/x-tokens';

/** What the desk does for an account: read and post, read and send DMs, see followers; offline.access gives a refresh token. */
export const X_OAUTH2_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'dm.read', 'dm.write', 'follows.read', 'offline.access'] as const;

/** The X app's OAuth 2.0 client (Keys and Tokens → OAuth 2.0 Client ID and Client Secret). A public client has no secret. */
export interface XOAuth2Client {
  clientId: string;
  clientSecret?: string;
  /** X API base URL; the token endpoint is `${apiUrl}/2/oauth2/token`. */
  apiUrl: string;
}

export type { XTokenSet };

export class XOAuth2Error extends Error {
  override readonly name = 'XOAuth2Error';
  constructor(
    message: string,
    /** X's `error` code (invalid_request, invalid_client…), or `http-<status>`. */
    readonly code: string,
  ) {
    super(message);
  }
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  verifier: string;
  redirectUri: string;
}

/** The library's client for the token endpoint: it authenticates a confidential client with Basic, a public one by its id. */
function tokenClient(client: XOAuth2Client): TwitterApi {
  const apiUrl = client.apiUrl || DEFAULT_X_API_URL;
  const plugins: ITwitterApiClientPlugin[] = [
    {
      // X's token endpoint takes a form body (RFC 6749 §4.1.3); the library would send JSON.
      onBeforeRequestConfig({ params }) {
        if (/\/2\/oauth2\//.test(params.url)) params.forceBodyMode = 'url';
      },
    },
  ];
  if (apiUrl.replace(/\/+$/, '') !== DEFAULT_X_API_URL) plugins.push(baseUrlPlugin(apiUrl));
  return new TwitterApi(
    { clientId: client.clientId, ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}) },
    { plugins, ...(apiUrl.startsWith('http://') ? { httpAgent: new http.Agent() } : {}) },
  );
}

/** The link the account's owner opens to let the app act for the account (PKCE, S256, a random state). */
export function buildAuthorizationRequest(
  client: Pick<XOAuth2Client, 'clientId'>,
  redirectUri: string,
  opts: { scopes?: readonly string[] } = {},
): AuthorizationRequest {
  const link = tokenClient({ clientId: client.clientId, apiUrl: DEFAULT_X_API_URL }).generateOAuth2AuthLink(redirectUri, { scope: [...(opts.scopes ?? X_OAUTH2_SCOPES)] });
  const url = new URL(link.url);
  // RFC 7636 names the method "S256"; the library writes it in lower case.
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), state: link.state, verifier: link.codeVerifier, redirectUri };
}

// ─── Token endpoint ───────────────────────────────────────────────────────────────────────

/** Trades the code from the callback for tokens. */
export function exchangeCode(client: XOAuth2Client, code: string, request: Pick<AuthorizationRequest, 'verifier' | 'redirectUri'>, now = new Date()): Promise<XTokenSet> {
  return tokens(() => tokenClient(client).loginWithOAuth2({ code, codeVerifier: request.verifier, redirectUri: request.redirectUri }), now);
}

/** New tokens for a refresh token. X rotates it: the one given is dead once this succeeds. */
export function refreshTokens(client: XOAuth2Client, refreshToken: string, now = new Date()): Promise<XTokenSet> {
  return tokens(() => tokenClient(client).refreshOAuth2Token(refreshToken), now);
}

async function tokens(
  request: () => Promise<{ accessToken: string; refreshToken?: string; expiresIn: number; scope: string[] }>,
  now: Date,
): Promise<XTokenSet> {
  let answer;
  try {
    answer = await request();
  } catch (error) {
    const status = error instanceof ApiResponseError ? error.code : 0;
    const data = (error instanceof ApiResponseError ? error.data : {}) as { error?: unknown; error_description?: unknown };
    const code = typeof data.error === 'string' ? data.error : `http-${status}`;
    const description = typeof data.error_description === 'string' ? data.error_description : `HTTP ${status}`;
    throw new XOAuth2Error(`X refused the token request (${code}): ${description}`, code);
  }
  if (typeof answer.accessToken !== 'string' || typeof answer.expiresIn !== 'number') {
    throw new XOAuth2Error('X answered the token request without an access token', 'malformed-response');
  }
  return {
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken ?? null,
    expiresAt: new Date(now.getTime() + answer.expiresIn * 1000),
    scope: answer.scope.join(' '),
  };
}

// ─── Loopback callback ────────────────────────────────────────────────────────────────────

export interface LoopbackLogin {
  /** Open this in a browser signed in as the account. */
  authorizationUrl: string;
  redirectUri: string;
  /** Resolves with the tokens once X redirects back with a code and the right state; rejects on a refusal. */
  tokens: Promise<XTokenSet>;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (port 0: any free port; X wants the exact redirect URI registered in the
 * app, so a real login names a fixed one) and completes the flow when X redirects the browser
 * back. A callback whose state is not ours is answered 400 and changes nothing: the login waits on.
 */
export async function startLoopbackLogin(
  client: XOAuth2Client,
  opts: { port?: number; path?: string; scopes?: readonly string[]; now?: () => Date } = {},
): Promise<LoopbackLogin> {
  const path = opts.path ?? '/callback';
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const redirectUri = `http://127.0.0.1:${port}${path}`;
  const request = buildAuthorizationRequest(client, redirectUri, opts);

  let settle!: { resolve: (t: XTokenSet) => void; reject: (e: Error) => void };
  const tokens = new Promise<XTokenSet>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let done = false;

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', redirectUri);
    const answer = (status: number, text: string) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
    if (req.method !== 'GET' || url.pathname !== path) return answer(404, 'Not found.');
    if (done) return answer(409, 'This login is already complete; you can close this tab.');
    if (!sameState(url.searchParams.get('state'), request.state)) {
      return answer(400, 'This link does not belong to the login in progress (state mismatch). Nothing was stored.');
    }
    const refusal = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    if (refusal || !code) {
      done = true;
      answer(400, `X did not authorise the app (${refusal ?? 'no code'}). Nothing was stored.`);
      settle.reject(new XOAuth2Error(`the authorisation was refused on X (${refusal ?? 'no code'})`, refusal ?? 'no-code'));
      return;
    }
    done = true;
    exchangeCode(client, code, request, opts.now?.()).then(
      (set) => {
        answer(200, 'The X account is connected to accueil. You can close this tab.');
        settle.resolve(set);
      },
      (error: Error) => {
        answer(502, `X refused the code: ${error.message}`);
        settle.reject(error);
      },
    );
  });

  return {
    authorizationUrl: request.url,
    redirectUri,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sameState(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// ─── A client acting with a user token ─────────────────────────────────────────────────────

/**
 * An X client acting as the account with an OAuth 2.0 user token. Given a function, it asks for the
 * token before every request, so a token refreshed meanwhile (by this process or another) is used.
 */
export function createXClientWithBearer(
  accessToken: string | (() => Promise<string>),
  apiUrl: string,
  extra: ITwitterApiClientPlugin[] = [],
): TwitterApi {
  const base = apiUrl || DEFAULT_X_API_URL;
  const plugins: ITwitterApiClientPlugin[] = [...extra];
  if (base.replace(/\/+$/, '') !== DEFAULT_X_API_URL) plugins.push(baseUrlPlugin(base));
  if (typeof accessToken === 'function') {
    plugins.push({
      async onBeforeRequest({ requestOptions }) {
        requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${await accessToken()}` };
      },
    });
  }
  return new TwitterApi(typeof accessToken === 'string' ? accessToken : 'pending-user-token', {
    plugins,
    ...(base.startsWith('http://') ? { httpAgent: new http.Agent() } : {}),
  });
}
