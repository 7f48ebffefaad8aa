import type { XAccountRow } from '../db/schema';
import { dueFollowerChecks, enrolFollowerChecks, lastKnownFollowing, recordFollowChange, recordFollowerCheck } from '../db/tracking';
import type { Desk } from '../desk/desk';
import { lookUpConnections } from './x-reads';

export interface UnfollowsSummary {
  enrolled: { welcomed: number; control: number };
  checked: number;
  lookedUp: number;
  unfollowed: number;
  refollowed: number;
}

/**
 * The follow checks that are due, answered with targeted look-ups of just those people (100 per
 * call). A person with several checks due at once (enrolled late) is looked up once for all of them.
 */
export async function trackUnfollows(desk: Pick<Desk, 'db' | 'xClient' | 'logger' | 'now'>, account: XAccountRow): Promise<UnfollowsSummary> {
  const enrolled = await enrolFollowerChecks(desk.db, account.id);
  const now = desk.now();
  const due = await dueFollowerChecks(desk.db, account.id, now);
  const summary: UnfollowsSummary = { enrolled, checked: 0, lookedUp: 0, unfollowed: 0, refollowed: 0 };
  if (due.length === 0) return summary;

  const people = [...new Map(due.map((check) => [check.followerId, check.xUserId])).entries()];
  const connections = await lookUpConnections(desk.xClient(account), people.map(([, xUserId]) => xUserId));
  summary.lookedUp = people.length;
  const before = await lastKnownFollowing(desk.db, people.map(([followerId]) => followerId));

  for (const check of due) {
    const seen = connections.get(check.xUserId)!;
    await recordFollowerCheck(desk.db, check.id, { ...seen, at: now });
    summary.checked++;
  }
  for (const [followerId, xUserId] of people) {
    const following = connections.get(xUserId)!.following;
    // Before any check they were following: that is how they came to the desk.
    const was = before.get(followerId) ?? true;
    if (was && !following) {
      await recordFollowChange(desk.db, { accountId: account.id, followerId, change: 'unfollowed', at: now });
      summary.unfollowed++;
    } else if (!was && following) {
      await recordFollowChange(desk.db, { accountId: account.id, followerId, change: 'refollowed', at: now });
      summary.refollowed++;
    }
  }
  if (summary.unfollowed || summary.refollowed) desk.logger.info({ account: account.handle, ...summary }, 'follow checks');
  return summary;
}
