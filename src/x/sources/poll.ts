import type { FollowerProfile } from '../../domain';

/** X's bounds for max_results on GET /2/users/:id/followers. */
export const MIN_PAGE = 1;
export const MAX_PAGE = 1000;

export interface FollowersPageResult {
  users: FollowerProfile[];
  nextToken: string | null;
}

export interface PollOptions {
  fetchPage(maxResults: number, paginationToken?: string): Promise<FollowersPageResult>;
  /** Returns the subset of these ids already known. */
  filterKnown(ids: string[]): Promise<Set<string>>;
  /** First run: record everyone silently, announce no one. */
  baseline: boolean;
  /** How many new followers the previous poll found; sizes the first page. */
  previousNewCount: number;
  /**
   * Receives each baseline page, so a large account never sits in memory whole. `nextToken`
   * lets the caller save its place: 100 pages outlast X's 15 requests per 15 minutes.
   */
  onBaselinePage?(users: FollowerProfile[], nextToken: string | null): Promise<void>;
  /** Resumes an interrupted baseline from a saved `nextToken`. */
  baselineFrom?: string;
}

export interface PollResult {
  newFollowers: FollowerProfile[];
  /** Users X returned (and billed) during this poll. */
  usersRead: number;
  pages: number;
  baselineCount: number;
}

const clampPage = (n: number) => Math.min(MAX_PAGE, Math.max(MIN_PAGE, Math.ceil(n)));

/**
 * The first page of a poll: what the last poll found plus a margin of about one standard
 * deviation (arrivals are roughly Poisson), so one page usually reaches a known follower
 * without paying for many known ones. 50 last time → 60; 0 → 2.
 */
export function firstPageSize(previousNewCount: number): number {
  const n = Math.max(0, Math.floor(previousNewCount));
  return clampPage(n + Math.ceil(Math.sqrt(n)) + 2);
}

/** After a page with no known follower, more are arriving than expected: double. */
export function nextPageSize(previous: number): number {
  return clampPage(previous * 2);
}

/** Reads the account's followers and returns the ones not known yet. */
export async function pollFollowers(opts: PollOptions): Promise<PollResult> {
  return opts.baseline ? takeBaseline(opts) : findNewFollowers(opts);
}

async function takeBaseline(opts: PollOptions): Promise<PollResult> {
  let usersRead = 0;
  let pages = 0;
  let token = opts.baselineFrom;
  do {
    const page = await opts.fetchPage(MAX_PAGE, token);
    pages += 1;
    usersRead += page.users.length;
    await opts.onBaselinePage?.(page.users, page.nextToken);
    token = page.nextToken ?? undefined;
  } while (token);
  return { newFollowers: [], usersRead, pages, baselineCount: usersRead };
}

async function findNewFollowers(opts: PollOptions): Promise<PollResult> {
  const found = new Map<string, FollowerProfile>();
  let usersRead = 0;
  let pages = 0;
  let size = firstPageSize(opts.previousNewCount);
  let token: string | undefined;
  for (;;) {
    const page = await opts.fetchPage(size, token);
    pages += 1;
    usersRead += page.users.length;
    const known = page.users.length ? await opts.filterKnown(page.users.map((u) => u.xUserId)) : new Set<string>();
    // X does not document the order, so every unknown user on the page counts, wherever it sits.
    for (const user of page.users) {
      if (!known.has(user.xUserId) && !found.has(user.xUserId)) found.set(user.xUserId, user);
    }
    if (known.size > 0 || !page.nextToken) break;
    token = page.nextToken;
    size = nextPageSize(size);
  }
  return { newFollowers: [...found.values()], usersRead, pages, baselineCount: 0 };
}
