import type { TwitterApi } from 'twitter-api-v2';
import { dmEventsAnswer, postsAnswer, readAnswer } from './answers';
import { inDialect } from './dialect';
import { callX } from './errors';

export interface WroteFirst {
  wrote: boolean;
  via: 'dm' | 'mention' | null;
  /** When the follower's earliest message we saw was written, ISO 8601. */
  at: string | null;
  /** That message's id: the DM event, or the post a public welcome replies to. */
  xId: string | null;
  /** Every message of theirs the look-up read, oldest first, with its text: what goes in the card's thread. */
  messages: WrittenMessage[];
}

export interface WrittenMessage {
  via: 'dm' | 'mention';
  xId: string;
  text: string;
  /** ISO 8601, or null when X did not date it. */
  at: string | null;
}

// One page each: X bills every event and post read, and a welcome only needs recent contact.
const PAGE = 100;

/**
 * Whether the follower reached out first — in a DM to the account or by mentioning it — which
 * X's guidelines require before an automated DM (the `engaged-only` DM policy).
 */
export async function hasWrittenFirst(
  client: TwitterApi,
  who: { accountUserId: string; followerId: string; since?: string },
): Promise<WroteFirst> {
  const dms = await inDialect(client, (dialect) =>
    callX('read-dm-events', () =>
      client.v2.get(
        'dm_conversations/with/:participant_id/dm_events',
        { event_types: 'MessageCreate', ...dialect.dmEventQuery(['id', 'event_type', 'text', 'sender_id', 'created_at']), max_results: PAGE },
        { params: { participant_id: who.followerId } },
      ),
    ),
  );
  const fromFollowerInDm = (readAnswer(dmEventsAnswer, dms, 'read-dm-events').data ?? []).filter((e) => e.sender_id === who.followerId);
  if (fromFollowerInDm.length) return { wrote: true, via: 'dm', ...earliest(fromFollowerInDm), messages: written('dm', fromFollowerInDm) };

  const mentions = await inDialect(client, (dialect) =>
    callX('read-mentions', () =>
      client.v2.get(
        'users/:id/mentions',
        { ...dialect.postQuery(['author_id', 'created_at']), max_results: PAGE, ...(who.since ? { start_time: who.since } : {}) },
        { params: { id: who.accountUserId } },
      ),
    ),
  );
  const byFollower = (readAnswer(postsAnswer, mentions, 'read-mentions').data ?? []).filter((p) => p.author_id === who.followerId);
  if (byFollower.length) return { wrote: true, via: 'mention', ...earliest(byFollower), messages: written('mention', byFollower) };
  return { wrote: false, via: null, at: null, xId: null, messages: [] };
}

function written(via: WrittenMessage['via'], items: { id: string; text?: string; created_at?: string }[]): WrittenMessage[] {
  return items
    .map((item) => ({ via, xId: item.id, text: item.text ?? '', at: item.created_at ?? null }))
    .sort((a, b) => Date.parse(a.at ?? '') - Date.parse(b.at ?? ''));
}

function earliest(items: { id: string; created_at?: string }[]): { at: string | null; xId: string } {
  const first = items.reduce((a, b) => (Date.parse(b.created_at ?? '') < Date.parse(a.created_at ?? '') ? b : a));
  return { at: first.created_at ?? null, xId: first.id };
}
