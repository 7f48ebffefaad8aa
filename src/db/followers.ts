import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { FollowerProfile } from '../domain';
import type { Db } from './client';
import { followers, type FollowerRow } from './schema';

/** Which of these X user ids the desk already knows for this account (followers, past or present). */
export async function filterKnownFollowers(db: Db, accountId: number, xUserIds: string[]): Promise<Set<string>> {
  if (xUserIds.length === 0) return new Set();
  const rows = await db
    .select({ xUserId: followers.xUserId })
    .from(followers)
    .where(and(eq(followers.accountId, accountId), inArray(followers.xUserId, xUserIds)));
  return new Set(rows.map((row) => row.xUserId));
}

/**
 * Followers who were there before the desk started: recorded silently, never carded. A page is
 * one statement with one JSON parameter, rather than thousands of bind parameters: a 100,000-follower
 * baseline is a hundred cheap statements on either driver.
 */
export async function recordBaselineFollowers(db: Db, accountId: number, profiles: FollowerProfile[]): Promise<number> {
  if (profiles.length === 0) return 0;
  const page = JSON.stringify(profiles.map((profile) => ({ x_user_id: profile.xUserId, handle: profile.handle })));
  const result = await db.execute(sql`
    insert into followers (account_id, x_user_id, handle, source)
    select ${accountId}, page.x_user_id, page.handle, 'baseline'
    from jsonb_to_recordset(${page}::jsonb) as page(x_user_id text, handle text)
    on conflict do nothing`);
  return affectedRows(result);
}

/** Rows written by a statement, whichever driver ran it. */
function affectedRows(result: unknown): number {
  const r = result as { affectedRows?: number; count?: number };
  return r.affectedRows ?? r.count ?? 0;
}

/** Records a newly noticed follower; null when another process noticed them first. */
export async function insertNewFollower(
  db: Db,
  accountId: number,
  profile: FollowerProfile,
  source: 'poll' | 'webhook' | 'manual',
): Promise<FollowerRow | null> {
  const stored = storable(profile);
  const [row] = await db
    .insert(followers)
    .values({ accountId, xUserId: stored.xUserId, handle: stored.handle, source, profile: stored })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function findFollowerByXId(db: Db, accountId: number, xUserId: string): Promise<FollowerRow | undefined> {
  const [row] = await db
    .select()
    .from(followers)
    .where(and(eq(followers.accountId, accountId), eq(followers.xUserId, xUserId)));
  return row;
}

/**
 * The first time we learn the person wrote to or mentioned the account; later sightings keep the
 * first. Which kind it was is kept apart: a DM unlocks a DM, a post (`postId`) a reply to that post.
 */
export async function markEngagedFirst(db: Db, followerId: number, via: 'dm' | 'mention', at: Date, postId?: string | null): Promise<void> {
  const when = sql`${at.toISOString()}::timestamptz`;
  await db
    .update(followers)
    .set({
      engagedFirstAt: sql`coalesce(${followers.engagedFirstAt}, ${when})`,
      engagedFirstVia: sql`coalesce(${followers.engagedFirstVia}, ${via})`,
      ...(via === 'dm' ? { engagedDmAt: sql`coalesce(${followers.engagedDmAt}, ${when})` } : {}),
      ...(via === 'mention' && postId ? { engagedPostId: sql`coalesce(${followers.engagedPostId}, ${postId})` } : {}),
    })
    .where(eq(followers.id, followerId));
}

/** How the follower engaged with the account, as the DM policy and the public option need it. */
export function engagementOf(follower: FollowerRow): { engagedFirst: boolean; sentDm: boolean; replyTo: string | null; doNotContact: boolean } {
  return {
    doNotContact: follower.doNotContactAt !== null,
    engagedFirst: follower.engagedFirstAt !== null,
    // Before the two kinds were kept apart, only the first one was recorded.
    sentDm: follower.engagedDmAt !== null || follower.engagedFirstVia === 'dm',
    replyTo: follower.engagedPostId,
  };
}


/**
 * Postgres text and jsonb cannot hold U+0000 or a lone UTF-16 surrogate: one follower whose bio
 * carries either would fail the insert, and with it every poll after (found by fuzzing). NUL is
 * dropped, a lone surrogate becomes U+FFFD, as any UTF-8 decoder would show it.
 */
function storable(profile: FollowerProfile): FollowerProfile {
  const clean = (value: string) =>
    value.replaceAll('\u0000', '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return JSON.parse(JSON.stringify(profile, (_key, value: unknown) => (typeof value === 'string' ? clean(value) : value))) as FollowerProfile;
}

/** How many followers of this account the desk has on record. */
export async function countFollowers(db: Db, accountId: number): Promise<number> {
  const [known] = await db.select({ n: count() }).from(followers).where(eq(followers.accountId, accountId));
  return known?.n ?? 0;
}
