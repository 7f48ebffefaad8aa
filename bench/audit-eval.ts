// Recall and false positives of the audit on the held-out labelled welcomes: written blind, by
// someone who never saw the rules' lexicons, and scored once, never used for tuning.
import { fileURLToPath } from 'node:url';
import { readLabelledCorpus } from '../src/cli/audit';
import { evaluateAudit } from '../src/rules/evaluate';

/** The one place that names the held-out corpus (the bench and test/rules/cli-audit.test.ts read it here). */
export const HELD_OUT = fileURLToPath(new URL('../test/corpus/audit-heldout-6.jsonl', import.meta.url));
/** The development corpus the rules were tuned on. */
export const DEVELOPMENT = fileURLToPath(new URL('../test/corpus/audit-dev.jsonl', import.meta.url));

export interface AuditEvalResult {
  audit_recall: number;
  audit_false_positive_rate: number;
  /** The weakest rule's recall and the most alarmed rule's false-positive rate: issue 14's targets hold per rule. */
  audit_min_rule_recall: number;
  audit_max_rule_false_positive_rate: number;
  audit_eval_welcomes: number;
}

const rounded = (value: number | null): number => Number((value ?? 0).toFixed(4));

export async function runAuditEvalBench(path = HELD_OUT): Promise<AuditEvalResult> {
  const { corpus, errors } = await readLabelledCorpus(path, {});
  if (errors.length > 0) throw new Error(`${path}: ${errors.join('; ')}`);
  const report = evaluateAudit(corpus);
  const recalls = report.rules.flatMap((rule) => (rule.recall === null ? [] : [rule.recall]));
  const falseAlarms = report.rules.flatMap((rule) => (rule.falsePositiveRate === null ? [] : [rule.falsePositiveRate]));
  return {
    audit_recall: rounded(report.overall.recall),
    audit_false_positive_rate: rounded(report.overall.falsePositiveRate),
    audit_min_rule_recall: rounded(Math.min(...recalls)),
    audit_max_rule_false_positive_rate: rounded(Math.max(...falseAlarms)),
    audit_eval_welcomes: report.welcomes,
  };
}
