import type { Verdict } from '../domain/audit';
import type { Db } from './client';
import { auditRuns } from './schema';

/** Where an audit was asked for: a slash command, its modal, a message shortcut, a card's draft, an edit. */
export const AUDIT_SOURCES = ['slash', 'modal', 'shortcut', 'card', 'edit'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

export interface AuditRunEntry {
  source: AuditSource;
  /** A Slack user id, or "system" for the bot's own drafts. */
  actor: string | null;
  verdict: Verdict;
  /** The rule ids of the findings, in any order and with repeats: stored once each, sorted. */
  ruleIds: readonly string[];
  accountId?: number | null;
  welcomeId?: number | null;
  /** When it ran, by the caller's clock; the database's when absent. */
  at?: Date;
}

export type AuditRun = typeof auditRuns.$inferSelect;

/** Records one audit run, so the digest can say what the audit caught. */
export async function logAuditRun(db: Db, entry: AuditRunEntry): Promise<AuditRun> {
  const [row] = await db
    .insert(auditRuns)
    .values({
      source: entry.source,
      actor: entry.actor,
      verdict: entry.verdict,
      ruleIds: [...new Set(entry.ruleIds)].sort(),
      accountId: entry.accountId ?? null,
      welcomeId: entry.welcomeId ?? null,
      ...(entry.at ? { at: entry.at } : {}),
    })
    .returning();
  return row!;
}

