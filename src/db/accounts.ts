import { and, eq, isNull } from 'drizzle-orm';
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
    kind: row.kind,
    dmPolicy: row.dmPolicy,
    sendMode: row.sendMode,
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

/** The account of this X user, removed or not. */
export async function findAccountByXUserId(db: Db, xUserId: string): Promise<XAccountRow | undefined> {
  const [row] = await db.select().from(xAccounts).where(eq(xAccounts.xUserId, xUserId));
  return row;
}

/** The account of this X user, when it is on the desk (not removed). */
export async function findListedAccountByXUserId(db: Db, xUserId: string): Promise<XAccountRow | undefined> {
  const [row] = await db
    .select()
    .from(xAccounts)
    .where(and(eq(xAccounts.xUserId, xUserId), isNull(xAccounts.removedAt)));
  return row;
}

/** Adds an account, or brings a removed one back with these values. */
export async function saveAccount(db: Db, values: typeof xAccounts.$inferInsert): Promise<XAccountRow> {
  const [row] = await db.insert(xAccounts).values(values).onConflictDoUpdate({ target: xAccounts.xUserId, set: values }).returning();
  return row!;
}

/** Takes an account off the desk and forgets its credentials, keeping its history. */
export async function retireAccount(db: Db, accountId: number, at: Date): Promise<void> {
  await db.update(xAccounts).set({ removedAt: at, xCredentials: null }).where(and(eq(xAccounts.id, accountId)));
}

export async function deleteAccount(db: Db, accountId: number): Promise<void> {
  await db.delete(xAccounts).where(eq(xAccounts.id, accountId));
}

/** Settings a teammate may change from Slack (the Home tab). */
export type EditableSettings = AccountSettings & { slackChannelId: string };

export async function updateAccountSettings(db: Db, accountId: number, settings: EditableSettings): Promise<XAccountRow | undefined> {
  const [row] = await db
    .update(xAccounts)
    .set({
      kind: settings.kind,
      dmPolicy: settings.dmPolicy,
      sendMode: settings.sendMode,
      ownDomains: settings.ownDomains,
      topics: settings.topics,
      slackChannelId: settings.slackChannelId,
    })
    .where(and(eq(xAccounts.id, accountId), isNull(xAccounts.removedAt)))
    .returning();
  return row;
}

/** Stores the account's X credentials, already sealed. */
export async function setAccountCredentials(db: Db, accountId: number, sealed: string): Promise<void> {
  await db.update(xAccounts).set({ xCredentials: sealed }).where(eq(xAccounts.id, accountId));
}

/** The account of this X user, if any, now acts with its stored OAuth 2.0 tokens. */
export async function switchAccountToOAuth2(db: Db, xUserId: string): Promise<{ id: number; removedAt: Date | null } | undefined> {
  const [account] = await db
    .update(xAccounts)
    .set({ xAuth: 'oauth2', xCredentials: null })
    .where(eq(xAccounts.xUserId, xUserId))
    .returning({ id: xAccounts.id, removedAt: xAccounts.removedAt });
  return account;
}

