/** A source of numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: small, fast, and the same sequence from the same seed everywhere. The demo's history,
 * the audit benchmark's corpus and the hostile-input tests draw from it, so each run is the same.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
