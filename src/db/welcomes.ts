import { and, count, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { WELCOME_TRANSITIONS, type Channel, type Lang, type SendMode, type WelcomeEventType, type WelcomeStatus } from '../domain';
import type { AuditHistory } from '../domain/audit';
import type { DraftSource } from '../domain/templates';
import type { Db } from './client';
import { followers, welcomeEvents, welcomes, xAccounts, type FollowerRow, type WelcomeRow, type XAccountRow } from './schema';

export const SYSTEM_ACTOR = 'system';

export interface WelcomeContext {
  welcome: WelcomeRow;
  follower: FollowerRow;
  account: XAccountRow;
}

export interface NewWelcome {
  accountId: number;
  followerId: number;
  lang: Lang;
  templateId: string | null;
  /** The version of that template (statistics are per key and version). */
  templateVersion?: number | null;
  /** Who wrote the primary draft: a template (the default when templateId is set) or a language model. */
  draftSource?: DraftSource | null;
  /** The model's name when a language model wrote the draft. */
  draftModel?: string | null;
  triage: Record<string, unknown>;
  draftText: string;
  /** The draft written for each channel the card offers. */
  drafts?: Partial<Record<Channel, string>>;
  slackChannelId: string;
  /** When the desk noticed the follower (the desk's clock); the database's when absent. */
  createdAt?: Date;
}

/** The channel whose draft `draftText` holds: the recommended one, the public one when none is. */
export function primaryChannel(welcome: WelcomeRow): Channel {
  return (welcome.triage as { recommendation?: unknown }).recommendation === 'dm' ? 'dm' : 'mention';
}

/**
 * The draft written for this channel. A welcome from before drafts were kept per channel has only
 * the recommended channel's; the other channel then starts empty rather than sending text written
 * for elsewhere.
 */
export function draftFor(welcome: WelcomeRow, channel: Channel): string {
  const own = welcome.drafts[channel];
  if (own !== undefined) return own;
  return channel === primaryChannel(welcome) ? welcome.draftText : '';
}

/** Creates the one welcome this follower will ever have; null when it already exists (the unique constraint decides). */
export async function createWelcome(db: Db, values: NewWelcome): Promise<WelcomeRow | null> {
  return db.transaction(async (tx) => {
    const { createdAt, ...rest } = values;
    const draftSource = values.draftSource ?? (values.templateId ? 'template' : null);
    const [row] = await tx
      .insert(welcomes)
      .values({ ...rest, draftSource, ...(createdAt ? { createdAt, updatedAt: createdAt } : {}) })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    await tx.insert(welcomeEvents).values({
      welcomeId: row.id,
      ...(createdAt ? { at: createdAt } : {}),
      type: 'created',
      toStatus: row.status,
      actor: SYSTEM_ACTOR,
      detail: {
        templateId: values.templateId,
        ...(values.templateVersion ? { templateVersion: values.templateVersion } : {}),
        ...(draftSource ? { draftSource } : {}),
        ...(values.draftModel ? { draftModel: values.draftModel } : {}),
      },
    });
    return row;
  });
}

export async function getWelcomeContext(db: Db, welcomeId: number): Promise<WelcomeContext | undefined> {
  const [row] = await db
    .select({ welcome: welcomes, follower: followers, account: xAccounts })
    .from(welcomes)
    .innerJoin(followers, eq(followers.id, welcomes.followerId))
    .innerJoin(xAccounts, eq(xAccounts.id, welcomes.accountId))
    .where(eq(welcomes.id, welcomeId));
  return row;
}

export type WelcomeChanges = Partial<Omit<typeof welcomes.$inferInsert, 'id' | 'status' | 'accountId' | 'followerId'>>;

export interface Transition {
  /** The states this change may start from; anything else means someone decided first. */
  from: readonly WelcomeStatus[];
  to: WelcomeStatus;
  type: WelcomeEventType;
  actor: string;
  set?: WelcomeChanges;
  detail?: Record<string, unknown>;
  /**
   * A further condition on the locked row, beyond its status: the text approved is the text the
   * approver saw, or a send is still the one this process claimed.
   */
  guard?: (current: WelcomeRow) => boolean;
  /** When it happened, by the desk's clock (`desk.now()`): the event's time and the row's updatedAt. */
  at?: Date;
}

export type TransitionResult = { ok: true; welcome: WelcomeRow } | { ok: false; welcome: WelcomeRow | undefined };

/**
 * Moves a welcome from one state to the next, and logs it, in one transaction. The row lock makes a
 * double click or two processes race safely: the second finds the state already changed and is refused.
 */
export async function transitionWelcome(db: Db, welcomeId: number, change: Transition): Promise<TransitionResult> {
  const unlawful = change.from.filter((from) => !WELCOME_TRANSITIONS[from].includes(change.to));
  if (unlawful.length > 0) throw new Error(`a welcome may not go from ${unlawful.join(', ')} to ${change.to} (WELCOME_TRANSITIONS)`);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(welcomes).where(eq(welcomes.id, welcomeId)).for('update');
    if (!current || !change.from.includes(current.status)) return { ok: false, welcome: current };
    if (change.guard && !change.guard(current)) return { ok: false, welcome: current };
    const [updated] = await tx
      .update(welcomes)
      .set({ ...change.set, status: change.to, updatedAt: change.at ?? new Date() })
      .where(eq(welcomes.id, welcomeId))
      .returning();
    await tx.insert(welcomeEvents).values({
      welcomeId,
      ...(change.at ? { at: change.at } : {}),
      type: change.type,
      fromStatus: current.status,
      toStatus: change.to,
      actor: change.actor,
      detail: change.detail ?? {},
    });
    return { ok: true, welcome: updated! };
  });
}

