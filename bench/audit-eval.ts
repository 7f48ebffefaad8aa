// Recall and false positives of the audit on the held-out quarter of the labelled corpus
// (test/corpus/audit-heldout.jsonl), written before the last tuning and never used for it.
import { fileURLToPath } from 'node:url';
import { readLabelledCorpus } from '../src/cli/audit';
import { evaluateAudit } from '../src/rules/evaluate';

export interface AuditEvalResult {
  audit_recall: number;
  audit_false_positive_rate: number;
  audit_eval_welcomes: number;
}

const HELD_OUT = fileURLToPath(new URL('../test/corpus/audit-heldout.jsonl', import.meta.url));

export async function runAuditEvalBench(path = HELD_OUT): Promise<AuditEvalResult> {
  const { corpus, errors } = await readLabelledCorpus(path, {});
  if (errors.length > 0) throw new Error(`${path}: ${errors.join('; ')}`);
  const report = evaluateAudit(corpus);
  return {
    audit_recall: Number((report.overall.recall ?? 0).toFixed(4)),
    audit_false_positive_rate: Number((report.overall.falsePositiveRate ?? 0).toFixed(4)),
    audit_eval_welcomes: report.welcomes,
  };
}
