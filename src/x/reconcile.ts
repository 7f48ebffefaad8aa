import type { TwitterApi } from 'twitter-api-v2';
import twitterText from 'twitter-text';
import { dmEventsAnswer, postsAnswer, readAnswer } from './answers';
import { inDialect } from './dialect';
import { callX } from './errors';

/** A welcome found on X: the DM's ids, or the public post's id. */
export type SentWelcome = { dmEventId: string; dmConversationId: string } | { postId: string };

export interface FindSentWelcomeOptions {
  accountUserId: string;
  channel: 'dm' | 'mention';
  /** The follower: the other side of the DM conversation, or the person the mention welcomes. */
  recipientId: string;
  /** The approved text, as we sent it. */
  text: string;
  /** When the send was first attempted. */
  since: Date;
}

/**
 * How much earlier than `since` X may date the message: X's timestamps have whole seconds, and
 * our clock and X's drift. A wider margin costs nothing, since a follower gets one welcome ever.
 */
export const CLOCK_SKEW_MS = 2 * 60_000;

const PAGE = 100;

/**
 * Whether a welcome already reached X, for a send that broke before X answered (a crash, a
 * dropped connection): resending blindly could welcome the follower twice, not resending could
 * welcome them never. Reads the DM conversation with the follower, or the account's own recent
 * posts, for one written by the account since the send began with the same text.
 */
export async function findSentWelcome(client: TwitterApi, opts: FindSentWelcomeOptions): Promise<SentWelcome | null> {
  const notBefore = opts.since.getTime() - CLOCK_SKEW_MS;
  return opts.channel === 'dm' ? findDm(client, opts, notBefore) : findPost(client, opts, notBefore);
}

async function findDm(client: TwitterApi, opts: FindSentWelcomeOptions, notBefore: number): Promise<SentWelcome | null> {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = token;
    const raw = await inDialect(client, (dialect) =>
      callX('read-dm-events', () =>
        client.v2.get(
          'dm_conversations/with/:participant_id/dm_events',
          {
            event_types: 'MessageCreate',
            ...dialect.dmEventQuery(['id', 'text', 'sender_id', 'created_at', 'dm_conversation_id']),
            max_results: PAGE,
            ...(page ? { pagination_token: page } : {}),
          },
          { params: { participant_id: opts.recipientId } },
        ),
      ),
    );
    const answer = readAnswer(dmEventsAnswer, raw, 'read-dm-events');
    const events = answer.data ?? [];
    const welcome = events.find(
      (e) => e.sender_id === opts.accountUserId && !isBefore(e.created_at, notBefore) && sameWelcomeText(e.text ?? '', opts.text),
    );
    if (welcome) {
      return {
        dmEventId: welcome.id,
        dmConversationId: welcome.dm_conversation_id ?? oneToOneConversationId(opts.accountUserId, opts.recipientId),
      };
    }
    // Events come newest first: once a page reaches back before the send, older pages cannot hold it.
    if (events.some((e) => isBefore(e.created_at, notBefore))) return null;
    if (token) seen.add(token);
    token = answer.meta?.next_token;
  } while (token && !seen.has(token));
  return null;
}

async function findPost(client: TwitterApi, opts: FindSentWelcomeOptions, notBefore: number): Promise<SentWelcome | null> {
  // X documents start_time as YYYY-MM-DDTHH:mm:ssZ; rounding down keeps the send inside the window.
  const startTime = new Date(Math.floor(notBefore / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = token;
    const raw = await inDialect(client, (dialect) =>
      callX('read-posts', () =>
        client.v2.get(
          'users/:id/tweets',
          { start_time: startTime, ...dialect.postQuery(['created_at']), max_results: PAGE, ...(page ? { pagination_token: page } : {}) },
          { params: { id: opts.accountUserId } },
        ),
      ),
    );
    const answer = readAnswer(postsAnswer, raw, 'read-posts');
    const post = (answer.data ?? []).find((p) => !isBefore(p.created_at, notBefore) && sameWelcomeText(p.text ?? '', opts.text));
    if (post) return { postId: post.id };
    if (token) seen.add(token);
    token = answer.meta?.next_token;
  } while (token && !seen.has(token));
  return null;
}

// An event X did not date is kept: with one welcome per follower, a false match is harmless.
function isBefore(createdAt: string | undefined, notBefore: number): boolean {
  const at = createdAt === undefined ? Number.NaN : Date.parse(createdAt);
  return Number.isFinite(at) && at < notBefore;
}

/** X's id for the one-to-one conversation of two users: the smaller id, a dash, the larger. */
function oneToOneConversationId(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
}

/**
 * Whether the text X shows is the text we sent: the same once whitespace is collapsed, with
 * X's t.co short links standing for whatever links we wrote (X wraps every link, bare domains
 * too, in the same places twitter-text finds them) and `&amp;` `&lt;` `&gt;` read as X escapes them.
 */
export function sameWelcomeText(onX: string, ours: string): boolean {
  const theirs = splitLinks(unescapeX(onX));
  const mine = splitLinks(ours);
  if (theirs.texts.length !== mine.texts.length) return false;
  if (theirs.texts.some((t, i) => t !== mine.texts[i])) return false;
  return theirs.links.every((link, i) => isShortLink(link) || sameLink(link, mine.links[i]!));
}

const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const unescapeX = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const isShortLink = (link: string) => /^https?:\/\/t\.co\/\w+$/i.test(link);
const bareLink = (link: string) => link.replace(/^https?:\/\//i, '').replace(/\/$/, '').toLowerCase();
const sameLink = (a: string, b: string) => bareLink(a) === bareLink(b);

/** The text around each link, and the links: n links leave n + 1 pieces of text. */
function splitLinks(text: string): { texts: string[]; links: string[] } {
  const clean = normalise(text);
  const texts: string[] = [];
  const links: string[] = [];
  let from = 0;
  for (const { url, indices } of twitterText.extractUrlsWithIndices(clean)) {
    texts.push(clean.slice(from, indices[0]));
    links.push(url);
    from = indices[1];
  }
  texts.push(clean.slice(from));
  return { texts, links };
}
