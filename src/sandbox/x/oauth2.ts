// X's OAuth 2.0 Authorization Code Flow with PKCE, faked: the consent page (as a function a test
// calls in place of a browser), POST /2/oauth2/token for the authorization_code and refresh_token
// grants, and the user access tokens it issues. Like X, it rotates the refresh token on every use and
// refuses one already used, so a client that loses a rotated token is caught.
import { createHash, randomBytes } from 'node:crypto';
import { HttpAnswer } from './answers';

export interface FakeOAuth2Client {
  clientId: string;
  /** A confidential client authenticates with Basic client_id:client_secret; a public one has none. */
  clientSecret?: string;
}

export const FAKE_OAUTH2_CLIENT: FakeOAuth2Client = { clientId: 'ZmFrZS1jbGllbnQtaWQ6MTpjaQ', clientSecret: 'fake-oauth2-client-secret' };
export const FAKE_OAUTH2_PUBLIC_CLIENT: FakeOAuth2Client = { clientId: 'ZmFrZS1wdWJsaWMtY2xpZW50OjE6Y2k' };

const SCOPES = new Set([
  'tweet.read', 'tweet.write', 'tweet.moderate.write', 'users.read', 'follows.read', 'follows.write', 'offline.access',
  'space.read', 'mute.read', 'mute.write', 'like.read', 'like.write', 'list.read', 'list.write', 'block.read', 'block.write',
  'bookmark.read', 'bookmark.write', 'dm.read', 'dm.write', 'media.write',
]);
const AUTHORIZE_URL = 'https://x.com/i/oauth2/authorize';
const CODE_TTL_MS = 30_000;

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  method: 'S256' | 'plain';
  scope: string;
  issuedAt: number;
  used: boolean;
}

interface Grant {
  clientId: string;
  scope: string;
}

export interface FakeOAuth2Stats {
  /** Successful refresh_token grants. */
  refreshes: number;
  /** Refresh tokens presented a second time (X answers 400): must stay 0 for a correct client. */
  reusedRefreshTokens: number;
  /** Token requests of either grant, answered or refused. */
  tokenRequests: number;
}

export class FakeXOAuth2 {
  private codes = new Map<string, PendingCode>();
  private accessTokens = new Map<string, { expiresAt: number; scope: string }>();
  private refreshTokens = new Map<string, Grant & { used: boolean }>();
  readonly stats: FakeOAuth2Stats = { refreshes: 0, reusedRefreshTokens: 0, tokenRequests: 0 };
  /** Set by a test to make the token endpoint slow, so two refreshes would overlap. */
  tokenDelayMs = 0;

  constructor(
    private clients: FakeOAuth2Client[],
    private now: () => number,
    /** Seconds an access token lives: X says two hours. */
    readonly accessTtlSeconds = 7200,
  ) {}

