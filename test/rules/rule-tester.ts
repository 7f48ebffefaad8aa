// A small RuleTester, after ESLint's: a table of valid and invalid welcomes per rule.
import { describe, expect, it } from 'vitest';
import type { AccountKind, Channel, Lang } from '../../src/domain';
import { detectLanguage } from '../../src/rules/lang';
import type { AuditContext, AuditHistory, Rule, RuleFinding } from '../../src/rules/types';

export interface RuleCase {
  text: string;
  kind?: Channel;
  lang?: Lang;
  ownDomains?: string[];
  accountKind?: AccountKind;
  follower?: AuditContext['follower'];
  history?: AuditHistory;
  /** The test's title when the text alone does not say what the case is about. */
  name?: string;
}

export interface ExpectedFinding {
  messageId?: string;
  start?: number;
  end?: number;
  /** The offending part: text.slice(start, end) of the finding. */
  text?: string;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedFinding[];
}

export interface RuleCases {
  valid: Array<string | RuleCase>;
  invalid: InvalidCase[];
}

/** Every rule is shown to pass and to fail at least this often. */
export const MIN_CASES = 6;

const asCase = (value: string | RuleCase): RuleCase => (typeof value === 'string' ? { text: value } : value);
const langOf = (testCase: RuleCase): Lang => testCase.lang ?? detectLanguage(testCase.text) ?? 'en';

function contextOf(testCase: RuleCase): AuditContext {
  const context: AuditContext = {
    text: testCase.text,
    kind: testCase.kind ?? 'dm',
    lang: langOf(testCase),
    ownDomains: testCase.ownDomains ?? [],
    accountKind: testCase.accountKind ?? 'business',
  };
  if (testCase.follower) context.follower = testCase.follower;
  if (testCase.history) context.history = testCase.history;
  return context;
}

function titleOf(testCase: RuleCase): string {
  const base = testCase.name ?? testCase.text.replace(/\s+/g, ' ');
  const short = base.length > 90 ? `${base.slice(0, 87)}…` : base;
  return testCase.kind === 'mention' ? `[mention] ${short}` : short;
}

/** What a finding points at, as a reader would check it. */
const shown = (text: string, finding: RuleFinding) => ({ messageId: finding.messageId, text: text.slice(finding.start, finding.end) });

function checkShape(rule: Rule, text: string, findings: readonly RuleFinding[]): void {
  for (const finding of findings) {
    expect(rule.meta.messages, `unknown message id ${finding.messageId}`).toHaveProperty([finding.messageId]);
    expect(finding.start).toBeGreaterThanOrEqual(0);
    expect(finding.end).toBeGreaterThanOrEqual(finding.start);
    expect(finding.end).toBeLessThanOrEqual(text.length);
  }
}

export function ruleTester(rule: Rule, cases: RuleCases): void {
  const valid = cases.valid.map(asCase);
  const invalid = cases.invalid;

  describe(rule.meta.id, () => {
    it(`is shown passing and failing at least ${MIN_CASES} times each, in French and in English`, () => {
      expect(valid.length).toBeGreaterThanOrEqual(MIN_CASES);
      expect(invalid.length).toBeGreaterThanOrEqual(MIN_CASES);
      for (const table of [valid, invalid]) {
        const langs = new Set(table.map(langOf));
        expect([...langs].sort()).toEqual(['en', 'fr']);
      }
    });

    describe('accepts', () => {
      it.each(valid.map((testCase) => [titleOf(testCase), testCase] as const))('%s', (_title, testCase) => {
        const findings = rule.check(contextOf(testCase));
        expect(findings.map((finding) => shown(testCase.text, finding))).toEqual([]);
      });
    });

    describe('reports', () => {
      it.each(invalid.map((testCase) => [titleOf(testCase), testCase] as const))('%s', (_title, testCase) => {
        const findings = [...rule.check(contextOf(testCase))].sort((a, b) => a.start - b.start);
        checkShape(rule, testCase.text, findings);
        expect(findings.map((finding) => shown(testCase.text, finding))).toHaveLength(testCase.errors.length);
        testCase.errors.forEach((expected, index) => {
          const finding = findings[index]!;
          if (expected.messageId !== undefined) expect(finding.messageId).toBe(expected.messageId);
          if (expected.start !== undefined) expect(finding.start).toBe(expected.start);
          if (expected.end !== undefined) expect(finding.end).toBe(expected.end);
          if (expected.text !== undefined) expect(testCase.text.slice(finding.start, finding.end)).toBe(expected.text);
        });
      });
    });
  });
}
