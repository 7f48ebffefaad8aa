// A fake X API v2 over HTTP on loopback, for the tests and the demo. It checks what it receives
// the way X does (OAuth 1.0a signatures, parameters, JSON bodies) and answers in X's shapes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { FollowerProfile } from '../../src/domain';

export interface FakeXAccount {
  id: string;
  handle: string;
  name: string;
}

export interface FakeXCredentials {
  apiKey: string;
  apiSecret: string;
  accessToken: string;
  accessSecret: string;
}

export interface FakeXOptions {
  account?: FakeXAccount;
  credentials?: FakeXCredentials;
  /** The clock for timestamps and rate-limit windows (OAuth timestamps use the real clock, as the client does). */
  now?: () => number;
  /** Answer 429 past X's write limits: DMs 15 per 15 min and 1,440 per 24 h, posts 100 per 15 min. */
  enforceRateLimits?: boolean;
}

/** An injected answer: an HTTP error, or the connection dropped without any answer. */
export type FakeXFailure = { status: number; body?: unknown; headers?: Record<string, string> } | { drop: true };

export interface FakeXMatch {
  method?: string;
  /** A RegExp on the path, or a path such as '/2/tweets' or a template such as '/2/users/:id/followers'. */
  path: RegExp | string;
}

export interface FakeXRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | 'dropped';
}

export interface FakeDm {
  id: string;
  conversationId: string;
  senderId: string;
  recipientId: string;
  text: string;
  createdAt: string;
}

export interface FakePost {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
}

export interface FakeX {
  /** Base URL, e.g. http://127.0.0.1:PORT — what X_API_URL points at. */
  url: string;
  account: FakeXAccount;
  credentials: FakeXCredentials;
  /** Everything createXClient needs to talk to this fake. */
  clientCredentials: FakeXCredentials & { apiUrl: string };
  close(): Promise<void>;

  /** A new follower, newest first like X; re-following moves them back to the top. */
  addFollower(profile?: Partial<FollowerProfile>): FollowerProfile;
  /** Many plain followers at once (100,000 in well under a second). */
  addFollowers(count: number): void;
  /** Someone X knows who does not follow the account. */
  addUser(profile?: Partial<FollowerProfile>): FollowerProfile;
  removeFollower(id: string): void;
  followerCount(): number;
  user(id: string): FollowerProfile | undefined;

  /** The person writes a DM to the account. */
  writeDm(fromUserId: string, text: string): FakeDm;
  /** The person posts something mentioning the account (@handle is added when missing). */
  mention(fromUserId: string, text: string): FakePost;

  /** DMs the account sent through the API. */
  sentDms: FakeDm[];
  /** Posts the account published through the API. */
  posts: FakePost[];
  /** Users returned by the followers endpoint: what X bills as owned reads. */
  usersReturned: number;
  requests: FakeXRequest[];
  /** Requests to routes this fake does not serve (answered 404). */
  unhandled: FakeXRequest[];
  /** The next `times` correctly signed requests matching `match` get `response` instead of the real answer. */
  failNext(match: FakeXMatch, response: FakeXFailure, times?: number): void;
}

export const FAKE_X_ACCOUNT: FakeXAccount = { id: '1500000000000000001', handle: 'maison_lumen', name: 'Maison Lumen' };

export const FAKE_X_CREDENTIALS: FakeXCredentials = {
  apiKey: 'fake-consumer-key',
  apiSecret: 'fake-consumer-secret',
  accessToken: '1500000000000000001-fake-access-token',
  accessSecret: 'fake-access-secret',
};

// ---------------------------------------------------------------------------------------------
// X's answers

const PROBLEM = 'https://api.twitter.com/2/problems';
const bareProblem = (status: number, title: string) => ({ title, detail: title, type: 'about:blank', status });
const invalidRequest = (message: string, parameters?: Record<string, string[]>) => ({
  errors: [{ ...(parameters ? { parameters } : {}), message }],
  title: 'Invalid Request',
  detail: 'One or more parameters to your request was invalid.',
  type: `${PROBLEM}/invalid-request`,
});
const notFoundError = (parameter: string, value: string, detail: string) => ({
  value,
  detail,
  title: 'Not Found Error',
  resource_type: 'user',
  parameter,
  resource_id: value,
  type: `${PROBLEM}/resource-not-found`,
});

