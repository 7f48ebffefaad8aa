// What the App Home tab shows: each account's queue of pending cards and its figures for the week.
import { and, asc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from './client';
import { followers, welcomes } from './schema';

export interface QueuedCard {
  welcomeId: number;
  accountId: number;
  handle: string;
  name: string | null;
  createdAt: Date;
  slackChannelId: string;
  /** Null while the card is not posted yet. */
  slackTs: string | null;
}

/** Pending welcomes of these accounts, oldest first, at most `perAccount` each, and how many wait in all. */
export async function pendingQueue(
  db: Db,
  accountIds: number[],
  perAccount: number,
): Promise<Map<number, { cards: QueuedCard[]; total: number }>> {
  const queue = new Map<number, { cards: QueuedCard[]; total: number }>(accountIds.map((id) => [id, { cards: [], total: 0 }]));
  if (accountIds.length === 0) return queue;
  const ranked = db
    .select({
      welcomeId: welcomes.id,
      accountId: welcomes.accountId,
      handle: followers.handle,
      name: sql<string | null>`${followers.profile}->>'name'`.as('name'),
      createdAt: welcomes.createdAt,
      slackChannelId: welcomes.slackChannelId,
      slackTs: welcomes.slackTs,
      rank: sql<number>`row_number() over (partition by ${welcomes.accountId} order by ${welcomes.createdAt}, ${welcomes.id})`.as('rank'),
      total: sql<number>`count(*) over (partition by ${welcomes.accountId})`.as('total'),
    })
    .from(welcomes)
    .innerJoin(followers, eq(followers.id, welcomes.followerId))
    .where(and(eq(welcomes.status, 'pending'), inArray(welcomes.accountId, accountIds)))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(sql`${ranked.rank} <= ${perAccount}`)
    .orderBy(asc(ranked.accountId), asc(ranked.rank));
  for (const row of rows) {
    const entry = queue.get(row.accountId)!;
    entry.total = Number(row.total);
    entry.cards.push({
      welcomeId: row.welcomeId,
      accountId: row.accountId,
      handle: row.handle,
      name: row.name,
      createdAt: new Date(row.createdAt),
      slackChannelId: row.slackChannelId,
      slackTs: row.slackTs,
    });
  }
  return queue;
}

export interface WeekFigures {
  /** Followers noticed since `since` (the baseline does not count). */
  newFollowers: number;
  /** Cards put on the desk. */
  cards: number;
  sentByDm: number;
  sentByMention: number;
  skipped: number;
  /** Waiting now, whenever they arrived. */
  pending: number;
}

export async function weekFigures(db: Db, accountId: number, since: Date): Promise<WeekFigures> {
  const from = since.toISOString();
  const [noticed] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(followers)
    .where(and(eq(followers.accountId, accountId), ne(followers.source, 'baseline'), gte(followers.firstSeenAt, since)));
  const [counts] = await db
    .select({
      cards: sql<number>`count(*) filter (where ${welcomes.createdAt} >= ${from}::timestamptz)::int`,
      sentByDm: sql<number>`count(*) filter (where ${welcomes.status} = 'sent' and ${welcomes.channel} = 'dm' and ${welcomes.sentAt} >= ${from}::timestamptz)::int`,
      sentByMention: sql<number>`count(*) filter (where ${welcomes.status} = 'sent' and ${welcomes.channel} = 'mention' and ${welcomes.sentAt} >= ${from}::timestamptz)::int`,
      skipped: sql<number>`count(*) filter (where ${welcomes.status} = 'skipped' and ${welcomes.decidedAt} >= ${from}::timestamptz)::int`,
      pending: sql<number>`count(*) filter (where ${welcomes.status} = 'pending')::int`,
    })
    .from(welcomes)
    .where(eq(welcomes.accountId, accountId));
  return {
    newFollowers: Number(noticed?.n ?? 0),
    cards: Number(counts?.cards ?? 0),
    sentByDm: Number(counts?.sentByDm ?? 0),
    sentByMention: Number(counts?.sentByMention ?? 0),
    skipped: Number(counts?.skipped ?? 0),
    pending: Number(counts?.pending ?? 0),
  };
}
