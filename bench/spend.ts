// baseline_reads_1m: X records read to take the default baseline of a 1,000,000-follower account
// on the fake X (target ≤ 1,000). spend_per_new_follower_poll / _webhook: dollars X bills per new
// follower found by each source, from the price table as the database holds it (editable there).
import { currentXPrices, seedXPrices } from '../src/db/x-usage';
import { createXClient, fetchFollowersPage } from '../src/x/api';
import { pollFollowers } from '../src/x/sources/poll';
import { startFakeX } from '../src/sandbox/x';
import { createTestDatabase } from '../test/helpers/db';
import { round } from './lib';

export interface SpendResult {
  baseline_reads_1m: number;
  spend_per_new_follower_poll: number;
  spend_per_new_follower_webhook: number;
}

export async function runSpendBench(readsPerNewFollower: number, followers = 1_000_000): Promise<SpendResult> {
  const x = await startFakeX();
  const database = await createTestDatabase();
  try {
    x.addFollowers(followers);
    const client = createXClient(x.clientCredentials);
    await pollFollowers({
      baseline: true,
      previousNewCount: 0,
      fetchPage: (maxResults, token) => fetchFollowersPage(client, x.account.id, { maxResults, paginationToken: token }),
      filterKnown: async () => new Set(),
    });
    await seedXPrices(database.db);
    const prices = await currentXPrices(database.db);
    return {
      baseline_reads_1m: x.usersReturned,
      // Polling pays owned follower reads; the X Activity API pays one follow.follow delivery per follower.
      spend_per_new_follower_poll: round(readsPerNewFollower * prices['owned-follower-read']!.usdPerUnit, 5),
      spend_per_new_follower_webhook: round(prices['activity-event']!.usdPerUnit, 5),
    };
  } finally {
    await database.close();
    await x.close();
  }
}
