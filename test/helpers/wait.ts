import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { welcomes, type WelcomeRow } from '../../src/db/schema';

export async function waitUntil<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function welcomeRow(db: Db, id: number): Promise<WelcomeRow> {
  const [row] = await db.select().from(welcomes).where(eq(welcomes.id, id));
  if (!row) throw new Error(`no welcome ${id}`);
  return row;
}

/** Waits until the welcome reaches one of these states. */
export function waitForWelcome(db: Db, id: number, statuses: string[], timeoutMs = 10_000): Promise<WelcomeRow> {
  return waitUntil(async () => {
    const row = await welcomeRow(db, id);
    return statuses.includes(row.status) ? row : null;
  }, timeoutMs, `welcome ${id} to be ${statuses.join(' or ')}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
