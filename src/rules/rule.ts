// What the desk's own rule modules add to the shared contract in ./types.
import type { Rule, RuleMeta, Severity } from './types';

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
