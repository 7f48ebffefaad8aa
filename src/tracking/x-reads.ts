import type { TwitterApi } from 'twitter-api-v2';
import { dmEventsAnswer, postsAnswer, readAnswer } from '../x/answers';
import { inDialect } from '../x/dialect';
import { callX } from '../x/errors';
import { USERS_PER_LOOKUP } from '../x/users';

// The reads tracking makes, each shaped to cost as little as X bills: the mentions timeline from
// where the last read stopped, one DM conversation at a time, and users looked up by id.

export interface MentionPost {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  conversationId: string | null;
  /** The post this one replies to, when it is a reply. */
  repliedTo: string | null;
}

/** X keeps the last 800 mentions: eight pages of 100 is everything there is. */
const MENTION_PAGES = 8;

/** Mentions of the account, oldest first, newer than `sinceId` (or since `startTime` on the first read). */
export async function readMentions(
  client: TwitterApi,
  accountUserId: string,
  from: { sinceId: string | null; startTime: Date },
): Promise<{ posts: MentionPost[]; newestId: string | null }> {
  const posts: MentionPost[] = [];
  let newestId: string | null = null;
  let token: string | undefined;
  for (let page = 0; page < MENTION_PAGES; page++) {
    const page = token;
    const raw = await inDialect(client, (dialect) =>
      callX('read-mentions', () =>
        client.v2.get(
          'users/:id/mentions',
          {
            ...dialect.postQuery(['author_id', 'created_at', 'conversation_id', 'referenced']),
            max_results: 100,
            ...(from.sinceId ? { since_id: from.sinceId } : { start_time: xTimestamp(from.startTime) }),
            ...(page ? { pagination_token: page } : {}),
          },
          { params: { id: accountUserId } },
        ),
      ),
    );
    const answer = readAnswer(postsAnswer, raw, 'read-mentions');
    newestId ??= answer.meta?.newest_id ?? null;
    for (const post of answer.data ?? []) {
      if (!post.author_id || !post.created_at) continue;
      posts.push({
        id: post.id,
        authorId: post.author_id,
        text: post.text ?? '',
        createdAt: post.created_at,
        conversationId: post.conversation_id ?? null,
        repliedTo: post.referenced.find((ref) => ref.type === 'replied_to')?.id ?? null,
      });
    }
    token = answer.meta?.next_token;
    if (!token) break;
  }
  posts.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  return { posts, newestId };
}

export interface DmEvent {
  id: string;
  senderId: string;
  createdAt: string;
}

export interface AccountDmEvent extends DmEvent {
  text: string;
  conversationId: string | null;
}

/**
 * Page sizes of one read, smallest first. X has no since_id on GET /2/dm_events and bills every
 * event a page returns, old or new: a quiet pass reads one event (the newest, already seen) and
 * stops; each further page is larger, so a busy pass does not pay for much more than what is new.
 * Four requests at most per read: X allows 15 per 15 minutes, and the next passes need theirs.
 */
const DM_EVENTS_PAGE_SIZES = [1, 5, 25, 100] as const;
/** The first read of all (no cursor yet): only the latest DMs matter. */
const DM_EVENTS_FIRST_PAGE = 20;

/**
 * The account's DM events across all its conversations (GET /2/dm_events), oldest first, newer
 * than `stopAt` (the newest event the previous read saw). X gives them newest first: pages are read
 * until one reaches `stopAt`. Without `stopAt`, one page of the latest. Each request first takes a
 * place in X's window (`takeRequest`); `complete` is false when the read stopped before reaching
 * `stopAt` (window full, or more new events than four pages hold).
 */
export async function readAccountDmEvents(
  client: TwitterApi,
  stopAt: string | null,
  takeRequest: () => Promise<boolean>,
): Promise<{ events: AccountDmEvent[]; newestId: string | null; complete: boolean }> {
  const events: AccountDmEvent[] = [];
  let newestId: string | null = null;
  let token: string | undefined;
  const sizes = stopAt === null ? [DM_EVENTS_FIRST_PAGE] : DM_EVENTS_PAGE_SIZES;
  for (const size of sizes) {
    if (!(await takeRequest())) return { events: events.reverse(), newestId, complete: false };
    const cursor = token;
    const raw = await inDialect(client, (dialect) =>
      callX('read-dm-events', async () => {
        const query = {
          event_types: 'MessageCreate',
          ...dialect.dmEventQuery(['id', 'text', 'sender_id', 'created_at', 'dm_conversation_id']),
          max_results: size,
          ...(cursor ? { pagination_token: cursor } : {}),
        };
        // twitter-api-v2's own method for GET /2/dm_events; its typed options know only 2.166's words.
        const paginator = await client.v2.listDmEvents(query as Parameters<TwitterApi['v2']['listDmEvents']>[0]);
        return paginator.data as unknown;
      }),
    );
    const answer = readAnswer(dmEventsAnswer, raw, 'read-dm-events');
    let reached = stopAt === null;
    for (const event of answer.data ?? []) {
      if (stopAt !== null && !isNewer(event.id, stopAt)) {
        reached = true;
        break;
      }
      newestId ??= event.id;
      if (!event.sender_id || !event.created_at) continue;
      events.push({ id: event.id, senderId: event.sender_id, createdAt: event.created_at, text: event.text ?? '', conversationId: event.dm_conversation_id ?? null });
    }
    token = answer.meta?.next_token;
    if (reached || !token || stopAt === null) return { events: events.reverse(), newestId, complete: true };
  }
  return { events: events.reverse(), newestId, complete: false };
}

/** X's ids are snowflakes: a later event has a larger id. */
const isNewer = (id: string, than: string): boolean => {
  try {
    return BigInt(id) > BigInt(than);
  } catch {
    return id !== than;
  }
};

export interface Connection {
  /** False when X no longer knows the account (deleted, suspended). */
  found: boolean;
  following: boolean;
  connectionStatus: string[];
}

interface UsersAnswer {
  data?: { id: string; connection_status?: string[] }[];
}

/**
 * Whether each of these people still follows the account: GET /2/users?ids=… with only
 * connection_status, 100 per call — never a re-read of the whole follower list.
 */
export async function lookUpConnections(client: TwitterApi, ids: string[]): Promise<Map<string, Connection>> {
  const result = new Map<string, Connection>();
  for (let start = 0; start < ids.length; start += USERS_PER_LOOKUP) {
    const batch = ids.slice(start, start + USERS_PER_LOOKUP);
    const answer = await callX('lookup-users', () => client.v2.get<UsersAnswer>('users', { ids: batch.join(','), 'user.fields': 'connection_status' }));
    for (const id of batch) result.set(id, { found: false, following: false, connectionStatus: [] });
    for (const user of answer.data ?? []) {
      // X leaves connection_status out entirely when there is no connection at all.
      const status = user.connection_status ?? [];
      result.set(user.id, { found: true, following: status.includes('followed_by'), connectionStatus: status });
    }
  }
  return result;
}

/** X wants YYYY-MM-DDTHH:mm:ssZ, without milliseconds. */
const xTimestamp = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;
