import type { Channel } from './index';

/** What a teammate already did for this follower, and what the desk sent to others: read from the database. */
export interface AuditHistory {
  /** The welcome this follower already had (sent, or approved and on its way), if any. */
  previousWelcome: { channel: Channel; sentAt: string | null; by: string | null } | null;
  /** Texts of welcomes sent to other followers, most recent first. */
  sentTexts: string[];
}

export type Verdict = 'pass' | 'warn' | 'fail';
