import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { welcomeEvents, welcomes, xApiUsage } from './schema';

/** How many welcomes are in each status now. */
export function countWelcomesByStatus(db: Db): Promise<Array<{ status: string; n: number }>> {
  return db.select({ status: welcomes.status, n: sql<number>`count(*)::int` }).from(welcomes).groupBy(welcomes.status);
}

/** Every welcome event ever logged, by type: cards posted, decisions, sends by outcome. Only grows. */
export function countWelcomeEventsByType(db: Db): Promise<Array<{ type: string; n: number }>> {
  return db.select({ type: welcomeEvents.type, n: sql<number>`count(*)::int` }).from(welcomeEvents).groupBy(welcomeEvents.type);
}

/** Successful X calls ever made, by billing category. Only grows. */
export function countXCallsByCategory(db: Db): Promise<Array<{ category: string; n: number }>> {
  return db.select({ category: xApiUsage.category, n: sql<number>`sum(${xApiUsage.calls})::int` }).from(xApiUsage).groupBy(xApiUsage.category);
}
