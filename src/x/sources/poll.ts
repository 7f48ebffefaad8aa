import type { FollowerProfile } from '../../domain';

/** X's bounds for max_results on GET /2/users/:id/followers. */
export const MIN_PAGE = 1;
export const MAX_PAGE = 1000;

/**
 * How the first run records the followers already there. `head` (the default) reads one page, the
 * most recent 1,000, whatever the account's size (≤ $1 at X's owned-read price) and relies on X
 * listing followers most recent first; `full` reads the whole list (a 1,000,000-follower account:
 * 1,000 requests, about $1,000) and assumes nothing about the order.
 */
export type BaselineMode = 'head' | 'full';

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
  /** How much of the list the first run reads (default `head`). */
  baselineMode?: BaselineMode;
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
  /**
   * Unknown followers to record without a card: found behind known ones (older followers a
   * head-only baseline never read), or on a page whose order contradicts most-recent-first.
   */
  silentFollowers: FollowerProfile[];
  /** Pages whose order contradicted most-recent-first (see followerOrderContradictions). */
  disorderedPages: number;
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

// X's v1.1 docs said followers come most recent first, "subject to unannounced change"; v2 says
// nothing. The poll relies on it and counts every page that contradicts it, for /metrics and the log.
let contradictions = 0;

/** Follower pages, since the process started, whose order contradicted most-recent-first. */
export const followerOrderContradictions = (): number => contradictions;

async function takeBaseline(opts: PollOptions): Promise<PollResult> {
  if ((opts.baselineMode ?? 'head') === 'head' && opts.baselineFrom === undefined) {
    const page = await opts.fetchPage(MAX_PAGE);
    await opts.onBaselinePage?.(page.users, null);
    return { newFollowers: [], silentFollowers: [], disorderedPages: 0, usersRead: page.users.length, pages: 1, baselineCount: page.users.length };
  }
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
  return { newFollowers: [], silentFollowers: [], disorderedPages: 0, usersRead, pages, baselineCount: usersRead };
}

/**
 * Most recent first, the known followers form one run: people newer than all of them come before
 * it, people older than the baseline after it. An unknown follower between two known ones cannot
 * happen in that order (short of a known follower following again).
 */
function contradictsOrder(users: FollowerProfile[], known: Set<string>): boolean {
  const first = users.findIndex((u) => known.has(u.xUserId));
  let last = -1;
  users.forEach((u, i) => {
    if (known.has(u.xUserId)) last = i;
  });
  return users.slice(first, last + 1).some((u) => !known.has(u.xUserId));
}

async function findNewFollowers(opts: PollOptions): Promise<PollResult> {
  const found = new Map<string, FollowerProfile>();
  const silent = new Map<string, FollowerProfile>();
  let disorderedPages = 0;
  let usersRead = 0;
  let pages = 0;
  let size = firstPageSize(opts.previousNewCount);
  let token: string | undefined;
  for (;;) {
    const page = await opts.fetchPage(size, token);
    pages += 1;
    usersRead += page.users.length;
    const known = page.users.length ? await opts.filterKnown(page.users.map((u) => u.xUserId)) : new Set<string>();
    const firstKnown = page.users.findIndex((u) => known.has(u.xUserId));
    const disordered = firstKnown >= 0 && contradictsOrder(page.users, known);
    if (disordered) {
      disorderedPages += 1;
      contradictions += 1;
    }
    // Only people ahead of the known ones are new; behind them are followers older than the baseline.
    page.users.forEach((user, i) => {
      if (known.has(user.xUserId) || found.has(user.xUserId)) return;
      const ahead = firstKnown < 0 || i < firstKnown;
      (ahead && !disordered ? found : silent).set(user.xUserId, user);
    });
    if (known.size > 0 || !page.nextToken) break;
    token = page.nextToken;
    size = nextPageSize(size);
  }
  return { newFollowers: [...found.values()], silentFollowers: [...silent.values()], disorderedPages, usersRead, pages, baselineCount: 0 };
}
