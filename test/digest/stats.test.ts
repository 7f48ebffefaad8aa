import { describe, expect, it } from 'vitest';
import { compare, median, wilson } from '../../src/digest/stats';

describe('Wilson intervals and verdicts', () => {
  it.each([
    // Reference values (Newcombe 1998, table I; and the closed form at k = 0).
    [{ n: 4, k: 2 }, 0.15, 0.85],
    [{ n: 10, k: 1 }, 0.0179, 0.4042],
    [{ n: 29, k: 0 }, 0, 0.1170],
  ])('gives the 95 %% interval of %o', (rate, low, high) => {
    const ci = wilson(rate);
    expect(ci.low).toBeCloseTo(low, 3);
    expect(ci.high).toBeCloseTo(high, 3);
  });

  it('has no rate and the whole range when nothing was counted', () => {
    expect(wilson({ n: 0, k: 0 })).toEqual({ rate: null, low: 0, high: 1 });
  });

  it('refuses to conclude under 30 per group, even on a large gap', () => {
    expect(compare({ n: 29, k: 29 }, { n: 100, k: 0 })).toEqual({ kind: 'too-few', smallest: 29 });
  });

  it('calls a difference only when the intervals do not overlap', () => {
    expect(compare({ n: 40, k: 30 }, { n: 40, k: 5 })).toEqual({ kind: 'higher', index: 0 });
    expect(compare({ n: 40, k: 5 }, { n: 40, k: 30 })).toEqual({ kind: 'lower', index: 0 });
    expect(compare({ n: 40, k: 12 }, { n: 40, k: 8 })).toEqual({ kind: 'no-clear-difference' });
  });

  it('takes the middle of an odd or even list', () => {
    expect(median([8, 2, 6, 4])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });
});
