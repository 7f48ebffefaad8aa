import { dmEventsCursor, saveDmEventsCursor, takeDmEventsRequest } from '../db/conversations';
import type { XAccountRow } from '../db/schema';
import { carded, mentionsCursor, saveMentionsCursor } from '../db/tracking';
import { postVia, postWaitingMessages, receiveMessage, type Noted } from '../desk/conversation';
import type { TrackingDesk } from '../desk/desk';
import { readAccountDmEvents, readMentions } from './x-reads';

/** On the very first read, how far back mentions and DMs still count. */
const FIRST_READ_DAYS = 7;

export interface RepliesSummary {
  mentionsRead: number;
  /** DM events X returned from GET /2/dm_events (each one billed). */
  dmEventsRead: number;
  /** Requests made to GET /2/dm_events (X allows 15 per 15 minutes). */
  dmRequests: number;
  replies: number;
  engagedFirst: number;
  /** Messages from carded followers posted in their card's thread for the first time. */
  messages: number;
}

/**
 * Who wrote to the account: the mentions timeline, then the account's DM events, each from where
 * the last read stopped. Every message from a carded follower goes to their card's thread; one after
 * a welcome counts as a reply, one before any welcome as an engaged-first, which may unlock a DM.
 */
export async function trackReplies(desk: TrackingDesk, account: XAccountRow): Promise<RepliesSummary> {
  const summary: RepliesSummary = { mentionsRead: 0, dmEventsRead: 0, dmRequests: 0, replies: 0, engagedFirst: 0, messages: 0 };
  await trackMentions(desk, account, summary);
  await trackDmEvents(desk, account, summary);
  await postWaitingMessages(desk, account.id);
  return summary;
}

function count(summary: RepliesSummary, received: { isNew: boolean; noted: Noted }): void {
  if (received.isNew) summary.messages++;
  if (received.noted === 'reply') summary.replies++;
  if (received.noted === 'first') summary.engagedFirst++;
}

async function trackMentions(desk: TrackingDesk, account: XAccountRow, summary: RepliesSummary): Promise<void> {
  const client = desk.xClient(account);
  const sinceId = await mentionsCursor(desk.db, account.id);
  const { posts, newestId } = await readMentions(client, account.xUserId, {
    sinceId,
    startTime: new Date(desk.now().getTime() - FIRST_READ_DAYS * 86_400_000),
  });
  summary.mentionsRead = posts.length;
  const authors = await carded(desk.db, account.id, posts.map((post) => post.authorId));
  for (const post of posts) {
    const who = authors.get(post.authorId);
    if (!who) continue;
    const via = postVia(who.welcome, { inReplyToXId: post.repliedTo, conversationId: post.conversationId });
    count(summary, await receiveMessage(desk, who, { via, xId: post.id, text: post.text, inReplyToXId: post.repliedTo, at: new Date(post.createdAt) }));
  }
  if (newestId) await saveMentionsCursor(desk.db, account.id, newestId, desk.now());
}

/**
 * The account's DMs since the last event seen, in one account-wide read (GET /2/dm_events) rather
 * than one read per watched conversation: a quiet pass costs one request and no event. Each
 * request takes a place in X's window first (15 per 15 minutes, shared by every process); when
 * none is free the read waits for the next pass.
 */
async function trackDmEvents(desk: TrackingDesk, account: XAccountRow, summary: RepliesSummary): Promise<void> {
  const stopAt = await dmEventsCursor(desk.db, account.id);
  const takeRequest = async () => {
    const taken = await takeDmEventsRequest(desk.db, account.id, desk.now());
    if (taken.ok) summary.dmRequests++;
    else desk.logger.info({ account: account.handle, until: taken.until.toISOString() }, 'X\'s limit on reading DM events is reached: the next pass reads them');
    return taken.ok;
  };
  const read = await readAccountDmEvents(desk.xClient(account), stopAt, takeRequest);
  summary.dmEventsRead = read.events.length;
  const oldest = stopAt === null ? desk.now().getTime() - FIRST_READ_DAYS * 86_400_000 : -Infinity;
  // The account's own DMs (its welcomes, its answers) are not someone writing to it.
  const theirs = read.events.filter((event) => event.senderId !== account.xUserId && Date.parse(event.createdAt) >= oldest);
  const senders = await carded(desk.db, account.id, theirs.map((event) => event.senderId));
  for (const event of theirs) {
    const who = senders.get(event.senderId);
    if (!who) continue;
    count(summary, await receiveMessage(desk, who, { via: 'dm', xId: event.id, text: event.text, inReplyToXId: null, at: new Date(event.createdAt) }));
  }
  // An incomplete read (X's window full, or more than a few pages of new events) starts again from
  // the top next time: what it read is stored once, and nothing between is skipped.
  if (read.complete && read.newestId) await saveDmEventsCursor(desk.db, account.id, read.newestId, desk.now());
}
