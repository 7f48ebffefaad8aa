import type { XAccountRow } from '../db/schema';
import {
  advanceDmWatch,
  carded,
  closeDmWatch,
  dueDmWatches,
  mentionsCursor,
  openDmWatches,
  recordEngagement,
  saveMentionsCursor,
} from '../db/tracking';
import type { Desk } from '../desk/desk';
import { followerWroteFirst } from './engaged-first';
import { readConversation, readMentions, type MentionPost } from './x-reads';

/** On the very first read, how far back mentions still count. */
const FIRST_READ_DAYS = 7;

export interface RepliesSummary {
  mentionsRead: number;
  conversationsRead: number;
  replies: number;
  engagedFirst: number;
}

/**
 * Who wrote to the account: the mentions timeline once per pass, then the DM conversations that
 * are due on their schedule. A message after a welcome is a reply; one before any welcome is an
 * engaged-first, which may unlock a DM on the card.
 */
export async function trackReplies(desk: Desk, account: XAccountRow): Promise<RepliesSummary> {
  const summary: RepliesSummary = { mentionsRead: 0, conversationsRead: 0, replies: 0, engagedFirst: 0 };
  await trackMentions(desk, account, summary);
  await trackConversations(desk, account, summary);
  return summary;
}

async function trackMentions(desk: Desk, account: XAccountRow, summary: RepliesSummary): Promise<void> {
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
    const outcome = await noteMessage(desk, who, { via: viaOf(post, who.welcome.xPostId), xId: post.id, at: new Date(post.createdAt) });
    if (outcome === 'reply') summary.replies++;
    if (outcome === 'first') summary.engagedFirst++;
  }
  if (newestId) await saveMentionsCursor(desk.db, account.id, newestId, desk.now());
}

/** A reply to the welcome post itself, or any other post that names the account. */
function viaOf(post: MentionPost, welcomePostId: string | null): 'reply' | 'mention' {
  if (welcomePostId && (post.repliedTo === welcomePostId || post.conversationId === welcomePostId)) return 'reply';
  return 'mention';
}

async function trackConversations(desk: Desk, account: XAccountRow, summary: RepliesSummary): Promise<void> {
  const now = desk.now();
  await openDmWatches(desk.db, account.id, { now, watchWaitingCards: account.dmPolicy === 'engaged-only' && account.kind !== 'personal' });
  const client = desk.xClient(account);
  for (const watch of await dueDmWatches(desk.db, account.id, now)) {
    // A card decided since: nothing left for a first message to unlock, and no read to pay for.
    if (watch.purpose === 'first' && (watch.welcome.status !== 'pending' || watch.follower.engagedFirstAt)) {
      await closeDmWatch(desk.db, watch.id, now);
      continue;
    }
    const events = await readConversation(client, watch.follower.xUserId);
    summary.conversationsRead++;
    const after = watch.purpose === 'reply' ? toSecond(watch.anchorAt) : -Infinity;
    const theirs = events
      .filter((event) => event.senderId === watch.follower.xUserId && Date.parse(event.createdAt) >= after)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const first = theirs[0];
    if (first) {
      const outcome = await noteMessage(desk, watch, { via: 'dm', xId: first.id, at: new Date(first.createdAt) });
      if (outcome === 'reply') summary.replies++;
      if (outcome === 'first') summary.engagedFirst++;
    }
    await advanceDmWatch(desk.db, watch.id, now, first !== undefined);
  }
}

type Noted = 'reply' | 'first' | 'known';

/** One message from a carded follower: a reply if their welcome had gone out before it, else a first word. */
async function noteMessage(
  desk: Desk,
  who: Parameters<typeof followerWroteFirst>[1],
  message: { via: 'dm' | 'mention' | 'reply'; xId: string; at: Date },
): Promise<Noted> {
  const { welcome, follower } = who;
  // X dates messages to the second: one written in the second the welcome left counts as after it.
  if (welcome.status === 'sent' && welcome.sentAt && message.at.getTime() >= toSecond(welcome.sentAt)) {
    const recorded = await recordEngagement(desk.db, {
      accountId: follower.accountId,
      followerId: follower.id,
      welcomeId: welcome.id,
      kind: 'reply',
      via: message.via,
      xId: message.xId,
      at: message.at,
      secondsToEngage: Math.max(0, Math.round((message.at.getTime() - welcome.sentAt.getTime()) / 1000)),
    });
    if (recorded) desk.logger.info({ welcomeId: welcome.id, via: message.via }, 'a welcomed follower answered');
    return recorded ? 'reply' : 'known';
  }
  const outcome = await followerWroteFirst(desk, who, { via: message.via === 'dm' ? 'dm' : 'mention', xId: message.xId, at: message.at });
  return outcome === 'already-known' ? 'known' : 'first';
}

const toSecond = (date: Date): number => Math.floor(date.getTime() / 1000) * 1000;
