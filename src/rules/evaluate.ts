// Scores the audit on a labelled corpus: for each rule, how many of the welcomes it must catch it
// catches (recall), and how many of those it must leave alone it flags anyway (false positives).
import { auditMessage } from './audit';
import type { AuditInput } from './types';

export interface LabelledWelcome {
  id: string | number;
  input: AuditInput;
  /** Rules that must report something on this welcome. */
  must: readonly string[];
  /** Rules that must report nothing on it. */
  mustNot: readonly string[];
}

export interface RuleScore {
  ruleId: string;
  /** Welcomes the rule must catch, and how many it caught. */
  positives: number;
  caught: number;
  /** Welcomes the rule must leave alone, and how many it flagged anyway. */
  negatives: number;
  falseAlarms: number;
  /** caught / positives; null when the corpus has no positive for the rule. */
  recall: number | null;
  /** falseAlarms / negatives; null when the corpus has no negative for the rule. */
  falsePositiveRate: number | null;
  /** Ids of the welcomes missed and of those flagged wrongly, to read them. */
  missed: Array<string | number>;
  flagged: Array<string | number>;
}

export interface EvaluationReport {
  rules: RuleScore[];
  /** Over every (welcome, rule) label of the corpus. */
  overall: Omit<RuleScore, 'ruleId' | 'missed' | 'flagged'>;
  welcomes: number;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function emptyScore(ruleId: string): RuleScore {
  return { ruleId, positives: 0, caught: 0, negatives: 0, falseAlarms: 0, recall: null, falsePositiveRate: null, missed: [], flagged: [] };
}

/** Audits every welcome once and tallies each rule's labels. */
export function evaluateAudit(corpus: Iterable<LabelledWelcome>): EvaluationReport {
  const scores = new Map<string, RuleScore>();
  const scoreOf = (ruleId: string): RuleScore => {
    let score = scores.get(ruleId);
    if (!score) scores.set(ruleId, (score = emptyScore(ruleId)));
    return score;
  };
  let welcomes = 0;
  for (const welcome of corpus) {
    welcomes++;
    const fired = new Set(auditMessage(welcome.input).findings.map((finding) => finding.ruleId));
    for (const ruleId of welcome.must) {
      const score = scoreOf(ruleId);
      score.positives++;
      if (fired.has(ruleId)) score.caught++;
      else score.missed.push(welcome.id);
    }
    for (const ruleId of welcome.mustNot) {
      const score = scoreOf(ruleId);
      score.negatives++;
      if (fired.has(ruleId)) {
        score.falseAlarms++;
        score.flagged.push(welcome.id);
      }
    }
  }
  const rules = [...scores.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
  const overall = { positives: 0, caught: 0, negatives: 0, falseAlarms: 0 };
  for (const score of rules) {
    score.recall = ratio(score.caught, score.positives);
    score.falsePositiveRate = ratio(score.falseAlarms, score.negatives);
    overall.positives += score.positives;
    overall.caught += score.caught;
    overall.negatives += score.negatives;
    overall.falseAlarms += score.falseAlarms;
  }
  return {
    rules,
    overall: { ...overall, recall: ratio(overall.caught, overall.positives), falsePositiveRate: ratio(overall.falseAlarms, overall.negatives) },
    welcomes,
  };
}
