import { describe, expect, it } from 'vitest';
import type { FollowerProfile } from '../../src/domain';
import { fetchFollowersPage } from '../../src/x/api';
import { firstPageSize, followerOrderContradictions, nextPageSize, pollFollowers, type PollOptions } from '../../src/x/sources/poll';
import { withFakeX } from './with-fake-x';

/** What the database would know: the ids of followers already recorded. */
function knownFollowers() {
  const ids = new Set<string>();
  return {
    ids,
    filterKnown: async (batch: string[]) => new Set(batch.filter((id) => ids.has(id))),
    remember: async (users: FollowerProfile[]) => {
      for (const u of users) ids.add(u.xUserId);
    },
  };
}

describe('sizing the pages of a poll', () => {
  it('asks for what the last poll found plus about one standard deviation', () => {
    expect(firstPageSize(0)).toBe(2);
    expect(firstPageSize(3)).toBe(7);
    expect(firstPageSize(50)).toBe(60);
    expect(firstPageSize(400)).toBe(422);
  });

  it('stays within what X accepts for max_results (1 to 1,000)', () => {
    expect(firstPageSize(-4)).toBe(2);
    expect(firstPageSize(5000)).toBe(1000);
    expect(nextPageSize(600)).toBe(1000);
  });

  it('doubles the next page when a page held no known follower', () => {
    expect(nextPageSize(2)).toBe(4);
    expect(nextPageSize(60)).toBe(120);
  });
});

