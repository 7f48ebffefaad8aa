import { getAccount, recordPoll, saveBaselineCursor } from '../db/accounts';
import { filterKnownFollowers, recordBaselineFollowers } from '../db/followers';
import type { NoticeDesk } from '../desk/desk';
import { noticeFollower } from '../desk/notice';
import { fetchFollowersPage, XApiError } from '../x/api';
import { pollFollowers, type BaselineMode } from '../x/sources/poll';

export interface PollSummary {
  baseline: boolean;
  baselineCount: number;
  newFollowers: number;
  cards: number;
  usersRead: number;
}

/**
 * One poll of an account's followers. The first poll takes the baseline silently; later polls card
 * each follower not seen before, oldest first so the desk reads in the order people arrived.
 */
export async function pollAccount(desk: NoticeDesk, accountId: number, baselineMode: BaselineMode = 'head'): Promise<PollSummary> {
  const account = await getAccount(desk.db, accountId);
  if (!account) throw new Error(`no X account with id ${accountId}`);
  const client = desk.xClient(account);
  const baseline = account.baselineTakenAt === null;
  let result;
  try {
    result = await pollFollowers({
      baseline,
      baselineMode,
      baselineFrom: account.baselineCursor ?? undefined,
      previousNewCount: account.lastPollNewCount,
      fetchPage: (maxResults, paginationToken) => fetchFollowersPage(client, account.xUserId, { maxResults, paginationToken }),
      filterKnown: (ids) => filterKnownFollowers(desk.db, account.id, ids),
      onBaselinePage: async (users, nextToken) => {
        await recordBaselineFollowers(desk.db, account.id, users);
        await saveBaselineCursor(desk.db, account.id, nextToken);
      },
    });
  } catch (error) {
    // X's read limit: the next poll picks up where this one stopped (the baseline keeps its cursor).
    if (error instanceof XApiError && error.kind === 'rate-limited') {
      desk.logger.warn({ account: account.handle, resetAt: error.resetAt }, 'follower reads rate-limited by X; the next poll resumes');
      return { baseline, baselineCount: 0, newFollowers: 0, cards: 0, usersRead: 0 };
    }
    throw error;
  }
  // Older followers the head-only baseline never read, or a page X listed out of order: no card.
  await recordBaselineFollowers(desk.db, account.id, result.silentFollowers);
  if (result.disorderedPages > 0) {
    desk.logger.warn(
      { account: account.handle, pages: result.disorderedPages, uncarded: result.silentFollowers.length },
      'X listed followers out of most-recent-first order: that page was recorded without cards',
    );
  }
  let cards = 0;
  for (const profile of [...result.newFollowers].reverse()) {
    if ((await noticeFollower(desk, account, profile, 'poll')) !== null) cards++;
  }
  await recordPoll(desk.db, account.id, result.newFollowers.length, baseline);
  const summary = { baseline, baselineCount: result.baselineCount, newFollowers: result.newFollowers.length, cards, usersRead: result.usersRead };
  desk.logger.info({ account: account.handle, ...summary }, baseline ? 'baseline taken: existing followers recorded silently' : 'followers polled');
  return summary;
}