/** Everyone who changed a welcome's text since its draft: an edit that left the text as it was does not count. */
export async function draftEditors(db: Db, welcomeId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ actor: welcomeEvents.actor })
    .from(welcomeEvents)
    .where(
      and(
        eq(welcomeEvents.welcomeId, welcomeId),
        eq(welcomeEvents.type, 'edited'),
        sql`(${welcomeEvents.detail}->>'before') is distinct from (${welcomeEvents.detail}->>'after')`,
      ),
    );
  return rows.map((row) => row.actor);
}

/** How many of an account's approved welcomes leave another way than `mode`: a mode switch leaves them as they are. */
export async function countApprovedOtherThan(db: Db, accountId: number, mode: SendMode): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(welcomes)
    .where(and(eq(welcomes.accountId, accountId), eq(welcomes.status, 'approved'), ne(welcomes.sendMode, mode)));
  return row?.n ?? 0;
}

/** Logs something that happened to a welcome without changing its state (a refused click, a card posted). */
export async function logWelcomeEvent(
  db: Db,
  welcomeId: number,
  type: WelcomeEventType,
  actor: string,
  detail: Record<string, unknown> = {},
  at?: Date,
): Promise<void> {
  await db.insert(welcomeEvents).values({ welcomeId, type, actor, detail, ...(at ? { at } : {}) });
}

export async function setCardMessage(db: Db, welcomeId: number, slackChannelId: string, slackTs: string): Promise<void> {
  await db.update(welcomes).set({ slackChannelId, slackTs }).where(eq(welcomes.id, welcomeId));
}

export async function listWelcomeEvents(db: Db, welcomeId: number) {
  return db.select().from(welcomeEvents).where(eq(welcomeEvents.welcomeId, welcomeId)).orderBy(welcomeEvents.id);
}

/** What the audit's history-aware rules need: this follower's earlier welcome, and texts sent to others. */
export async function auditHistory(db: Db, accountId: number, followerId: number, excludeWelcomeId?: number): Promise<AuditHistory> {
  // Both at once: under fifty concurrent approvals each statement waits for a connection of the
  // pool, so two statements in sequence cost two waits, side by side one.
  const [[previous], sent] = await Promise.all([
    db
      .select()
      .from(welcomes)
      .where(
        and(
          eq(welcomes.followerId, followerId),
          inArray(welcomes.status, ['approved', 'sending', 'sent']),
          excludeWelcomeId === undefined ? undefined : ne(welcomes.id, excludeWelcomeId),
        ),
      ),
    db
      .select({ text: welcomes.finalText })
      .from(welcomes)
      .where(and(eq(welcomes.accountId, accountId), eq(welcomes.status, 'sent'), ne(welcomes.followerId, followerId), isNotNull(welcomes.finalText)))
      .orderBy(desc(welcomes.sentAt))
      .limit(200),
  ]);
  return {
    previousWelcome: previous
      ? { channel: previous.channel as Channel, sentAt: previous.sentAt?.toISOString() ?? null, by: previous.decidedBy }
      : null,
    sentTexts: sent.map((row) => row.text!),
  };
}

/** How many times the welcome's send was tried: a new send job per attempt. */
export async function sendAttempts(db: Db, welcomeId: number): Promise<number> {
  const [row] = await db.select({ attempts: welcomes.attempts }).from(welcomes).where(eq(welcomes.id, welcomeId));
  return row?.attempts ?? 0;
}

/** Every welcome, or the one with this id. */
export async function listWelcomes(db: Db, welcomeId?: number): Promise<WelcomeRow[]> {
  return db.select().from(welcomes).where(welcomeId === undefined ? undefined : eq(welcomes.id, welcomeId));
}
