import { getAccount } from '../db/accounts';
import type { TrackingDesk } from '../desk/desk';
import { trackReplies, type RepliesSummary } from './replies';
import { trackUnfollows, type UnfollowsSummary } from './unfollows';

export interface TrackingSummary {
  replies: RepliesSummary;
  unfollows: UnfollowsSummary;
}

/** One tracking pass for one account: who wrote, then who is still following. */
export async function trackAccount(desk: TrackingDesk, accountId: number): Promise<TrackingSummary> {
  const account = await getAccount(desk.db, accountId);
  if (!account) throw new Error(`no X account with id ${accountId}`);
  const replies = await trackReplies(desk, account);
  const unfollows = await trackUnfollows(desk, account);
  return { replies, unfollows };
}
