import { describe, expect, it } from 'vitest';
import { rememberingLast } from '../../src/rules/rule';
import type { AuditContext, RuleFinding } from '../../src/rules/types';

const contextOf = (text: string): AuditContext => ({ text, kind: 'dm', lang: 'en', ownDomains: [], accountKind: 'business' });

describe('rememberingLast', () => {
  it('answers a second call on the same context without checking again, and checks a new context', () => {
    const seen: string[] = [];
    const check = rememberingLast((context): RuleFinding[] => {
      seen.push(context.text);
      return [{ messageId: 'x', start: 0, end: context.text.length }];
    });
    const first = contextOf('Thanks!');
    expect(check(first)).toBe(check(first));
    const second = contextOf('Thanks!');
    expect(check(second)).not.toBe(check(first));
    expect(seen).toEqual(['Thanks!', 'Thanks!', 'Thanks!']);
  });
});
