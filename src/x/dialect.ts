// X serves two versions of its API description in the wild, and which one an account meets can
// change from one day to the next. They name the same things differently: 2.166 asks posts for
// `tweet.fields` (author_id, referenced_tweets among them) and DM events for `sender_id`; 2.167
// asks for `post.fields`, and author, references and sender come through `expansions`. Asking in
// the wrong words is a 400. So the bot learns which words an API takes before it asks — from the
// one answer both versions give, a user's public_metrics (tweet_count or post_count) — remembers
// it per client (one per account in a process), and relearns when X refuses a word it used.
import type { TwitterApi } from 'twitter-api-v2';
import { z } from 'zod';
import { callX, XApiError } from './errors';

export type XApiVersion = '2.166' | '2.167';

/** Post fields the bot reads; `author_id` and `referenced` are expansions in 2.167. */
export type PostField = 'created_at' | 'conversation_id' | 'author_id' | 'referenced';
/** DM event fields the bot reads; `sender_id` is an expansion in 2.167. */
export type DmEventField = 'id' | 'event_type' | 'text' | 'created_at' | 'dm_conversation_id' | 'sender_id';

export interface XDialect {
  version: XApiVersion;
  /** Query parameters that bring these fields of a post. */
  postQuery(fields: PostField[]): Record<string, string>;
  /** Query parameters that bring these fields of a DM event. */
  dmEventQuery(fields: DmEventField[]): Record<string, string>;
}

const join = (items: string[]) => items.join(',');

const DIALECTS: Record<XApiVersion, XDialect> = {
  '2.166': {
    version: '2.166',
    postQuery: (fields) => ({ 'tweet.fields': join(fields.map((f) => (f === 'referenced' ? 'referenced_tweets' : f))) }),
    dmEventQuery: (fields) => ({ 'dm_event.fields': join(fields) }),
  },
  '2.167': {
    version: '2.167',
    postQuery(fields) {
      const plain = fields.filter((f) => f !== 'author_id' && f !== 'referenced');
      const expanded = [...(fields.includes('author_id') ? ['author_id'] : []), ...(fields.includes('referenced') ? ['referenced_posts'] : [])];
      return { ...(plain.length ? { 'post.fields': join(plain) } : {}), ...(expanded.length ? { expansions: join(expanded) } : {}) };
    },
    dmEventQuery(fields) {
      const plain = fields.filter((f) => f !== 'sender_id');
      return { ...(plain.length ? { 'dm_event.fields': join(plain) } : {}), ...(fields.includes('sender_id') ? { expansions: 'sender_id' } : {}) };
    },
  },
};

/** What api.x.com publishes now: the guess before anything is known. */
const LATEST: XApiVersion = '2.167';

const learned = new WeakMap<TwitterApi, Promise<XApiVersion>>();

const metricsAnswer = z.object({
  data: z.object({ public_metrics: z.looseObject({ post_count: z.number().optional(), tweet_count: z.number().optional() }).optional() }),
});

/** The version a user object was written in, when its public_metrics tell. */
export function versionOfMetrics(metrics: { post_count?: unknown; tweet_count?: unknown } | undefined): XApiVersion | null {
  if (metrics?.post_count !== undefined) return '2.167';
  if (metrics?.tweet_count !== undefined) return '2.166';
  return null;
}

/** Records what an answer showed of the API's version (getAuthenticatedUser does, at start-up). */
export function noteVersion(client: TwitterApi, version: XApiVersion | null): void {
  if (version) learned.set(client, Promise.resolve(version));
}

async function probe(client: TwitterApi): Promise<XApiVersion> {
  const answer = await callX('read-account', () => client.v2.get('users/me', { 'user.fields': 'public_metrics' }));
  const parsed = metricsAnswer.safeParse(answer);
  return (parsed.success ? versionOfMetrics(parsed.data.data.public_metrics) : null) ?? LATEST;
}

/** The words this client's API takes, learned once (one GET /2/users/me) and then remembered. */
export async function dialectOf(client: TwitterApi): Promise<XDialect> {
  let version = learned.get(client);
  if (!version) {
    version = probe(client);
    learned.set(client, version);
    // A failed probe is forgotten, so the next call tries again.
    version.catch(() => learned.delete(client));
  }
  return DIALECTS[await version];
}

// X's 400 for a word it does not know names the parameter: "The query parameter [post.fields] is
// not one of [...]", "The `dm_event.fields` query parameter value [sender_id] is not one of [...]".
const VOCABULARY_REFUSAL = /\b(?:tweet\.fields|post\.fields|dm_event\.fields|expansions)\b/;

function refusesVocabulary(error: unknown): boolean {
  return error instanceof XApiError && error.status === 400 && VOCABULARY_REFUSAL.test(error.detail ?? '');
}

/**
 * Runs a read in the words the client's API takes. When X refuses one of them (its version
 * changed under a running process), it switches to the other version's words, remembers them,
 * and asks once more.
 */
export async function inDialect<T>(client: TwitterApi, run: (dialect: XDialect) => Promise<T>): Promise<T> {
  const dialect = await dialectOf(client);
  try {
    return await run(dialect);
  } catch (error) {
    if (!refusesVocabulary(error)) throw error;
    const other: XApiVersion = dialect.version === '2.166' ? '2.167' : '2.166';
    noteVersion(client, other);
    return run(DIALECTS[other]);
  }
}
