// The credentials X accepts: OAuth 1.0a user context (RFC 5849, checked the way X checks it),
// OAuth 2.0 app-only bearer tokens, and the Basic consumer key:secret pair that obtains one.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface FakeXCredentials {
  apiKey: string;
  apiSecret: string;
  accessToken: string;
  accessSecret: string;
}

/** user: OAuth 1.0a on behalf of the account; app: an app-only bearer token; basic: consumer key and secret. */
export type AuthKind = 'user' | 'app' | 'basic';

export interface SignedRequest {
  method: string;
  baseUrl: string;
  query: URLSearchParams;
  formBody: URLSearchParams | null;
  authorization: string | undefined;
}

export const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const OAUTH_CLOCK_SKEW_SECONDS = 300;

function parseOAuthHeader(header: string): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const part of header.slice(6).split(',')) {
    const match = /^\s*([^=\s]+)="([^"]*)"\s*$/.exec(part);
    if (!match) return null;
    params.set(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
  }
  return params;
}

function signatureBaseString(method: string, baseUrl: string, params: [string, string][]): string {
  const normalized = params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [method.toUpperCase(), rfc3986(baseUrl), rfc3986(normalized)].join('&');
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

export class FakeXAuth {
  private seenNonces = new Set<string>();
  private bearerTokens = new Set<string>();

  constructor(private creds: FakeXCredentials) {}

  /** Which valid credential the request carries, or null when it carries none that X would accept. */
  identify(req: SignedRequest): AuthKind | null {
    const header = req.authorization ?? '';
    if (header.startsWith('OAuth ')) return this.verifyOAuth(req, header) ? 'user' : null;
    if (header.startsWith('Bearer ')) return this.bearerTokens.has(header.slice(7).trim()) ? 'app' : null;
    if (header.startsWith('Basic ')) return this.verifyBasic(header.slice(6).trim()) ? 'basic' : null;
    return null;
  }

  /** A new app-only bearer token (POST /oauth2/token). */
  issueBearerToken(): string {
    const token = `AAAAAAAAAAAAAAAAAAAAA${randomBytes(24).toString('base64url')}`;
    this.bearerTokens.add(token);
    return token;
  }

  private verifyBasic(encoded: string): boolean {
    const given = Buffer.from(encoded, 'base64');
    // X's docs ask for RFC 1738-encoded parts; clients that skip it are accepted when nothing needed encoding.
    const expected = [`${this.creds.apiKey}:${this.creds.apiSecret}`, `${rfc3986(this.creds.apiKey)}:${rfc3986(this.creds.apiSecret)}`];
    return expected.some((e) => sameBytes(given, Buffer.from(e)));
  }

  private verifyOAuth(req: SignedRequest, header: string): boolean {
    const oauth = parseOAuthHeader(header);
    if (!oauth) return false;
    const signature = oauth.get('oauth_signature');
    const timestamp = Number(oauth.get('oauth_timestamp'));
    const nonce = oauth.get('oauth_nonce');
    if (
      !signature ||
      !nonce ||
      oauth.get('oauth_signature_method') !== 'HMAC-SHA1' ||
      (oauth.has('oauth_version') && oauth.get('oauth_version') !== '1.0') ||
      oauth.get('oauth_consumer_key') !== this.creds.apiKey ||
      oauth.get('oauth_token') !== this.creds.accessToken ||
      !Number.isInteger(timestamp) ||
      Math.abs(Date.now() / 1000 - timestamp) > OAUTH_CLOCK_SKEW_SECONDS ||
      this.seenNonces.has(`${timestamp}:${nonce}`)
    ) {
      return false;
    }
    const params: [string, string][] = [...oauth].filter(([k]) => k !== 'oauth_signature' && k !== 'realm');
    params.push(...req.query, ...(req.formBody ?? []));
    const key = `${rfc3986(this.creds.apiSecret)}&${rfc3986(this.creds.accessSecret)}`;
    const expected = createHmac('sha1', key).update(signatureBaseString(req.method, req.baseUrl, params)).digest();
    if (!sameBytes(Buffer.from(signature, 'base64'), expected)) return false;
    this.seenNonces.add(`${timestamp}:${nonce}`);
    return true;
  }
}
