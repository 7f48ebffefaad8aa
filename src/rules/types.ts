import type { AccountKind, Channel, Lang } from '../domain';
import type { AuditHistory, Verdict } from '../domain/audit';

export type { AuditHistory, Verdict };

export type Severity = 'error' | 'warning' | 'info';

/** A message in both first-class languages. */
export interface Localized {
  fr: string;
  en: string;
}

/** Everything a rule may look at. `history` is absent when there is none to read (CLI, a bare `/audit-dm`). */
export interface AuditContext {
  text: string;
  kind: Channel;
  lang: Lang;
  ownDomains: string[];
  accountKind: AccountKind;
  follower?: { handle?: string; name?: string; bio?: string };
  history?: AuditHistory;
  /** The message answers one of theirs (the reply profile): what is left of something they asked about is information, not pressure. */
  answering?: boolean;
}

/** What a rule reports: a message id from its meta, the character range, and an optional suggestion. */
export interface RuleFinding {
  messageId: string;
  start: number;
  end: number;
  /** Values interpolated into the message as {name}. */
  data?: Record<string, string | number>;
  suggestion?: Localized;
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  description: Localized;
  rationale: Localized;
  messages: Record<string, Localized>;
  /** History-aware rules are skipped, and the report says so, when the context has no history. */
  needsHistory?: boolean;
  /** Rules about the follower (their @handle) are skipped, and the report says so, when the context names none. */
  needsFollower?: boolean;
  /** The one channel the rule is about, when it checks only DMs or only mentions. */
  onlyFor?: Channel;
}

export interface Rule {
  meta: RuleMeta;
  check(context: AuditContext): RuleFinding[];
}

/** A finding as the product shows it: resolved message and severity. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  suggestion?: string;
}

export interface AuditInput {
  text: string;
  kind?: Channel;
  /** Taken from context when given, else detected from the text (English when unsure). */
  lang?: Lang;
  ownDomains?: string[];
  accountKind?: AccountKind;
  follower?: AuditContext['follower'];
  history?: AuditHistory;
  answering?: boolean;
  /** Per-account switches: a rule turned off or given another severity. */
  overrides?: Record<string, Severity | 'off'>;
}

export interface AuditReport {
  verdict: Verdict;
  lang: Lang;
  kind: Channel;
  findings: Finding[];
  /** Rules not run because they need history, or a follower, the caller did not have. */
  skipped: string[];
}
