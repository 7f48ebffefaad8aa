import { and, eq, isNull } from 'drizzle-orm';
import type { AccountSettings } from '../domain';
import type { Db } from './client';
import { templateEvents, templates, xAccounts, type XAccountRow } from './schema';

export interface AccountIdentity {
  xUserId: string;
  handle: string;
  name: string;
}

/** The settings the environment gives the account it describes; App Home or the CLI may change each one. */
export const SETTING_KEYS = ['kind', 'dmPolicy', 'sendMode', 'ownDomains', 'topics', 'slackChannelId'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
type SettingsValues = Pick<XAccountRow, SettingKey>;

/** A setting the team saved that differs from the environment, and so wins over it. */
export interface SettingOverride {
  setting: SettingKey;
  environment: unknown;
  saved: unknown;
  by: string;
  at: string;
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The account the environment describes. The environment seeds its settings the first time it is
 * seen; afterwards a setting the team saved (App Home, the CLI) wins, and the others still follow
 * the environment. Its identity (handle, name) always follows X.
 */
export async function upsertAccount(
  db: Db,
  identity: AccountIdentity,
  settings: AccountSettings,
  slackChannelId: string,
): Promise<XAccountRow> {
  const fromEnvironment: SettingsValues = { ...settings, slackChannelId };
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(xAccounts).where(eq(xAccounts.xUserId, identity.xUserId)).for('update');
    if (!existing) {
      const [row] = await tx.insert(xAccounts).values({ ...identity, ...fromEnvironment }).returning();
      return row!;
    }
    const update: Partial<SettingsValues> = {};
    for (const key of SETTING_KEYS) if (!existing.settingsSavedBy[key]) Object.assign(update, { [key]: fromEnvironment[key] });
    const [row] = await tx
      .update(xAccounts)
      .set({ handle: identity.handle, name: identity.name, ...update })
      .where(eq(xAccounts.id, existing.id))
      .returning();
    return row!;
  });
}

/** The settings the team saved that differ from what the environment says, with who saved them and when. */
export function savedOverEnvironment(account: XAccountRow, settings: AccountSettings, slackChannelId: string): SettingOverride[] {
  const fromEnvironment: SettingsValues = { ...settings, slackChannelId };
  return SETTING_KEYS.flatMap((setting) => {
    const mark = account.settingsSavedBy[setting];
    if (!mark || sameValue(account[setting], fromEnvironment[setting])) return [];
    return [{ setting, environment: fromEnvironment[setting], saved: account[setting], ...mark }];
  });
}

/** Marks the settings that changed as saved by `by` (a Slack user id, or "cli"): from now on they win over the environment. */
export function markSettingsSaved(before: XAccountRow, after: SettingsValues, by: string, at: Date): XAccountRow['settingsSavedBy'] {
  const marks = { ...before.settingsSavedBy };
  for (const key of SETTING_KEYS) if (!sameValue(before[key], after[key])) marks[key] = { by, at: at.toISOString() };
  return marks;
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
  await db.transaction(async (tx) => {
    // An account with no follower on record has no welcome to keep its templates for.
    await tx.delete(templateEvents).where(eq(templateEvents.accountId, accountId));
    await tx.delete(templates).where(eq(templates.accountId, accountId));
    await tx.delete(xAccounts).where(eq(xAccounts.id, accountId));
  });
}

/** Settings a teammate may change from Slack (the Home tab). */
export type EditableSettings = AccountSettings & { slackChannelId: string };

/**
 * Saves an account's settings; those that changed are marked as saved by `saved.by`, and from then on win over
 * the environment at every start.
 */
export async function updateAccountSettings(
  db: Db,
  accountId: number,
  settings: EditableSettings,
  saved?: { by: string; at: Date },
): Promise<XAccountRow | undefined> {
  const before = saved ? await getAccount(db, accountId) : undefined;
  const [row] = await db
    .update(xAccounts)
    .set({
      kind: settings.kind,
      dmPolicy: settings.dmPolicy,
      sendMode: settings.sendMode,
      ownDomains: settings.ownDomains,
      topics: settings.topics,
      slackChannelId: settings.slackChannelId,
      ...(before && saved ? { settingsSavedBy: markSettingsSaved(before, settings, saved.by, saved.at) } : {}),
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