  /**
   * The account's owner approves the app on X's consent page: checks the link as X does and answers
   * the redirect X would send the browser to, with a code and the state. `deny` answers access_denied.
   */
  authorize(link: string, opts: { deny?: boolean } = {}): string {
    const url = new URL(link);
    if (`${url.origin}${url.pathname}` !== AUTHORIZE_URL) throw new Error(`fake X: not the authorize URL: ${url.origin}${url.pathname}`);
    const q = url.searchParams;
    const need = (name: string) => {
      const value = q.get(name);
      if (!value) throw new Error(`fake X: the authorize URL lacks ${name}`);
      return value;
    };
    if (need('response_type') !== 'code') throw new Error('fake X: response_type must be code');
    const clientId = need('client_id');
    if (!this.clients.some((c) => c.clientId === clientId)) throw new Error('fake X: unknown client_id');
    const redirectUri = need('redirect_uri');
    const scope = need('scope');
    const unknown = scope.split(' ').filter((s) => !SCOPES.has(s));
    if (unknown.length) throw new Error(`fake X: unknown scope ${unknown.join(', ')}`);
    const state = need('state');
    const challenge = need('code_challenge');
    const method = need('code_challenge_method');
    if (method !== 'S256' && method !== 'plain') throw new Error('fake X: code_challenge_method must be S256 or plain');
    const back = new URL(redirectUri);
    if (opts.deny) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('state', state);
      return back.toString();
    }
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { clientId, redirectUri, challenge, method, scope, issuedAt: this.now(), used: false });
    back.searchParams.set('state', state);
    back.searchParams.set('code', code);
    return back.toString();
  }

  /** The account's user tokens (Bearer) that are still valid. */
  acceptsAccessToken(authorization: string | undefined): boolean {
    if (!authorization?.startsWith('Bearer ')) return false;
    const token = this.accessTokens.get(authorization.slice(7).trim());
    return token !== undefined && token.expiresAt > this.now();
  }

  /** Whether a refresh token is live (issued and not yet used). */
  isLiveRefreshToken(token: string): boolean {
    const grant = this.refreshTokens.get(token);
    return grant !== undefined && !grant.used;
  }

  /** POST /2/oauth2/token. */
  async token(authorization: string | undefined, contentType: string, raw: string): Promise<HttpAnswer> {
    this.stats.tokenRequests += 1;
    if (this.tokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
    if (!contentType.includes('application/x-www-form-urlencoded')) return invalidRequest('Missing required parameter [grant_type].');
    const body = new URLSearchParams(raw);
    const client = this.authenticate(authorization, body.get('client_id'));
    if (!client) return new HttpAnswer(401, { error: 'invalid_client', error_description: 'Missing valid authorization header' });

    switch (body.get('grant_type')) {
      case 'authorization_code': {
        const code = this.codes.get(body.get('code') ?? '');
        if (!code || code.used || code.clientId !== client.clientId || this.now() - code.issuedAt > CODE_TTL_MS) {
          return invalidRequest('Value passed for the authorization code was invalid.');
        }
        if (body.get('redirect_uri') !== code.redirectUri) return invalidRequest('Value passed for the redirect uri did not match the uri of the authorization code.');
        const verifier = body.get('code_verifier') ?? '';
        const expected = code.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
        if (expected !== code.challenge) return invalidRequest('Value passed for the code verifier did not match the code challenge.');
        code.used = true;
        return this.issue({ clientId: client.clientId, scope: code.scope });
      }
      case 'refresh_token': {
        const token = body.get('refresh_token') ?? '';
        const grant = this.refreshTokens.get(token);
        if (!grant || grant.clientId !== client.clientId) return invalidRequest('Value passed for the token was invalid.');
        if (grant.used) {
          this.stats.reusedRefreshTokens += 1;
          return invalidRequest('Value passed for the token was invalid.');
        }
        grant.used = true;
        this.stats.refreshes += 1;
        return this.issue(grant);
      }
      default:
        return invalidRequest('Missing required parameter [grant_type].');
    }
  }

  private authenticate(authorization: string | undefined, bodyClientId: string | null): FakeOAuth2Client | null {
    if (authorization?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8').split(':').map(decodeURIComponent);
      return this.clients.find((c) => c.clientId === id && c.clientSecret !== undefined && c.clientSecret === secret) ?? null;
    }
    // A public client has no secret; a confidential one must use Basic.
    return this.clients.find((c) => c.clientId === bodyClientId && c.clientSecret === undefined) ?? null;
  }

  private issue(grant: Grant): HttpAnswer {
    const accessToken = randomBytes(32).toString('base64url');
    this.accessTokens.set(accessToken, { expiresAt: this.now() + this.accessTtlSeconds * 1000, scope: grant.scope });
    const answer: Record<string, unknown> = { token_type: 'bearer', expires_in: this.accessTtlSeconds, access_token: accessToken, scope: grant.scope };
    if (grant.scope.split(' ').includes('offline.access')) {
      const refreshToken = randomBytes(32).toString('base64url');
      this.refreshTokens.set(refreshToken, { ...grant, used: false });
      answer.refresh_token = refreshToken;
    }
    return new HttpAnswer(200, answer);
  }
}

const invalidRequest = (description: string) => new HttpAnswer(400, { error: 'invalid_request', error_description: description });
