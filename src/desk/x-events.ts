import { findFollowerByXId } from '../db/followers';
import { findListedAccountByXUserId } from '../db/accounts';
import type { XAccountRow } from '../db/schema';
import { carded, recordFollowChange } from '../db/tracking';
import type { FollowerProfile } from '../domain';
import { followerWroteFirst } from '../tracking/engaged-first';
import type { Desk } from './desk';
import { noticeFollower } from './notice';

/**
 * What the X Activity webhook tells the desk, in the desk's terms. X redelivers on any error, so each
 * handler is idempotent: a follower is noticed once, an engagement recorded once.
 */
export function xEventHandlers(desk: Desk) {
  const accountFor = async (xUserId: string): Promise<XAccountRow | undefined> => {
    return findListedAccountByXUserId(desk.db, xUserId);
  };
  return {
    onFollow: async ({ accountUserId, follower }: { accountUserId: string; follower: FollowerProfile }) => {
      const account = await accountFor(accountUserId);
      if (account) await noticeFollower(desk, account, follower, 'webhook');
    },
    onEngagement: async ({ accountUserId, fromUserId, via, at }: { accountUserId: string; fromUserId: string; via: 'dm' | 'mention'; at: Date }) => {
      const account = await accountFor(accountUserId);
      if (!account) return;
      const who = (await carded(desk.db, account.id, [fromUserId])).get(fromUserId);
      // Replies to a welcome already sent are measured by the tracking pass, which reads them with their ids.
      if (!who || ['sent', 'sending', 'approved'].includes(who.welcome.status)) return;
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
