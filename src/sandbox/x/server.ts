// A fake X API v2 over HTTP on loopback, for the tests and the demo. It checks what it receives
// the way X does (OAuth 1.0a signatures, bearer tokens, parameters, JSON bodies) and answers in X's shapes.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twitterText from 'twitter-text';
import { z } from 'zod';
import type { FollowerProfile } from '../../domain';
import { activityPayloads, deliver, passesCrc } from './activity';
import { bareProblem, DEFAULT_BODIES, fail, HttpAnswer, invalidRequest, notFoundError, problemsOf, suspendedError, unsupportedAuthentication } from './answers';
import { FakeXAuth, type AuthKind, type FakeXCredentials } from './auth';
import { FAKE_OAUTH2_CLIENT, FAKE_OAUTH2_PUBLIC_CLIENT, FakeXOAuth2 } from './oauth2';
import { FIFTEEN_MINUTES, RateLimits } from './rate-limits';
import type { FakeDm, FakePost, FakeWebhook, FakeX, FakeXAccount, FakeXFailure, FakeXMatch, FakeXOptions, FakeXRefusal, FakeXRequest } from './types';
import { DEFAULT_X_API_VERSION, XSpec } from './spec';
import { renderUser } from './users';

export const FAKE_X_ACCOUNT: FakeXAccount = { id: '1500000000000000001', handle: 'maison_lumen', name: 'Maison Lumen' };

export const FAKE_X_CREDENTIALS: FakeXCredentials = {
  apiKey: 'fake-consumer-key',
  apiSecret: 'fake-consumer-secret',
  accessToken: '1500000000000000001-fake-access-token',
  accessSecret: 'fake-access-secret',
};

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
  /** Who may call it: the account (OAuth 1.0a, the default), the app (bearer token), or the consumer key pair. */
  auth?: AuthKind;
  /** Requests per 15-minute window. */
  limit: number;
  dailyLimit?: number;
  /** Limits answered with 429 when the fake enforces rate limits. */
  enforced?: boolean;
  handle(call: Call): HttpAnswer | Promise<HttpAnswer>;
}

const templatePattern = (template: string) =>
  new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);

// Names and values are checked against X's description before a route sees them (./spec.ts).
const fieldList = (query: URLSearchParams, name: string): Set<string> => new Set((query.get(name) ?? '').split(',').filter(Boolean));

const intParam = (query: URLSearchParams, name: string, fallback: number): number => {
  const raw = query.get(name);
  return raw === null ? fallback : Number(raw);
};

const timeParam = (query: URLSearchParams, name: string): string | null => {
  const raw = query.get(name);
  return raw === null ? null : new Date(raw).toISOString();
};

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

const webhookBody = z.strictObject({ url: z.string().min(1) });
const emptyBody = z.union([z.undefined(), z.strictObject({})]);

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fail(400, invalidRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')));
  return parsed.data;
}

/**
 * X wants a public https URL without a port. The fake also takes http on loopback, where the
 * tests run their webhook listener.
 */
function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'UrlValidationFailed: the url is not a valid URL';
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (loopback) return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'UrlValidationFailed: the url must be https';
  if (url.protocol !== 'https:') return 'UrlValidationFailed: the url must be https';
  if (url.port !== '') return 'UrlValidationFailed: the url cannot include a port';
  return null;
}

/** X wraps every link in a post or a DM, bare domains too, in a t.co link when it shows the text. */
function withShortLinks(text: string): string {
  let out = '';
  let from = 0;
  for (const { url, indices } of twitterText.extractUrlsWithIndices(text)) {
    out += `${text.slice(from, indices[0])}https://t.co/${createHash('sha1').update(url).digest('base64url').slice(0, 10)}`;
    from = indices[1];
  }
  return out + text.slice(from);
}

// The app-only token endpoint belongs to OAuth 2.0, outside the API's v2 description.
const OUTSIDE_V2_DESCRIPTION = new Set(['POST /oauth2/token']);

// ---------------------------------------------------------------------------------------------
// State

interface Follow {
  seq: number;
  id: string;
}

const MENTIONS_KEPT = 800;
// GET /2/users/:id/tweets reaches back 3,200 posts.
const TIMELINE_KEPT = 3200;
const FIRST_NAMES = ['Camille', 'Léa', 'Hugo', 'Inès', 'Jules', 'Maya', 'Noah', 'Zoé', 'Sacha', 'Lina', 'Adam', 'Chloé'];

