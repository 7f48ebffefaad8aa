// What the desk's own rule modules add to the shared contract in ./types.
import type { AuditContext, Rule, RuleFinding, RuleMeta, Severity } from './types';

export interface WelcomeRuleMeta extends RuleMeta {
  /**
   * Messages that report something milder than the rule's default severity: too-long blocks a
   * mention over 280 characters but only warns when a DM stops being brief.
   */
  messageSeverity?: Record<string, Severity>;
}

export interface WelcomeRule extends Rule {
  meta: WelcomeRuleMeta;
}

/**
 * A check that answers a second call on the same context with its first answer. self-centered asks
 * sales-pitch, no-social-redirect and no-contact-harvest whether they found something on the very
 * context the audit has just given them (one object per audit): they answer without reading again.
 */
export function rememberingLast(check: (context: AuditContext) => RuleFinding[]): (context: AuditContext) => RuleFinding[] {
  let lastContext: AuditContext | null = null;
  let lastFindings: RuleFinding[] = [];
  return (context) => {
    if (context !== lastContext) {
      lastFindings = check(context);
      lastContext = context;
    }
    return lastFindings;
  };
}
