// reads_per_new_follower: X users read per new follower detected, for an account of 100,000
// followers gaining 50 between polls, against the naive figure (fixed pages of 1,000).
import { filterKnownFollowers, recordBaselineFollowers } from '../src/db/followers';
import { upsertAccount } from '../src/db/accounts';
import { createXClient, fetchFollowersPage } from '../src/x/api';
import { pollFollowers } from '../src/x/sources/poll';
import { startFakeX } from '../src/sandbox/x';
import { createTestDatabase } from '../test/helpers/db';
import { round } from './lib';

export interface PollReadsResult {
  reads_per_new_follower: number;
  naive_reads_per_new_follower: number;
  polls: number;
}

export async function runPollReadsBench(opts = { followers: 100_000, perPoll: 50, polls: 10 }): Promise<PollReadsResult> {
  const x = await startFakeX();
  const database = await createTestDatabase();
  try {
    x.addFollowers(opts.followers);
    const client = createXClient(x.clientCredentials);
    const account = await upsertAccount(
      database.db,
      { xUserId: x.account.id, handle: x.account.handle, name: x.account.name },
      { kind: 'business', dmPolicy: 'engaged-only', sendMode: 'api', ownDomains: [], topics: [] },
      'C0DESK001',
    );
    const fetchPage = (maxResults: number, token?: string) => fetchFollowersPage(client, x.account.id, { maxResults, paginationToken: token });
    const filterKnown = (ids: string[]) => filterKnownFollowers(database.db, account.id, ids);
    await pollFollowers({ baseline: true, previousNewCount: 0, fetchPage, filterKnown, onBaselinePage: (users) => recordBaselineFollowers(database.db, account.id, users).then(() => {}) });

    let previous = opts.perPoll; // steady state: the last poll found about as many as usual
    let reads = 0;
    let found = 0;
    let naiveReads = 0;
    for (let poll = 0; poll < opts.polls; poll++) {
      for (let i = 0; i < opts.perPoll; i++) x.addFollower();
      const before = x.usersReturned;
      const result = await pollFollowers({ baseline: false, previousNewCount: previous, fetchPage, filterKnown });
      reads += x.usersReturned - before;
      found += result.newFollowers.length;
      await recordBaselineFollowers(database.db, account.id, result.newFollowers);
      previous = result.newFollowers.length;
      // The naive poll reads a fixed page of 1,000, whatever arrived.
      naiveReads += Math.min(1000, x.followerCount());
    }
    return {
      reads_per_new_follower: round(reads / found, 3),
      naive_reads_per_new_follower: round(naiveReads / found, 3),
      polls: opts.polls,
    };
  } finally {
    await database.close();
    await x.close();
  }
}
