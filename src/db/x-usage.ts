import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { xApiUsage, xPrices } from './schema';
import type { XUsageCategory, XUsageEntry } from '../domain/x-usage';

export { X_USAGE_CATEGORIES, type XUsageCategory, type XUsageEntry } from '../domain/x-usage';

/**
 * X's published pay-per-use prices (DESIGN.md, 2026). A post read is not in that list: $0.005 is
 * X's posted figure at the time of writing, and like every row here it can be changed in x_prices.
 */
export const DEFAULT_X_PRICES: Record<XUsageCategory, { unit: string; usdPerUnit: number }> = {
  'owned-follower-read': { unit: 'user returned', usdPerUnit: 0.001 },
  'user-read': { unit: 'user returned', usdPerUnit: 0.01 },
  'dm-send': { unit: 'message', usdPerUnit: 0.015 },
  post: { unit: 'post', usdPerUnit: 0.015 },
  'post-with-url': { unit: 'post', usdPerUnit: 0.2 },
  'dm-event-read': { unit: 'event returned', usdPerUnit: 0.01 },
  'post-read': { unit: 'post returned', usdPerUnit: 0.005 },
  // X bills each webhook delivery (follow.follow, dm.received): ten times an owned follower read.
  'activity-event': { unit: 'event delivered', usdPerUnit: 0.01 },
  other: { unit: 'call', usdPerUnit: 0 },
};

/** Adds one call and its billed units to the day's counter (UTC day, as X bills). */
export async function recordXUsage(db: Db, entry: XUsageEntry): Promise<void> {
  const day = entry.at.toISOString().slice(0, 10);
  await db
    .insert(xApiUsage)
    .values({ xUserId: entry.xUserId, day, category: entry.category, calls: 1, units: entry.units })
    .onConflictDoUpdate({
      target: [xApiUsage.xUserId, xApiUsage.day, xApiUsage.category],
      set: { calls: sql`${xApiUsage.calls} + 1`, units: sql`${xApiUsage.units} + ${entry.units}` },
    });
}

/** Writes the published prices for categories the table does not have yet; edited rows are kept. */
export async function seedXPrices(db: Db): Promise<void> {
  await db
    .insert(xPrices)
    .values(Object.entries(DEFAULT_X_PRICES).map(([category, price]) => ({ category, ...price })))
    .onConflictDoNothing();
}

/** The price table as it stands: the database's rows over the published defaults. */
export async function currentXPrices(db: Db): Promise<Record<string, { unit: string; usdPerUnit: number }>> {
  const prices: Record<string, { unit: string; usdPerUnit: number }> = { ...DEFAULT_X_PRICES };
  for (const row of await db.select().from(xPrices)) prices[row.category] = { unit: row.unit, usdPerUnit: row.usdPerUnit };
  return prices;
}

export interface XSpendLine {
  category: string;
  calls: number;
  units: number;
  usd: number;
}

/** Calls, units and estimated cost per category for one account over [from, to) in UTC days. */
export async function xSpend(db: Db, xUserId: string, from: Date, to: Date): Promise<XSpendLine[]> {
  const rows = await db
    .select({
      category: xApiUsage.category,
      calls: sql<number>`sum(${xApiUsage.calls})::int`,
      units: sql<number>`sum(${xApiUsage.units})::int`,
    })
    .from(xApiUsage)
    .where(and(eq(xApiUsage.xUserId, xUserId), gte(xApiUsage.day, from.toISOString().slice(0, 10)), lt(xApiUsage.day, to.toISOString().slice(0, 10))))
    .groupBy(xApiUsage.category)
    .orderBy(xApiUsage.category);
  const prices = await currentXPrices(db);
  return rows.map((row) => ({ ...row, usd: round6(row.units * (prices[row.category]?.usdPerUnit ?? 0)) }));
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
