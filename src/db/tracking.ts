import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from './client';
import {
  engagements,
  followChanges,
  followerChecks,
  followers,
  trackingCursors,
  welcomes,
  type FollowerRow,
  type WelcomeRow,
} from './schema';

export type EngagementKind = 'first' | 'reply';
export type EngagementVia = 'dm' | 'mention' | 'reply';

export interface NewEngagement {
  accountId: number;
  followerId: number;
  welcomeId: number | null;
  kind: EngagementKind;
  via: EngagementVia;
  xId: string;
  at: Date;
  secondsToEngage: number | null;
}

/** Records the first engagement of its kind for this follower; false when one was already known. */
export async function recordEngagement(db: Db, engagement: NewEngagement): Promise<boolean> {
  const inserted = await db.insert(engagements).values(engagement).onConflictDoNothing().returning({ id: engagements.id });
  return inserted.length > 0;
}

/** A follower the desk carded, with their welcome: who a mention or a DM is from. */
export async function carded(db: Db, accountId: number, xUserIds: string[]): Promise<Map<string, { follower: FollowerRow; welcome: WelcomeRow }>> {
  if (xUserIds.length === 0) return new Map();
  const rows = await db
    .select({ follower: followers, welcome: welcomes })
    .from(followers)
    .innerJoin(welcomes, eq(welcomes.followerId, followers.id))
    .where(and(eq(followers.accountId, accountId), inArray(followers.xUserId, [...new Set(xUserIds)])));
  return new Map(rows.map((row) => [row.follower.xUserId, row]));
}

export async function mentionsCursor(db: Db, accountId: number): Promise<string | null> {
  const [row] = await db.select().from(trackingCursors).where(eq(trackingCursors.accountId, accountId));
  return row?.mentionsSinceId ?? null;
}

export async function saveMentionsCursor(db: Db, accountId: number, sinceId: string, at: Date): Promise<void> {
  await db
    .insert(trackingCursors)
    .values({ accountId, mentionsSinceId: sinceId, mentionsReadAt: at })
    .onConflictDoUpdate({ target: trackingCursors.accountId, set: { mentionsSinceId: sinceId, mentionsReadAt: at } });
}

// ---------------------------------------------------------------------------------------------
// Follow checks at +1, +7 and +30 days

/**
 * Enrols every welcomed follower, then tops up the control cohort week by week (the week they
 * followed in) to the size of that week's welcomed cohort, drawing at random among followers whose
 * card ended without a welcome (skipped or expired). Returns how many people each cohort gained.
 */
export async function enrolFollowerChecks(db: Db, accountId: number): Promise<{ welcomed: number; control: number }> {
  const welcomed = await db.execute<{ follower_id: number }>(sql`
    insert into follower_checks (account_id, follower_id, cohort, offset_days, anchor_at, due_at)
    select w.account_id, w.follower_id, 'welcomed', o.d, w.sent_at, w.sent_at + o.d * interval '1 day'
    from welcomes w cross join (values (1), (7), (30)) as o(d)
    where w.account_id = ${accountId} and w.status = 'sent' and w.sent_at is not null
    on conflict do nothing
    returning follower_id`);
  const control = await db.execute<{ follower_id: number }>(sql`
    with enrolled as (
      select date_trunc('week', f.first_seen_at) as week,
             count(distinct c.follower_id) filter (where c.cohort = 'welcomed') as welcomed,
             count(distinct c.follower_id) filter (where c.cohort = 'control') as control
      from follower_checks c join followers f on f.id = c.follower_id
      where c.account_id = ${accountId}
      group by 1
    ),
    candidates as (
      select w.account_id, w.follower_id, coalesce(w.decided_at, w.updated_at) as anchor,
             date_trunc('week', f.first_seen_at) as week,
             row_number() over (partition by date_trunc('week', f.first_seen_at) order by random()) as draw
      from welcomes w join followers f on f.id = w.follower_id
      where w.account_id = ${accountId} and w.status in ('skipped', 'expired')
        and not exists (select 1 from follower_checks c where c.follower_id = w.follower_id)
    )
    insert into follower_checks (account_id, follower_id, cohort, offset_days, anchor_at, due_at)
    select c.account_id, c.follower_id, 'control', o.d, c.anchor, c.anchor + o.d * interval '1 day'
    from candidates c join enrolled e on e.week = c.week cross join (values (1), (7), (30)) as o(d)
    where c.draw <= e.welcomed - e.control
    on conflict do nothing
    returning follower_id`);
  const people = (rows: unknown) => new Set(rowsOf<{ follower_id: number }>(rows).map((r) => r.follower_id)).size;
  return { welcomed: people(welcomed), control: people(control) };
}

/**
 * Makes the control cohort's random draw (enrolFollowerChecks) repeatable from here on, for this
 * session: the demo's seeded history, played on one connection (src/demo/history.ts).
 */
export async function repeatControlDraws(db: Db, seed: number): Promise<void> {
  await db.execute(sql`select setseed(${seed})`);
}

/** The rows of `db.execute`: postgres.js returns them as the result, other drivers wrap them in { rows }. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export interface DueCheck {
  id: number;
  followerId: number;
  xUserId: string;
  offsetDays: number;
}

export async function dueFollowerChecks(db: Db, accountId: number, now: Date, limit = 5000): Promise<DueCheck[]> {
  return db
    .select({ id: followerChecks.id, followerId: followerChecks.followerId, xUserId: followers.xUserId, offsetDays: followerChecks.offsetDays })
    .from(followerChecks)
    .innerJoin(followers, eq(followers.id, followerChecks.followerId))
    .where(and(eq(followerChecks.accountId, accountId), isNull(followerChecks.checkedAt), lte(followerChecks.dueAt, now)))
    .orderBy(asc(followerChecks.dueAt))
    .limit(limit);
}

/** Whether the person followed at their latest check before this one (true before any check: they had followed). */
export async function lastKnownFollowing(db: Db, followerIds: number[]): Promise<Map<number, boolean>> {
  const known = new Map<number, boolean>();
  if (followerIds.length === 0) return known;
  const rows = await db
    .select({ followerId: followerChecks.followerId, following: followerChecks.following })
    .from(followerChecks)
    .where(and(inArray(followerChecks.followerId, followerIds), sql`${followerChecks.checkedAt} is not null`))
    .orderBy(asc(followerChecks.checkedAt), asc(followerChecks.offsetDays));
  for (const row of rows) known.set(row.followerId, row.following ?? false);
  return known;
}

export async function recordFollowerCheck(
  db: Db,
  checkId: number,
  result: { following: boolean; found: boolean; connectionStatus: string[]; at: Date },
): Promise<void> {
  await db
    .update(followerChecks)
    .set({ checkedAt: result.at, following: result.following, found: result.found, connectionStatus: result.connectionStatus })
    .where(eq(followerChecks.id, checkId));
}

/** An unfollow or a re-follow, logged, and the follower's current state kept on their row. */
export async function recordFollowChange(
  db: Db,
  change: { accountId: number; followerId: number; change: 'unfollowed' | 'refollowed'; at: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(followChanges).values({ accountId: change.accountId, followerId: change.followerId, change: change.change, seenAt: change.at });
    await tx
      .update(followers)
      .set({ unfollowedAt: change.change === 'unfollowed' ? change.at : null })
      .where(eq(followers.id, change.followerId));
  });
}

