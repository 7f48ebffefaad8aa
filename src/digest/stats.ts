// The arithmetic of the digest's comparisons: proportions with a Wilson score interval, and a plain
// verdict that refuses to conclude on small numbers.

export interface Proportion {
  /** How many were counted (welcomes sent, followers checked). */
  n: number;
  /** How many of them had the outcome (replied, unfollowed). */
  k: number;
}

export interface Interval {
  rate: number | null;
  low: number;
  high: number;
}

/** The 95 % Wilson score interval: honest near 0 % and 100 %, and for small n, where the normal one is not. */
export function wilson({ n, k }: Proportion, z = 1.959964): Interval {
  if (n === 0) return { rate: null, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Below this many in a group, a rate is shown but no conclusion is drawn from it. */
export const MIN_GROUP_SIZE = 30;

export type Verdict =
  | { kind: 'too-few'; smallest: number }
  | { kind: 'no-clear-difference' }
  | { kind: 'higher'; index: number }
  | { kind: 'lower'; index: number };

/**
 * Whether two groups differ: too few when either is under MIN_GROUP_SIZE; a difference only when
 * their intervals do not overlap (conservative, and easy to explain in one sentence).
 */
export function compare(a: Proportion, b: Proportion): Verdict {
  const smallest = Math.min(a.n, b.n);
  if (smallest < MIN_GROUP_SIZE) return { kind: 'too-few', smallest };
  const [ia, ib] = [wilson(a), wilson(b)];
  if (ia.low > ib.high) return { kind: 'higher', index: 0 };
  if (ia.high < ib.low) return { kind: 'lower', index: 0 };
  return { kind: 'no-clear-difference' };
}

/** The middle value; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
