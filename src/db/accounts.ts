import { eq, isNull } from 'drizzle-orm';
import type { AccountSettings } from '../domain';
import type { Db } from './client';
import { xAccounts, type XAccountRow } from './schema';

export interface AccountIdentity {
  xUserId: string;
  handle: string;
  name: string;
}

/**
 * The account the environment describes: created on first start, its identity and settings kept in
 * step with the environment afterwards (the environment is the default until settings move to Slack).
 */
export async function upsertAccount(
  db: Db,
  identity: AccountIdentity,
  settings: AccountSettings,
  slackChannelId: string,
): Promise<XAccountRow> {
  const values = {
    xUserId: identity.xUserId,
    handle: identity.handle,
    name: identity.name,
    kind: settings.kind,
    dmPolicy: settings.dmPolicy,
    sendMode: settings.sendMode,
    ownDomains: settings.ownDomains,
    topics: settings.topics,
    slackChannelId,
  };
  const [row] = await db
    .insert(xAccounts)
    .values(values)
    .onConflictDoUpdate({ target: xAccounts.xUserId, set: values })
    .returning();
  return row!;
}

export async function getAccount(db: Db, id: number): Promise<XAccountRow | undefined> {
  const [row] = await db.select().from(xAccounts).where(eq(xAccounts.id, id));
  return row;
}

/** The accounts on the desk; a removed account keeps its history in the database but is not listed. */
export async function listAccounts(db: Db): Promise<XAccountRow[]> {
  return db.select().from(xAccounts).where(isNull(xAccounts.removedAt)).orderBy(xAccounts.id);
}

export function accountSettings(row: XAccountRow): AccountSettings {
  return {
    kind: row.kind as AccountSettings['kind'],
    dmPolicy: row.dmPolicy as AccountSettings['dmPolicy'],
    sendMode: row.sendMode as AccountSettings['sendMode'],
    ownDomains: row.ownDomains,
    topics: row.topics,
  };
}

export async function saveBaselineCursor(db: Db, accountId: number, cursor: string | null): Promise<void> {
  await db.update(xAccounts).set({ baselineCursor: cursor }).where(eq(xAccounts.id, accountId));
}

export async function recordPoll(db: Db, accountId: number, newCount: number, baselineTaken: boolean): Promise<void> {
  const now = new Date();
  await db
    .update(xAccounts)
    .set({ lastPolledAt: now, lastPollNewCount: newCount, ...(baselineTaken ? { baselineTakenAt: now } : {}) })
    .where(eq(xAccounts.id, accountId));
}
