import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleIds, rules } from '../../src/rules/index';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const rulesDir = here('../../src/rules/');

// Rule ids are a public interface (DESIGN.md, "Audit rules").
const PUBLIC_RULE_IDS = [
  'copy-paste',
  'interrogation',
  'link-in-public-welcome',
  'link-off-domain',
  'max-one-link',
  'mention-names-follower',
  'missing-thanks',
  'multiple-mentions',
  'no-contact-harvest',
  'no-dm-from-personal-account',
  'no-social-redirect',
  'one-dm-per-follower',
  'sales-pitch',
  'self-centered',
  'too-long',
  'unfilled-placeholder',
];

const placeholdersOf = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

describe('the rule registry', () => {
  it('lists exactly the public rule ids, sorted', () => {
    expect(ruleIds).toEqual(PUBLIC_RULE_IDS);
  });

  it('registers every rule module found in src/rules', () => {
    const looksLikeRule = (file: string): boolean => {
      const source = readFileSync(`${rulesDir}${file}`, 'utf8');
      return /export const meta\b/.test(source) && /export (?:function|const) check\b/.test(source);
    };
    const ruleFiles = readdirSync(rulesDir).filter((file) => file.endsWith('.ts') && looksLikeRule(file));
    expect(ruleFiles.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual(ruleIds);
  });

  describe.each(rules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
    it('lives in a file named after its id', () => {
      expect(existsSync(`${rulesDir}${id}.ts`)).toBe(true);
    });

    it('explains itself in French and in English', () => {
      for (const text of [rule.meta.description, rule.meta.rationale]) {
        expect(text.fr.trim().length).toBeGreaterThan(20);
        expect(text.en.trim().length).toBeGreaterThan(20);
      }
      expect(['error', 'warning', 'info']).toContain(rule.meta.severity);
    });

    it('words each message in both languages with the same placeholders', () => {
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      for (const message of Object.values(rule.meta.messages)) {
        expect(message.fr.trim()).not.toBe('');
        expect(message.en.trim()).not.toBe('');
        expect(placeholdersOf(message.fr)).toEqual(placeholdersOf(message.en));
      }
    });

    it('has its own table of cases run by the rule tester', () => {
      const testFile = here(`./${id}.test.ts`);
      expect(existsSync(testFile), `test/rules/${id}.test.ts is missing`).toBe(true);
      const source = readFileSync(testFile, 'utf8');
      expect(source).toContain(`from '../../src/rules/${id}'`);
      expect(source).toMatch(/ruleTester\(rule,/);
    });
  });
});
