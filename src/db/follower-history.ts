import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { followers, welcomes, xAccounts, type FollowerRow, type WelcomeRow, type XAccountRow } from './schema';

export interface FollowerRecord {
  follower: FollowerRow;
  welcome: WelcomeRow | null;
  account: XAccountRow;
}

/**
 * The follower of this account known by this handle (case-insensitive) or X user id, with their one
 * welcome if any. A handle can pass from one person to another: the most recently seen holder is the one meant.
 */
export async function findFollowerRecord(db: Db, accountId: number, by: { handle: string } | { xUserId: string }): Promise<FollowerRecord | undefined> {
  const who = 'handle' in by ? sql`lower(${followers.handle}) = ${by.handle.toLowerCase()}` : eq(followers.xUserId, by.xUserId);
  const [row] = await db
    .select({ follower: followers, welcome: welcomes, account: xAccounts })
    .from(followers)
    .innerJoin(xAccounts, eq(xAccounts.id, followers.accountId))
    .leftJoin(welcomes, eq(welcomes.followerId, followers.id))
    .where(and(eq(followers.accountId, accountId), who))
    .orderBy(desc(followers.firstSeenAt), desc(followers.id))
    .limit(1);
  return row;
}
