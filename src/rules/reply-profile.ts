// The audit of an answer in a conversation: the follower wrote, the team answers. A welcome's
// first-contact rules (thanks, no questions about why they followed, one welcome ever, not all
// about us) make no sense there; what still holds is what X and decency forbid in any message.
import type { AccountKind, Lang } from '../domain';
import { auditMessage } from './audit';
import type { AuditReport, Severity } from './types';

/**
 * The public rule ids that apply to an answer, and why each one still does: no sales pitch, no
 * harvesting their contact details, no pushing them to another network, links only to the team's
 * own domains, X's length limits, and no template field left unfilled.
 */
export const REPLY_RULE_IDS = [
  'link-off-domain',
  'no-contact-harvest',
  'no-social-redirect',
  'sales-pitch',
  'too-long',
  'unfilled-placeholder',
] as const;

const PROFILE: ReadonlySet<string> = new Set(REPLY_RULE_IDS);

/** How the answer travels: a DM, or a public reply to their post (a post, with X's 280-character count). */
export type ReplyVia = 'dm' | 'reply';

export interface ReplyAuditInput {
  text: string;
  via: ReplyVia;
  /** The language of the report; detected from the text when absent. */
  lang?: Lang;
  ownDomains: string[];
  accountKind: AccountKind;
  /** The account's rule switches, as for welcomes. */
  overrides?: Record<string, Severity | 'off'>;
}

export interface ReplyAuditReport extends AuditReport {
  profile: 'reply';
  /** The rules that ran on this answer, sorted: the report says what was checked, not only what was found. */
  applied: string[];
}

/** Audits an answer with the rules that apply to a reply in a conversation. */
export function auditReply(input: ReplyAuditInput): ReplyAuditReport {
  const report = auditMessage(
    {
      text: input.text,
      kind: input.via === 'dm' ? 'dm' : 'mention',
      ...(input.lang ? { lang: input.lang } : {}),
      ownDomains: input.ownDomains,
      accountKind: input.accountKind,
      answering: true,
      ...(input.overrides ? { overrides: input.overrides } : {}),
    },
    PROFILE,
  );
  const applied = REPLY_RULE_IDS.filter((id) => input.overrides?.[id] !== 'off' && !report.skipped.includes(id));
  return { ...report, profile: 'reply', applied: [...applied] };
}