export async function startFakeX(opts: FakeXOptions = {}): Promise<FakeX & { oauth2: FakeXOAuth2 }> {
  const account = opts.account ?? FAKE_X_ACCOUNT;
  const credentials = opts.credentials ?? FAKE_X_CREDENTIALS;
  const now = opts.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  const version = opts.version ?? DEFAULT_X_API_VERSION;
  const spec = XSpec.load(version);
  // 2.167 renames tweet.fields → post.fields and referenced_tweets → referenced_posts.
  const postFields = version === '2.166' ? 'tweet.fields' : 'post.fields';

  const users = new Map<string, FollowerProfile>();
  const byHandle = new Map<string, string>();
  const suspended = new Set<string>();
  // Oldest first, so following appends and a cursor (a follow's seq) survives new arrivals.
  const follows: Follow[] = [];
  const followSeq = new Map<string, number>();
  let nextSeq = 1;
  let nextId = 1_600_000_000_000_000_001n;
  const newId = () => String(nextId++);

  const conversations = new Map<string, FakeDm[]>();
  const timeline: FakePost[] = [];
  const webhooks = new Map<string, FakeWebhook>();
  const auth = new FakeXAuth(credentials);
  const oauth2 = new FakeXOAuth2([FAKE_OAUTH2_CLIENT, FAKE_OAUTH2_PUBLIC_CLIENT], now);
  const failures: { match: FakeXMatch; response: FakeXFailure; left: number }[] = [];
  const rateLimits = new RateLimits(now);

  const state = {
    sentDms: [] as FakeDm[],
    posts: [] as FakePost[],
    usersReturned: 0,
    requests: [] as FakeXRequest[],
    unhandled: [] as FakeXRequest[],
    refused: [] as FakeXRefusal[],
    offSpecAnswers: [] as string[],
    latencyMs: 0,
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

  const userFields = (query: URLSearchParams) => fieldList(query, 'user.fields');
  const user = (profile: FollowerProfile, query: URLSearchParams) => renderUser(profile, userFields(query), version);

  const conversationId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`);

  function addDm(senderId: string, recipientId: string, text: string): FakeDm {
    const other = senderId === account.id ? recipientId : senderId;
    const dm: FakeDm = { id: newId(), conversationId: conversationId(senderId, recipientId), senderId, recipientId, text, createdAt: iso() };
    const events = conversations.get(other) ?? [];
    events.push(dm);
    conversations.set(other, events);
    return dm;
  }

  function addPost(authorId: string, text: string, inReplyTo?: string): FakePost {
    const id = newId();
    const parent = inReplyTo === undefined ? undefined : timeline.find((p) => p.id === inReplyTo);
    if (inReplyTo !== undefined && !parent) throw new Error(`fake X: no post ${inReplyTo}`);
    const post: FakePost = {
      id,
      authorId,
      text,
      createdAt: iso(),
      conversationId: parent?.conversationId ?? id,
      ...(parent ? { inReplyTo: { postId: parent.id, userId: parent.authorId } } : {}),
    };
    timeline.push(post);
    return post;
  }

  // Lowercase hex: within the base32 alphabet X describes, and past the 16 characters it requires.
  const cursor = (prefix: string, value: number) => Buffer.from(`${prefix}:${String(value).padStart(12, '0')}`).toString('hex');
  function readCursor(query: URLSearchParams, prefix: string): number | null {
    const raw = query.get('pagination_token');
    if (raw === null) return null;
    const [p, v] = (/^[0-9a-f]+$/.test(raw) ? Buffer.from(raw, 'hex').toString() : '').split(':');
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

  /** DM events as X renders them, newest first, with the fields asked for. */
  function renderDmEvents(newestLast: FakeDm[], query: URLSearchParams): HttpAnswer {
    const fields = fieldList(query, 'dm_event.fields');
    const expansions = fieldList(query, 'expansions');
    const max = intParam(query, 'max_results', 100);
    const { items, nextToken } = pageOf(newestLast, query, 'dm', max);
    // 2.167 dropped sender_id from the fields: the sender comes through expansions=sender_id.
    const withSender = fields.has('sender_id') || expansions.has('sender_id');
    const data = items.map((dm) => ({
      id: dm.id,
      event_type: 'MessageCreate',
      text: withShortLinks(dm.text),
      ...(withSender ? { sender_id: dm.senderId } : {}),
      ...(fields.has('created_at') ? { created_at: dm.createdAt } : {}),
      ...(fields.has('dm_conversation_id') ? { dm_conversation_id: dm.conversationId } : {}),
    }));
    const senders = expansions.has('sender_id')
      ? [...new Set(items.map((dm) => dm.senderId))].map((id) => (id === account.id ? accountProfile() : users.get(id))).filter((u) => u !== undefined)
      : [];
    const meta = { result_count: data.length, ...(nextToken ? { next_token: nextToken } : {}) };
    return new HttpAnswer(200, { ...(data.length ? { data } : {}), ...(senders.length ? { includes: { users: senders.map((u) => user(u, query)) } } : {}), meta });
  }

  /** Posts as the timelines render them, with the fields asked for. */
  function renderPosts(items: FakePost[], query: URLSearchParams, nextToken: string | null): HttpAnswer {
    const fields = fieldList(query, postFields);
    const expansions = fieldList(query, 'expansions');
    // 2.166 asks for these as fields; 2.167 only through expansions (which bring the ids too).
    const wants = (field: string, expansion = field) => fields.has(field) || expansions.has(expansion);
    const references = (p: FakePost) => (p.inReplyTo ? [{ type: 'replied_to', id: p.inReplyTo.postId }] : []);
    const data = items.map((p) => ({
      id: p.id,
      text: withShortLinks(p.text),
      ...(version === '2.166' ? { edit_history_tweet_ids: [p.id] } : {}),
      ...(wants('author_id') ? { author_id: p.authorId } : {}),
      ...(fields.has('created_at') ? { created_at: p.createdAt } : {}),
      ...(fields.has('conversation_id') ? { conversation_id: p.conversationId } : {}),
      ...(p.inReplyTo && wants('in_reply_to_user_id') ? { in_reply_to_user_id: p.inReplyTo.userId } : {}),
      ...(p.inReplyTo && version === '2.166' && wants('referenced_tweets', 'referenced_tweets.id') ? { referenced_tweets: references(p) } : {}),
      ...(p.inReplyTo && version === '2.167' && expansions.has('referenced_posts') ? { referenced_posts: references(p) } : {}),
    }));
    const authors = [...new Set(items.map((p) => p.authorId))]
      .map((id) => (id === account.id ? accountProfile() : users.get(id)))
      .filter((u) => u !== undefined);
    const meta = {
      result_count: data.length,
      ...(items.length ? { newest_id: items[0]!.id, oldest_id: items[items.length - 1]!.id } : {}),
      ...(nextToken ? { next_token: nextToken } : {}),
    };
    return new HttpAnswer(200, {
      ...(data.length ? { data } : {}),
      ...(expansions.has('author_id') && authors.length ? { includes: { users: authors.map((u) => user(u, query)) } } : {}),
      meta,
    });
  }

  function webhook(id: string): FakeWebhook {
    const found = webhooks.get(id);
    if (!found) throw fail(400, invalidRequest(`WebhookIdInvalid: webhook_id [${id}] was not found or is not associated with the app`));
    return found;
  }

  const renderWebhook = (w: FakeWebhook) => ({ id: w.id, url: w.url, valid: w.valid, created_at: w.createdAt });
  // 2.166 answers a registration with the bare config and a re-check with { attempted }; 2.167 wraps the one and says { valid }.
  const created = (w: FakeWebhook) => (version === '2.166' ? renderWebhook(w) : { data: renderWebhook(w) });

  const table: Omit<Route, 'key' | 'pattern'>[] = [
    {
      method: 'GET', template: '/2/users/me', limit: 75,
      handle: ({ query }) => new HttpAnswer(200, { data: user(accountProfile(), query) }),
    },
    {
      method: 'GET', template: '/2/users/:id/followers', limit: 15,
      handle: ({ params, query }) => {
        const fields = userFields(query);
        const max = intParam(query, 'max_results', 100);
        if (params.id !== account.id) return new HttpAnswer(200, { meta: { result_count: 0 } });
        // The cursor is the seq of the next follow to return, so arrivals do not shift pages.
        const fromSeq = readCursor(query, 'followers');
        const start = fromSeq === null ? follows.length - 1 : indexOfSeq(fromSeq);
        const data: Record<string, unknown>[] = [];
        let i = start;
        for (; i >= 0 && data.length < max; i -= 1) data.push(renderUser(users.get(follows[i]!.id)!, fields, version));
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
        const found = ids.filter((id) => !suspended.has(id)).map((id) => users.get(id)).filter((u): u is FollowerProfile => u !== undefined);
        const errors = ids
          .filter((id) => !users.has(id) || suspended.has(id))
          .map((id) => (suspended.has(id) ? suspendedError('ids', id) : notFoundError('ids', id, `Could not find user with ids: [${id}].`)));
        return new HttpAnswer(200, { ...(found.length ? { data: found.map((u) => renderUser(u, fields, version)) } : {}), ...(errors.length ? { errors } : {}) });
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
        if (suspended.has(id)) return new HttpAnswer(200, { errors: [suspendedError('username', username)] });
        return new HttpAnswer(200, { data: renderUser(users.get(id)!, fields, version) });
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
        const types = fieldList(query, 'event_types');
        const events = types.size === 0 || types.has('MessageCreate') ? (conversations.get(params.participant_id!) ?? []) : [];
        return renderDmEvents(events, query);
      },
    },
    {
      // The account's DM events across all its conversations, newest first (docs.x.com: GET /2/dm_events,
      // 15 requests per 15 minutes per user).
      method: 'GET', template: '/2/dm_events', limit: 15, enforced: true,
      handle: ({ query }) => {
        const types = fieldList(query, 'event_types');
        const all = types.size === 0 || types.has('MessageCreate') ? [...conversations.values()].flat().sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)) : [];
        return renderDmEvents(all, query);
      },
    },
    {
      method: 'POST', template: '/2/tweets', limit: 100, enforced: true,
      handle: ({ body }) => {
        const { text, reply } = parseBody(postBody, body);
        if (state.posts.some((p) => p.text === text)) {
          throw fail(403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
        }
        const inReplyToId = reply?.in_reply_to_tweet_id ?? null;
        if (inReplyToId !== null && !timeline.some((p) => p.id === inReplyToId)) {
          throw fail(403, { detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.', type: 'about:blank', title: 'Forbidden', status: 403 });
        }
        const post = { ...addPost(account.id, text), inReplyToId };
        state.posts.push(post);
        return new HttpAnswer(201, { data: { id: post.id, text: post.text, [version === '2.166' ? 'edit_history_tweet_ids' : 'edit_history_post_ids']: [post.id] } });
      },
    },
    {
      method: 'GET', template: '/2/users/:id/tweets', limit: 900,
      handle: ({ params, query }) => {
        const max = intParam(query, 'max_results', 10);
        const since = timeParam(query, 'start_time');
        const until = timeParam(query, 'end_time');
        const own = timeline
          .filter((p) => p.authorId === params.id)
          .slice(-TIMELINE_KEPT)
          .filter((p) => (!since || p.createdAt >= since) && (!until || p.createdAt < until));
        const { items, nextToken } = pageOf(own, query, 'posts', max);
        return renderPosts(items, query, nextToken);
      },
    },
    {
      method: 'GET', template: '/2/users/:id/mentions', limit: 300,
      handle: ({ params, query }) => {
        const max = intParam(query, 'max_results', 10);
        const mentioned = users.get(params.id!) ?? (params.id === account.id ? accountProfile() : undefined);
        if (!mentioned) return new HttpAnswer(200, { meta: { result_count: 0 } });
        const since = timeParam(query, 'start_time');
        const sinceId = query.get('since_id');
        const tag = new RegExp(`(^|[^\\w])@${mentioned.handle}(?!\\w)`, 'i');
        const repliesTo = (p: FakePost) => p.inReplyTo?.userId === mentioned.xUserId;
        const all = timeline
          .filter((p) => p.authorId !== mentioned.xUserId && (tag.test(p.text) || repliesTo(p)))
          .filter((p) => (!since || p.createdAt >= since) && (sinceId === null || BigInt(p.id) > BigInt(sinceId)))
          .slice(-MENTIONS_KEPT);
        const { items, nextToken } = pageOf(all, query, 'mentions', max);
        return renderPosts(items, query, nextToken);
      },
    },

    // App-only: a bearer token for the consumer key pair, and webhook management (docs.x.com, x-api/webhooks).
    {
      method: 'POST', template: '/oauth2/token', auth: 'basic', limit: 450,
      handle: ({ body }) => {
        if (!(body instanceof URLSearchParams) || body.get('grant_type') !== 'client_credentials') {
          throw fail(403, { errors: [{ code: 99, label: 'authenticity_token_error', message: 'Unable to verify your credentials' }] });
        }
        return new HttpAnswer(200, { token_type: 'bearer', access_token: auth.issueBearerToken() });
      },
    },
    {
      method: 'GET', template: '/2/webhooks', auth: 'app', limit: 15,
      handle: () => {
        const data = [...webhooks.values()].map(renderWebhook);
        // 2.166 describes `data` as holding at least one webhook: an empty list leaves it out.
        return new HttpAnswer(200, { ...(data.length || version !== '2.166' ? { data } : {}), meta: { result_count: data.length } });
      },
    },
    {
      method: 'POST', template: '/2/webhooks', auth: 'app', limit: 15,
      handle: async ({ body }) => {
        const { url } = parseBody(webhookBody, body);
        const problem = webhookUrlProblem(url);
        if (problem) throw fail(400, invalidRequest(problem));
        if ([...webhooks.values()].some((w) => w.url === url)) {
          throw fail(400, invalidRequest('DuplicateUrlFailed: a webhook is already registered by your application for this URL'));
        }
        // X checks the URL answers its CRC before it registers anything.
        if (!(await passesCrc(url, credentials.apiSecret))) {
          throw fail(400, invalidRequest('CrcValidationFailed: the webhook URL did not answer the challenge-response check correctly'));
        }
        const registered: FakeWebhook = { id: newId(), url, valid: true, createdAt: iso(), subscribedUserIds: [] };
        webhooks.set(registered.id, registered);
        return new HttpAnswer(200, created(registered));
      },
    },
    {
      method: 'PUT', template: '/2/webhooks/:webhook_id', auth: 'app', limit: 15,
      handle: async ({ params, body }) => {
        parseBody(emptyBody, body);
        const found = webhook(params.webhook_id!);
        found.valid = await passesCrc(found.url, credentials.apiSecret);
        // 2.166 only says it tried; whether the check passed shows in GET /2/webhooks.
        if (version === '2.166') return new HttpAnswer(200, { data: { attempted: true } });
        if (!found.valid) {
          throw fail(400, invalidRequest('CrcValidationFailed: the webhook URL did not answer the challenge-response check correctly'));
        }
        return new HttpAnswer(200, { data: { valid: true } });
      },
    },
    {
      method: 'POST', template: '/2/account_activity/webhooks/:webhook_id/subscriptions/all', limit: 500,
      handle: ({ params, body }) => {
        parseBody(emptyBody, body);
        const found = webhook(params.webhook_id!);
        if (found.subscribedUserIds.includes(account.id)) {
          throw fail(400, invalidRequest('DuplicateSubscriptionFailed: a subscription for this user already exists for this webhook_id'));
        }
        found.subscribedUserIds.push(account.id);
        return new HttpAnswer(200, { data: { subscribed: true } });
      },
    },
    {
      method: 'GET', template: '/2/account_activity/webhooks/:webhook_id/subscriptions/all', limit: 500,
      handle: ({ params }) => new HttpAnswer(200, { data: { subscribed: webhook(params.webhook_id!).subscribedUserIds.includes(account.id) } }),
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

  function injected(failure: FakeXFailure): HttpAnswer | 'drop' {
    if ('drop' in failure) return 'drop';
    const headers = { ...failure.headers };
    if (failure.status === 429) {
      headers['x-rate-limit-limit'] ??= '15';
      headers['x-rate-limit-remaining'] ??= '0';
      headers['x-rate-limit-reset'] ??= String(Math.ceil((now() + FIFTEEN_MINUTES) / 1000));
    }
    return new HttpAnswer(failure.status, failure.body ?? DEFAULT_BODIES[failure.status] ?? bareProblem(failure.status, 'Error'), headers);
  }

  function parseRequestBody(method: string, contentType: string, raw: string): unknown {
    if (method !== 'POST' && method !== 'PUT') return undefined;
    if (contentType.includes('application/x-www-form-urlencoded')) return new URLSearchParams(raw);
    if (raw === '') return undefined;
    if (!contentType.includes('application/json')) throw fail(400, invalidRequest('The request body must be JSON (application/json)'));
    try {
      return JSON.parse(raw);
    } catch {
      throw fail(400, invalidRequest('The request body is not valid JSON'));
    }
  }

  async function answer(req: http.IncomingMessage, log: FakeXRequest): Promise<HttpAnswer | 'drop'> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (state.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));
    const contentType = req.headers['content-type'] ?? '';
    const formBody = contentType.includes('application/x-www-form-urlencoded') ? new URLSearchParams(raw) : null;
    if (method === 'POST' && url.pathname === '/2/oauth2/token') return oauth2.token(req.headers.authorization, contentType, raw);

    const caller = oauth2.acceptsAccessToken(req.headers.authorization) ? 'user' : auth.identify({
      method,
      baseUrl: `${url.protocol}//${url.host}${url.pathname}`,
      query: url.searchParams,
      formBody,
      authorization: req.headers.authorization,
    });
    if (caller === null) return fail(401);

    const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    const wanted = route?.auth ?? 'user';
    if (caller !== wanted) return caller === 'basic' ? fail(401) : fail(403, unsupportedAuthentication(wanted));

    // X's description is the contract: a call it lacks is an error in the bot, whatever the fake serves.
    const described = spec.find(method, url.pathname);
    if (!described && !OUTSIDE_V2_DESCRIPTION.has(`${method} ${url.pathname}`)) {
      state.unhandled.push(log);
      return fail(404, { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] });
    }
    const requestBody = parseRequestBody(method, contentType, raw);
    const refusal = described ? spec.checkRequest(described, url.searchParams, requestBody) : null;
    if (refusal) {
      state.refused.push({ ...log, message: refusal.message });
      return fail(400, invalidRequest(refusal.message, refusal.parameter ? { [refusal.parameter.name]: [refusal.parameter.value] } : undefined));
    }

    const failure = takeFailure(method, url.pathname);
    if (failure && !failure.afterApplying) return injected(failure);

    if (!route) {
      state.unhandled.push(log);
      return fail(404, { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] });
    }
    const { headers, exceeded } = rateLimits.take(route, opts.enforceRateLimits === true);
    if (exceeded) return new HttpAnswer(429, DEFAULT_BODIES[429], headers);
    let result: HttpAnswer;
    try {
      const params = route.pattern.exec(url.pathname)?.groups ?? {};
      result = await route.handle({ params, query: url.searchParams, body: requestBody });
    } catch (error) {
      if (!(error instanceof HttpAnswer)) throw error;
      result = error;
    }
    result = new HttpAnswer(result.status, problemsOf(result.body, version), result.headers);
    // The fake's own shapes, held to the version it speaks.
    const offSpec = described && result.status < 300 ? spec.checkAnswer(described, result.status, result.body) : null;
    if (offSpec) state.offSpecAnswers.push(`${method} ${url.pathname}: ${offSpec}`);
    // X has done the work; only the answer is replaced or lost.
    if (failure) return injected(failure);
    return new HttpAnswer(result.status, result.body, { ...headers, ...result.headers });
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

  const activity = activityPayloads({
    account: accountProfile,
    user: (id) => users.get(id),
    byHandle: (handle) => {
      const id = byHandle.get(handle.toLowerCase());
      return id === undefined ? undefined : users.get(id);
    },
    now,
    version,
  });

  const fake: FakeX & { oauth2: FakeXOAuth2 } = {
    oauth2,
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
    suspend(id) {
      if (!users.has(id)) throw new Error(`fake X: no user ${id}; add them first`);
      suspended.add(id);
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
    reply(fromUserId, postId, text) {
      if (!users.has(fromUserId)) throw new Error(`fake X: no user ${fromUserId}; add them first`);
      return addPost(fromUserId, text, postId);
    },

    follow(partial = {}, shape = 'account-activity') {
      const follower = fake.addFollower(partial);
      return { follower, payload: activity.follow(follower, shape) };
    },
    activity,
    deliverWebhook: (targetUrl, payload) => deliver(targetUrl, payload, credentials.apiSecret),
    webhooks: () => [...webhooks.values()].map((w) => ({ ...w, subscribedUserIds: [...w.subscribedUserIds] })),
    invalidateWebhook(id) {
      const found = webhooks.get(id);
      if (!found) throw new Error(`fake X: no webhook ${id}`);
      found.valid = false;
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
    version,
    get refused() {
      return state.refused;
    },
    get offSpecAnswers() {
      return state.offSpecAnswers;
    },
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
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
