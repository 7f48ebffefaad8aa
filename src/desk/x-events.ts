import { findFollowerByXId } from '../db/followers';
import { findListedAccountByXUserId } from '../db/accounts';
import type { XAccountRow } from '../db/schema';
import { carded, recordFollowChange } from '../db/tracking';
import type { FollowerProfile } from '../domain';
import type { WebhookMessage } from '../x/sources/webhook-events';
import { followerWroteFirst } from '../tracking/engaged-first';
import { postVia, receiveMessage } from './conversation';
import type { NoticeDesk } from './desk';
import { noticeFollower } from './notice';

/**
 * What the X Activity webhook tells the desk, in the desk's terms. X redelivers on any error, so each
 * handler is idempotent: a follower is noticed once, an engagement recorded once.
 */
export function xEventHandlers(desk: NoticeDesk) {
  const accountFor = async (xUserId: string): Promise<XAccountRow | undefined> => {
    return findListedAccountByXUserId(desk.db, xUserId);
  };
  return {
    onFollow: async ({ accountUserId, follower }: { accountUserId: string; follower: FollowerProfile }) => {
      const account = await accountFor(accountUserId);
      if (account) await noticeFollower(desk, account, follower, 'webhook');
    },
    onEngagement: async (event: { accountUserId: string; fromUserId: string; via: 'dm' | 'mention'; at: Date; message: WebhookMessage | null }) => {
      const { accountUserId, fromUserId, via, at, message } = event;
      const account = await accountFor(accountUserId);
      if (!account) return;
      // Someone without a card stays out of the desk: a DM alone makes no card.
      const who = (await carded(desk.db, account.id, [fromUserId])).get(fromUserId);
      if (!who) return;
      if (message) {
        // What they wrote, with X's id: stored once (a redelivery finds it), posted in the card's thread.
        const messageVia = via === 'dm' ? 'dm' : postVia(who.welcome, { inReplyToXId: message.inReplyToXId });
        await receiveMessage(desk, who, { via: messageVia, xId: message.xId, text: message.text, inReplyToXId: message.inReplyToXId, at });
        return;
      }
      // A delivery without the message's id: only the first word is noted; the tracking pass reads the rest with their ids.
      if (['sent', 'sending', 'approved'].includes(who.welcome.status)) return;
      await followerWroteFirst(desk, who, { via, xId: `webhook:${via}:${fromUserId}:${at.toISOString()}`, at });
    },
    onUnfollow: async ({ accountUserId, followerId }: { accountUserId: string; followerId: string }) => {
      const account = await accountFor(accountUserId);
      const follower = account && (await findFollowerByXId(desk.db, account.id, followerId));
      if (account && follower && !follower.unfollowedAt) {
        await recordFollowChange(desk.db, { accountId: account.id, followerId: follower.id, change: 'unfollowed', at: desk.now() });
      }
    },
  };
}