describe('polling the account\'s followers', () => {
  const x = withFakeX();
  const source = (known: ReturnType<typeof knownFollowers>, rest: Partial<PollOptions> = {}): PollOptions => ({
    fetchPage: (maxResults, paginationToken) => fetchFollowersPage(x.client, x.fake.account.id, { maxResults, paginationToken }),
    filterKnown: known.filterKnown,
    baseline: false,
    previousNewCount: 0,
    ...rest,
  });
  const pageSizesAsked = () => x.fake.requests.map((r) => Number(r.query.max_results));

  it('takes the default baseline from one page, the most recent 1,000, however large the account', async () => {
    x.fake.addFollowers(25_000);
    const known = knownFollowers();

    const result = await pollFollowers(source(known, { baseline: true, onBaselinePage: known.remember }));

    expect(result).toEqual({ newFollowers: [], silentFollowers: [], disorderedPages: 0, usersRead: 1000, pages: 1, baselineCount: 1000 });
    expect(x.fake.usersReturned).toBe(1000);
    expect(pageSizesAsked()).toEqual([1000]);
  });

  it('never cards an older follower the head-only baseline did not read', async () => {
    x.fake.addFollowers(3000);
    const known = knownFollowers();
    await pollFollowers(source(known, { baseline: true, onBaselinePage: known.remember }));
    // Twenty of those recorded leave, so the recorded ones no longer fill a page of 1,000.
    for (const id of [...known.ids].slice(0, 20)) x.fake.removeFollower(id);
    const newcomers = Array.from({ length: 5 }, () => x.fake.addFollower());

    // A page wide enough to run past the recorded followers into the 2,000 never read.
    const result = await pollFollowers(source(known, { previousNewCount: 1000 }));

    expect(result.newFollowers.map((f) => f.xUserId).sort()).toEqual(newcomers.map((f) => f.xUserId).sort());
    expect(result.silentFollowers).toHaveLength(15);
    expect(result.disorderedPages).toBe(0);
  });

  it('takes a full baseline (BASELINE=full) by reading every follower in pages of 1,000 and announcing no one', async () => {
    x.fake.addFollowers(2500);
    const known = knownFollowers();
    const pageLengths: number[] = [];

    const result = await pollFollowers(source(known, {
      baseline: true,
      baselineMode: 'full',
      onBaselinePage: async (users) => {
        pageLengths.push(users.length);
        await known.remember(users);
      },
    }));

    expect(result).toEqual({ newFollowers: [], silentFollowers: [], disorderedPages: 0, usersRead: 2500, pages: 3, baselineCount: 2500 });
    expect(pageLengths).toEqual([1000, 1000, 500]);
    expect(known.ids.size).toBe(2500);
    expect(pageSizesAsked()).toEqual([1000, 1000, 1000]);
  });

  it('resumes a baseline that X\'s rate limit interrupted, from the last saved page', async () => {
    x.fake.addFollowers(2500);
    const known = knownFollowers();
    let saved: string | null = null;
    const savePage = async (users: FollowerProfile[], nextToken: string | null) => {
      await known.remember(users);
      saved = nextToken;
    };
    const firstPageThenRateLimited = async (users: FollowerProfile[], nextToken: string | null) => {
      await savePage(users, nextToken);
      x.fake.failNext({ path: '/2/users/:id/followers' }, { status: 429 });
    };

    const interrupted = pollFollowers(source(known, { baseline: true, baselineMode: 'full', onBaselinePage: firstPageThenRateLimited }));
    await expect(interrupted).rejects.toMatchObject({ kind: 'rate-limited' });
    const resumed = await pollFollowers(source(known, { baseline: true, baselineMode: 'full', baselineFrom: saved!, onBaselinePage: savePage }));

    expect(resumed.baselineCount).toBe(1500);
    expect(known.ids.size).toBe(2500);
  });

  it('finds exactly the 3 people who followed since the baseline, in one small page', async () => {
    x.fake.addFollowers(5000);
    const known = knownFollowers();
    await pollFollowers(source(known, { baseline: true, onBaselinePage: known.remember }));
    const newcomers = [x.fake.addFollower(), x.fake.addFollower(), x.fake.addFollower()];
    x.fake.requests.length = 0;

    const result = await pollFollowers(source(known, { previousNewCount: 3 }));

    expect(result.newFollowers.map((f) => f.xUserId).sort()).toEqual(newcomers.map((f) => f.xUserId).sort());
    expect(result.pages).toBe(1);
    expect(result.usersRead).toBe(firstPageSize(3));
  });

  const person = (id: string) => ({ xUserId: id }) as FollowerProfile;
  const served = (pages: { users: FollowerProfile[]; nextToken: string | null }[]) => {
    let next = 0;
    return async () => pages[next++]!;
  };

  it('stops at the first page holding a known follower, and cards only those ahead of it', async () => {
    const known = knownFollowers();
    await known.remember([person('k1')]);

    const result = await pollFollowers({
      fetchPage: served([
        { users: [person('n1'), person('n2')], nextToken: 'p2' },
        { users: [person('n3'), person('k1'), person('o1'), person('o2')], nextToken: 'p3' },
        { users: [person('o3')], nextToken: null },
      ]),
      filterKnown: known.filterKnown,
      baseline: false,
      previousNewCount: 0,
    });

    expect(result.newFollowers.map((f) => f.xUserId)).toEqual(['n1', 'n2', 'n3']);
    expect(result.silentFollowers.map((f) => f.xUserId)).toEqual(['o1', 'o2']);
    expect(result.disorderedPages).toBe(0);
    expect(result.pages).toBe(2);
  });

  it('counts a page whose order contradicts most-recent-first, and cards no one from it', async () => {
    const known = knownFollowers();
    await known.remember([person('k1'), person('k2')]);
    const before = followerOrderContradictions();

    const result = await pollFollowers({
      fetchPage: served([{ users: [person('n1'), person('k1'), person('x1'), person('k2')], nextToken: null }]),
      filterKnown: known.filterKnown,
      baseline: false,
      previousNewCount: 0,
    });

    expect(result.newFollowers).toEqual([]);
    expect(result.silentFollowers.map((f) => f.xUserId)).toEqual(['n1', 'x1']);
    expect(result.disorderedPages).toBe(1);
    expect(followerOrderContradictions()).toBe(before + 1);
  });

  it('reads at most 1.2 users per new follower on an account of 100,000 gaining 50 between polls', async () => {
    x.fake.addFollowers(100_000);
    const known = knownFollowers();
    await pollFollowers(source(known, { baseline: true, onBaselinePage: known.remember }));
    for (let i = 0; i < 50; i += 1) x.fake.addFollower();
    const before = x.fake.usersReturned;

    const result = await pollFollowers(source(known, { previousNewCount: 50 }));

    expect(result.newFollowers).toHaveLength(50);
    const readPerNewFollower = (x.fake.usersReturned - before) / 50;
    expect(readPerNewFollower).toBeLessThanOrEqual(1.2);
    expect(result.usersRead).toBe(x.fake.usersReturned - before);
  });

  it('doubles its pages when far more people arrive than last time, and still finds them all', async () => {
    x.fake.addFollowers(3000);
    const known = knownFollowers();
    await pollFollowers(source(known, { baseline: true, onBaselinePage: known.remember }));
    for (let i = 0; i < 300; i += 1) x.fake.addFollower();
    x.fake.requests.length = 0;

    const result = await pollFollowers(source(known, { previousNewCount: 0 }));

    expect(pageSizesAsked()).toEqual([2, 4, 8, 16, 32, 64, 128, 256]);
    expect(result.newFollowers).toHaveLength(300);
    expect(new Set(result.newFollowers.map((f) => f.xUserId)).size).toBe(300);
  });

  it('reads a couple of users when nobody new arrived', async () => {
    x.fake.addFollowers(1000);
    const known = knownFollowers();
    await pollFollowers(source(known, { baseline: true, onBaselinePage: known.remember }));
    const before = x.fake.usersReturned;

    const result = await pollFollowers(source(known, { previousNewCount: 0 }));

    expect(result.newFollowers).toEqual([]);
    expect(x.fake.usersReturned - before).toBe(2);
  });

  it('finds every follower of a small account that has no known one yet, and stops at the end', async () => {
    const all = [x.fake.addFollower(), x.fake.addFollower(), x.fake.addFollower()];

    const result = await pollFollowers(source(knownFollowers(), { previousNewCount: 0 }));

    expect(result.newFollowers.map((f) => f.xUserId).sort()).toEqual(all.map((f) => f.xUserId).sort());
    expect(result.pages).toBe(2);
  });
});