const DEFAULT_BODIES: Record<number, unknown> = {
  400: invalidRequest('Invalid request'),
  401: bareProblem(401, 'Unauthorized'),
  403: bareProblem(403, 'Forbidden'),
  404: bareProblem(404, 'Not Found'),
  429: bareProblem(429, 'Too Many Requests'),
  500: bareProblem(500, 'Internal Server Error'),
  502: bareProblem(502, 'Bad Gateway'),
  503: bareProblem(503, 'Service Unavailable'),
};

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}
const fail = (status: number, body: unknown = DEFAULT_BODIES[status]) => new HttpAnswer(status, body);

// ---------------------------------------------------------------------------------------------
// OAuth 1.0a (RFC 5849), checked the way X checks it

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const OAUTH_CLOCK_SKEW_SECONDS = 300;

function parseOAuthHeader(header: string | undefined): Map<string, string> | null {
  if (!header?.startsWith('OAuth ')) return null;
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

interface SignedRequest {
  method: string;
  baseUrl: string;
  query: URLSearchParams;
  formBody: URLSearchParams | null;
  authorization: string | undefined;
}

function verifyOAuth(req: SignedRequest, creds: FakeXCredentials, seenNonces: Set<string>): boolean {
  const oauth = parseOAuthHeader(req.authorization);
  if (!oauth) return false;
  const signature = oauth.get('oauth_signature');
  const timestamp = Number(oauth.get('oauth_timestamp'));
  const nonce = oauth.get('oauth_nonce');
  if (
    !signature ||
    !nonce ||
    oauth.get('oauth_signature_method') !== 'HMAC-SHA1' ||
    (oauth.has('oauth_version') && oauth.get('oauth_version') !== '1.0') ||
    oauth.get('oauth_consumer_key') !== creds.apiKey ||
    oauth.get('oauth_token') !== creds.accessToken ||
    !Number.isInteger(timestamp) ||
    Math.abs(Date.now() / 1000 - timestamp) > OAUTH_CLOCK_SKEW_SECONDS ||
    seenNonces.has(`${timestamp}:${nonce}`)
  ) {
    return false;
  }
  const params: [string, string][] = [...oauth].filter(([k]) => k !== 'oauth_signature' && k !== 'realm');
  params.push(...req.query, ...(req.formBody ?? []));
  const key = `${rfc3986(creds.apiSecret)}&${rfc3986(creds.accessSecret)}`;
  const expected = createHmac('sha1', key).update(signatureBaseString(req.method, req.baseUrl, params)).digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  seenNonces.add(`${timestamp}:${nonce}`);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Rate limits: fixed windows per endpoint, per user

const FIFTEEN_MINUTES = 15 * 60_000;
const ONE_DAY = 24 * 60 * 60_000;

interface Window {
  limit: number;
  span: number;
  start: number;
  used: number;
}

class RateLimits {
  private windows = new Map<string, Window>();
  constructor(private now: () => number) {}

  private window(key: string, limit: number, span: number): Window {
    let w = this.windows.get(key);
    if (!w || this.now() >= w.start + w.span) {
      w = { limit, span, start: this.now(), used: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  /** Counts one request; returns the headers to send and whether a limit was already spent. */
  take(route: Route, enforce: boolean): { headers: Record<string, string>; exceeded: boolean } {
    const short = this.window(route.key, route.limit, FIFTEEN_MINUTES);
    const daily = route.dailyLimit ? this.window(`${route.key}#day`, route.dailyLimit, ONE_DAY) : null;
    const exceeded = enforce && route.enforced === true && (short.used >= short.limit || (daily !== null && daily.used >= daily.limit));
    if (!exceeded) {
      short.used += 1;
      if (daily) daily.used += 1;
    }
    const reset = (w: Window) => String(Math.ceil((w.start + w.span) / 1000));
    const remaining = (w: Window) => String(Math.max(0, w.limit - w.used));
    const headers: Record<string, string> = {
      'x-rate-limit-limit': String(short.limit),
      'x-rate-limit-remaining': remaining(short),
      'x-rate-limit-reset': reset(short),
    };
    if (daily) {
      headers['x-user-limit-24hour-limit'] = String(daily.limit);
      headers['x-user-limit-24hour-remaining'] = remaining(daily);
      headers['x-user-limit-24hour-reset'] = reset(daily);
    }
    return { headers, exceeded };
  }
}

// ---------------------------------------------------------------------------------------------
// Routes

interface Call {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

interface Route {
  method: string;
  template: string;
  key: string;
  pattern: RegExp;
  /** Requests per 15-minute window. */
  limit: number;
  dailyLimit?: number;
  /** Limits answered with 429 when the fake enforces rate limits. */
  enforced?: boolean;
  handle(call: Call): HttpAnswer;
}

const templatePattern = (template: string) =>
  new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);

const USER_FIELD_NAMES = new Set([
  'affiliation', 'confirmed_email', 'connection_status', 'created_at', 'description', 'entities', 'id',
  'is_identity_verified', 'location', 'most_recent_tweet_id', 'name', 'parody', 'pinned_tweet_id',
  'profile_banner_url', 'profile_image_url', 'protected', 'public_metrics', 'receives_your_dm',
  'subscription', 'subscription_type', 'url', 'username', 'verified', 'verified_followers_count',
  'verified_type', 'withheld',
]);
const TWEET_FIELD_NAMES = new Set(['id', 'text', 'author_id', 'created_at', 'conversation_id', 'edit_history_tweet_ids', 'lang', 'public_metrics', 'entities', 'in_reply_to_user_id', 'referenced_tweets']);
const DM_EVENT_FIELD_NAMES = new Set(['id', 'text', 'event_type', 'created_at', 'dm_conversation_id', 'sender_id', 'participant_ids', 'referenced_tweets', 'attachments']);

function fieldList(query: URLSearchParams, name: string, allowed: Set<string>): Set<string> {
  const raw = query.get(name);
  if (raw === null) return new Set();
  const fields = raw.split(',').filter(Boolean);
  const unknown = fields.filter((f) => !allowed.has(f));
  if (unknown.length) {
    throw fail(400, invalidRequest(`The \`${name}\` query parameter value [${unknown[0]}] is not one of [${[...allowed].join(',')}]`, { [name]: [raw] }));
  }
  return new Set(fields);
}

function intParam(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw fail(400, invalidRequest(`The \`${name}\` query parameter value [${raw}] is not between ${min} and ${max}`, { [name]: [raw] }));
  }
  return value;
}

const dmBody = z
  .strictObject({
    text: z.string().min(1).max(10_000).optional(),
    attachments: z.array(z.strictObject({ media_id: z.string() })).length(1).optional(),
  })
  .refine((b) => b.text !== undefined || b.attachments !== undefined, 'text or attachments is required');

const postBody = z.strictObject({
  text: z.string().min(1),
  reply: z.strictObject({ in_reply_to_tweet_id: z.string() }).optional(),
  quote_tweet_id: z.string().optional(),
  reply_settings: z.enum(['mentionedUsers', 'following', 'subscribers', 'verified']).optional(),
});

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fail(400, invalidRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')));
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// State

interface Follow {
  seq: number;
  id: string;
}

const DEFAULT_AVATAR = 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png';
const MENTIONS_KEPT = 800;
const FIRST_NAMES = ['Camille', 'Léa', 'Hugo', 'Inès', 'Jules', 'Maya', 'Noah', 'Zoé', 'Sacha', 'Lina', 'Adam', 'Chloé'];

export async function startFakeX(opts: FakeXOptions = {}): Promise<FakeX> {
  const account = opts.account ?? FAKE_X_ACCOUNT;
  const credentials = opts.credentials ?? FAKE_X_CREDENTIALS;
  const now = opts.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();

  const users = new Map<string, FollowerProfile>();
  const byHandle = new Map<string, string>();
  // Oldest first, so following appends and a cursor (a follow's seq) survives new arrivals.
  const follows: Follow[] = [];
  const followSeq = new Map<string, number>();
  let nextSeq = 1;
  let nextId = 1_600_000_000_000_000_001n;
  const newId = () => String(nextId++);

  const conversations = new Map<string, FakeDm[]>();
  const timeline: FakePost[] = [];
  const seenNonces = new Set<string>();
  const failures: { match: FakeXMatch; response: FakeXFailure; left: number }[] = [];
  const rateLimits = new RateLimits(now);

  const state = {
    sentDms: [] as FakeDm[],
    posts: [] as FakePost[],
    usersReturned: 0,
    requests: [] as FakeXRequest[],
    unhandled: [] as FakeXRequest[],
  };

  function register(profile: FollowerProfile): FollowerProfile {
    const previous = users.get(profile.xUserId);
    if (previous) byHandle.delete(previous.handle.toLowerCase());
    users.set(profile.xUserId, profile);
    byHandle.set(profile.handle.toLowerCase(), profile.xUserId);
    return profile;
  }

  function makeProfile(partial: Partial<FollowerProfile>, following: boolean): FollowerProfile {
    const id = partial.xUserId ?? newId();
    const existing = users.get(id);
    const first = FIRST_NAMES[users.size % FIRST_NAMES.length]!;
    const base: FollowerProfile = existing ?? {
      xUserId: id,
      handle: `${first.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}_${id.slice(-4)}`,
      name: first,
      bio: '',
      location: null,
      url: null,
      createdAt: '2021-03-14T09:26:53.000Z',
      followersCount: 120,
      followingCount: 180,
      postsCount: 340,
      verified: false,
      protected: false,
      defaultAvatar: false,
      receivesYourDm: true,
      connectionStatus: [],
    };
    const merged = { ...base, ...partial, xUserId: id };
    const others = merged.connectionStatus.filter((s) => s !== 'followed_by');
    return { ...merged, connectionStatus: following ? ['followed_by', ...others] : others };
  }

  function follow(id: string): void {
    unfollow(id);
    const seq = nextSeq++;
    follows.push({ seq, id });
    followSeq.set(id, seq);
  }

  function unfollow(id: string): void {
    const seq = followSeq.get(id);
    if (seq === undefined) return;
    follows.splice(indexOfSeq(seq), 1);
    followSeq.delete(id);
  }

  /** Index of the newest follow whose seq is at most `seq` (binary search; seqs only grow). */
  function indexOfSeq(seq: number): number {
    let lo = 0;
    let hi = follows.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (follows[mid]!.seq <= seq) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  function accountProfile(): FollowerProfile {
    return makeProfile({ xUserId: account.id, handle: account.handle, name: account.name, followersCount: follows.length, receivesYourDm: null }, false);
  }

  function renderUser(profile: FollowerProfile, fields: Set<string>): Record<string, unknown> {
    const user: Record<string, unknown> = { id: profile.xUserId, name: profile.name, username: profile.handle };
    const shortUrl = profile.url ? `https://t.co/${Buffer.from(profile.xUserId).toString('base64url').slice(-10)}` : null;
    if (fields.has('description')) user.description = profile.bio;
    if (fields.has('location') && profile.location) user.location = profile.location;
    if (fields.has('url')) user.url = shortUrl ?? '';
    if (fields.has('entities') && profile.url && shortUrl) {
      const display = profile.url.replace(/^https?:\/\//, '').slice(0, 30);
      user.entities = { url: { urls: [{ start: 0, end: 23, url: shortUrl, expanded_url: profile.url, display_url: display }] } };
    }
    if (fields.has('created_at') && profile.createdAt) user.created_at = profile.createdAt;
    if (fields.has('profile_image_url')) {
      user.profile_image_url = profile.defaultAvatar ? DEFAULT_AVATAR : `https://pbs.twimg.com/profile_images/${profile.xUserId}/avatar_normal.jpg`;
    }
    if (fields.has('protected')) user.protected = profile.protected;
    if (fields.has('verified')) user.verified = profile.verified;
    if (fields.has('public_metrics')) {
      user.public_metrics = {
        followers_count: profile.followersCount,
        following_count: profile.followingCount,
        tweet_count: profile.postsCount,
        listed_count: 0,
        like_count: 0,
      };
    }
    if (fields.has('receives_your_dm') && profile.receivesYourDm !== null) user.receives_your_dm = profile.receivesYourDm;
    // X leaves connection_status out when there is no connection at all.
    if (fields.has('connection_status') && profile.connectionStatus.length) user.connection_status = profile.connectionStatus;
    return user;
  }

  const userFields = (query: URLSearchParams) => fieldList(query, 'user.fields', USER_FIELD_NAMES);

  const conversationId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`);

  function addDm(senderId: string, recipientId: string, text: string): FakeDm {
    const other = senderId === account.id ? recipientId : senderId;
    const dm: FakeDm = { id: newId(), conversationId: conversationId(senderId, recipientId), senderId, recipientId, text, createdAt: iso() };
    const events = conversations.get(other) ?? [];
    events.push(dm);
    conversations.set(other, events);
    return dm;
  }

  function addPost(authorId: string, text: string): FakePost {
    const post: FakePost = { id: newId(), authorId, text, createdAt: iso() };
    timeline.push(post);
    return post;
  }

  const cursor = (prefix: string, value: number) => Buffer.from(`${prefix}:${value}`).toString('base64url');
  function readCursor(query: URLSearchParams, prefix: string): number | null {
    const raw = query.get('pagination_token');
    if (raw === null) return null;
    const [p, v] = Buffer.from(raw, 'base64url').toString().split(':');
    const value = Number(v);
    if (p !== prefix || !Number.isInteger(value)) {
      throw fail(400, invalidRequest(`The \`pagination_token\` query parameter value [${raw}] is not valid`, { pagination_token: [raw] }));
    }
    return value;
  }

  /** Newest-first slice of a list, paged by position counted from the newest end. */
  function pageOf<T>(newestLast: T[], query: URLSearchParams, prefix: string, size: number) {
    const skip = readCursor(query, prefix) ?? 0;
    const items: T[] = [];
    for (let i = newestLast.length - 1 - skip; i >= 0 && items.length < size; i -= 1) items.push(newestLast[i]!);
    const more = newestLast.length - skip - items.length > 0;
    return { items, nextToken: more ? cursor(prefix, skip + items.length) : null };
  }

  const table: Omit<Route, 'key' | 'pattern'>[] = [
    {
      method: 'GET', template: '/2/users/me', limit: 75,
      handle: ({ query }) => new HttpAnswer(200, { data: renderUser(accountProfile(), userFields(query)) }),
    },
    {
      method: 'GET', template: '/2/users/:id/followers', limit: 15,
      handle: ({ params, query }) => {
        const fields = userFields(query);
        const max = intParam(query, 'max_results', 1, 1000, 100);
        if (params.id !== account.id) return new HttpAnswer(200, { meta: { result_count: 0 } });
        // The cursor is the seq of the next follow to return, so arrivals do not shift pages.
        const fromSeq = readCursor(query, 'followers');
        const start = fromSeq === null ? follows.length - 1 : indexOfSeq(fromSeq);
        const data: Record<string, unknown>[] = [];
        let i = start;
        for (; i >= 0 && data.length < max; i -= 1) data.push(renderUser(users.get(follows[i]!.id)!, fields));
        state.usersReturned += data.length;
        const meta: Record<string, unknown> = { result_count: data.length };
        if (i >= 0) meta.next_token = cursor('followers', follows[i]!.seq);
        return new HttpAnswer(200, data.length ? { data, meta } : { meta });
      },
    },
    {
      method: 'GET', template: '/2/users', limit: 900,
      handle: ({ query }) => {
        const fields = userFields(query);
        const raw = query.get('ids');
        const ids = raw?.split(',').filter(Boolean) ?? [];
        if (!ids.length || ids.length > 100 || ids.some((id) => !/^\d{1,19}$/.test(id))) {
          throw fail(400, invalidRequest('The `ids` query parameter must hold 1 to 100 comma-separated numeric ids', { ids: [raw ?? ''] }));
        }
        const found = ids.map((id) => users.get(id)).filter((u): u is FollowerProfile => u !== undefined);
        const errors = ids.filter((id) => !users.has(id)).map((id) => notFoundError('ids', id, `Could not find user with ids: [${id}].`));
        return new HttpAnswer(200, { ...(found.length ? { data: found.map((u) => renderUser(u, fields)) } : {}), ...(errors.length ? { errors } : {}) });
      },
    },
    {
      method: 'GET', template: '/2/users/by/username/:username', limit: 900,
      handle: ({ params, query }) => {
        const fields = userFields(query);
        const username = decodeURIComponent(params.username!);
        if (!/^\w{1,15}$/.test(username)) throw fail(400, invalidRequest(`The \`username\` query parameter value [${username}] does not match ^[A-Za-z0-9_]{1,15}$`));
        const id = byHandle.get(username.toLowerCase());
        if (!id) return new HttpAnswer(200, { errors: [notFoundError('username', username, `Could not find user with username: [${username}].`)] });
        return new HttpAnswer(200, { data: renderUser(users.get(id)!, fields) });
      },
    },
    {
      method: 'POST', template: '/2/dm_conversations/with/:participant_id/messages', limit: 15, dailyLimit: 1440, enforced: true,
      handle: ({ params, body }) => {
        const { text } = parseBody(dmBody, body);
        const recipient = users.get(params.participant_id!);
        if (!recipient || recipient.xUserId === account.id) {
          throw fail(400, invalidRequest(`participant_id [${params.participant_id}] is not a valid recipient`, { participant_id: [params.participant_id!] }));
        }
        // X gives no reason when the person's settings refuse your DMs: a bare 403.
        if (recipient.receivesYourDm === false) throw fail(403);
        const dm = addDm(account.id, recipient.xUserId, text ?? '');
        state.sentDms.push(dm);
        return new HttpAnswer(201, { data: { dm_conversation_id: dm.conversationId, dm_event_id: dm.id } });
      },
    },
    {
      method: 'GET', template: '/2/dm_conversations/with/:participant_id/dm_events', limit: 300,
      handle: ({ params, query }) => {
        const fields = fieldList(query, 'dm_event.fields', DM_EVENT_FIELD_NAMES);
        const max = intParam(query, 'max_results', 1, 100, 100);
        const types = query.get('event_types');
        if (types !== null && !['MessageCreate', 'ParticipantsJoin', 'ParticipantsLeave'].includes(types)) {
          throw fail(400, invalidRequest(`The \`event_types\` query parameter value [${types}] is not valid`));
        }
        const events = types === null || types === 'MessageCreate' ? (conversations.get(params.participant_id!) ?? []) : [];
        const { items, nextToken } = pageOf(events, query, 'dm', max);
        const data = items.map((dm) => ({
          id: dm.id,
          event_type: 'MessageCreate',
          text: dm.text,
          ...(fields.has('sender_id') ? { sender_id: dm.senderId } : {}),
          ...(fields.has('created_at') ? { created_at: dm.createdAt } : {}),
          ...(fields.has('dm_conversation_id') ? { dm_conversation_id: dm.conversationId } : {}),
        }));
        const meta = { result_count: data.length, ...(nextToken ? { next_token: nextToken } : {}) };
        return new HttpAnswer(200, data.length ? { data, meta } : { meta });
      },
    },
    {
      method: 'POST', template: '/2/tweets', limit: 100, enforced: true,
      handle: ({ body }) => {
        const { text } = parseBody(postBody, body);
        if (state.posts.some((p) => p.text === text)) {
          throw fail(403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
        }
        const post = addPost(account.id, text);
        state.posts.push(post);
        return new HttpAnswer(201, { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } });
      },
    },
    {
      method: 'GET', template: '/2/users/:id/mentions', limit: 300,
      handle: ({ params, query }) => {
        const fields = fieldList(query, 'tweet.fields', TWEET_FIELD_NAMES);
        const max = intParam(query, 'max_results', 5, 100, 10);
        const expansions = new Set((query.get('expansions') ?? '').split(',').filter(Boolean));
        const mentioned = users.get(params.id!) ?? (params.id === account.id ? accountProfile() : undefined);
        if (!mentioned) return new HttpAnswer(200, { meta: { result_count: 0 } });
        const since = query.get('start_time');
        const tag = new RegExp(`(^|[^\\w])@${mentioned.handle}(?!\\w)`, 'i');
        const all = timeline
          .filter((p) => p.authorId !== mentioned.xUserId && tag.test(p.text) && (!since || p.createdAt >= since))
          .slice(-MENTIONS_KEPT);
        const { items, nextToken } = pageOf(all, query, 'mentions', max);
        const data = items.map((p) => ({
          id: p.id,
          text: p.text,
          edit_history_tweet_ids: [p.id],
          ...(fields.has('author_id') ? { author_id: p.authorId } : {}),
          ...(fields.has('created_at') ? { created_at: p.createdAt } : {}),
        }));
        const authors = [...new Set(items.map((p) => p.authorId))].map((id) => users.get(id)).filter((u) => u !== undefined);
        const meta = {
          result_count: data.length,
          ...(items.length ? { newest_id: items[0]!.id, oldest_id: items[items.length - 1]!.id } : {}),
          ...(nextToken ? { next_token: nextToken } : {}),
        };
        return new HttpAnswer(200, {
          ...(data.length ? { data } : {}),
          ...(expansions.has('author_id') && authors.length ? { includes: { users: authors.map((u) => renderUser(u, userFields(query))) } } : {}),
          meta,
        });
      },
    },
  ];
  const routes: Route[] = table.map((r) => ({ ...r, key: `${r.method} ${r.template}`, pattern: templatePattern(r.template) }));

  // ---------------------------------------------------------------------------------------------
  // HTTP

  function matches(match: FakeXMatch, method: string, path: string): boolean {
    if (match.method && match.method.toUpperCase() !== method) return false;
    return typeof match.path === 'string' ? templatePattern(match.path).test(path) : match.path.test(path);
  }

  function takeFailure(method: string, path: string): FakeXFailure | null {
    const index = failures.findIndex((f) => matches(f.match, method, path));
    if (index < 0) return null;
    const failure = failures[index]!;
    failure.left -= 1;
    if (failure.left <= 0) failures.splice(index, 1);
    return failure.response;
  }

  function injected(failure: Exclude<FakeXFailure, { drop: true }>): HttpAnswer {
    const headers = { ...failure.headers };
    if (failure.status === 429) {
      headers['x-rate-limit-limit'] ??= '15';
      headers['x-rate-limit-remaining'] ??= '0';
      headers['x-rate-limit-reset'] ??= String(Math.ceil((now() + FIFTEEN_MINUTES) / 1000));
    }
    return new HttpAnswer(failure.status, failure.body ?? DEFAULT_BODIES[failure.status] ?? bareProblem(failure.status, 'Error'), headers);
  }

  async function answer(req: http.IncomingMessage, log: FakeXRequest): Promise<HttpAnswer | 'drop'> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const formBody = contentType.includes('application/x-www-form-urlencoded') ? new URLSearchParams(raw) : null;

    const signed = verifyOAuth(
      { method, baseUrl: `${url.protocol}//${url.host}${url.pathname}`, query: url.searchParams, formBody, authorization: req.headers.authorization },
      credentials,
      seenNonces,
    );
    if (!signed) return fail(401);

    const failure = takeFailure(method, url.pathname);
    if (failure) return 'drop' in failure ? 'drop' : injected(failure);

    const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) {
      state.unhandled.push(log);
      return fail(404, { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] });
    }
    const { headers, exceeded } = rateLimits.take(route, opts.enforceRateLimits === true);
    if (exceeded) return new HttpAnswer(429, DEFAULT_BODIES[429], headers);
    try {
      let body: unknown;
      if (method === 'POST') {
        if (!contentType.includes('application/json')) throw fail(400, invalidRequest('The request body must be JSON (application/json)'));
        try {
          body = JSON.parse(raw);
        } catch {
          throw fail(400, invalidRequest('The request body is not valid JSON'));
        }
      }
      const params = route.pattern.exec(url.pathname)?.groups ?? {};
      const result = route.handle({ params, query: url.searchParams, body });
      return new HttpAnswer(result.status, result.body, { ...headers, ...result.headers });
    } catch (error) {
      if (error instanceof HttpAnswer) return new HttpAnswer(error.status, error.body, { ...headers, ...error.headers });
      throw error;
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const log: FakeXRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0 };
    state.requests.push(log);
    answer(req, log)
      .then((result) => {
        if (result === 'drop') {
          log.status = 'dropped';
          req.socket.destroy();
          return;
        }
        log.status = result.status;
        res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...result.headers });
        res.end(JSON.stringify(result.body));
      })
      .catch((error: unknown) => {
        log.status = 500;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...bareProblem(500, 'Internal Server Error'), detail: `fake X crashed: ${String(error)}` }));
      });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const fake: FakeX = {
    url: baseUrl,
    account,
    credentials,
    clientCredentials: { ...credentials, apiUrl: baseUrl },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),

    addFollower(partial = {}) {
      const profile = register(makeProfile(partial, true));
      follow(profile.xUserId);
      return profile;
    },
    addFollowers(count) {
      for (let k = 0; k < count; k += 1) {
        const id = newId();
        const n = id.slice(-7);
        register({
          xUserId: id,
          handle: `fan_${n}`,
          name: `Fan ${n}`,
          bio: k % 3 === 0 ? 'Coffee, books and design.' : '',
          location: null,
          url: null,
          createdAt: '2020-06-01T12:00:00.000Z',
          followersCount: 50 + (k % 500),
          followingCount: 80 + (k % 700),
          postsCount: 10 + (k % 2000),
          verified: false,
          protected: false,
          defaultAvatar: k % 10 === 0,
          receivesYourDm: k % 4 !== 0,
          connectionStatus: ['followed_by'],
        });
        follow(id);
      }
    },
    addUser(partial = {}) {
      return register(makeProfile(partial, followSeq.has(partial.xUserId ?? '')));
    },
    removeFollower(id) {
      unfollow(id);
      const profile = users.get(id);
      if (profile) register({ ...profile, connectionStatus: profile.connectionStatus.filter((s) => s !== 'followed_by') });
    },
    followerCount: () => follows.length,
    user: (id) => users.get(id),

    writeDm(fromUserId, text) {
      if (!users.has(fromUserId)) throw new Error(`fake X: no user ${fromUserId}; add them first`);
      return addDm(fromUserId, account.id, text);
    },
    mention(fromUserId, text) {
      if (!users.has(fromUserId)) throw new Error(`fake X: no user ${fromUserId}; add them first`);
      const tagged = new RegExp(`@${account.handle}(?!\\w)`, 'i').test(text) ? text : `@${account.handle} ${text}`;
      return addPost(fromUserId, tagged);
    },

    get sentDms() {
      return state.sentDms;
    },
    get posts() {
      return state.posts;
    },
    get usersReturned() {
      return state.usersReturned;
    },
    get requests() {
      return state.requests;
    },
    get unhandled() {
      return state.unhandled;
    },
    failNext(match, response, times = 1) {
      failures.push({ match, response, left: times });
    },
  };
  return fake;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
