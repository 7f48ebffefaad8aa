import { describe, expect, it } from 'vitest';
import { CHART_SIZE, renderTrendChart } from '../../src/digest/chart';

const weeks = Array.from({ length: 8 }, (_, i) => ({
  from: new Date(Date.UTC(2026, 0, 12 + 7 * i, 8)).toISOString(),
  followers: 10 + i,
  welcomes: i,
  replies: i % 3,
  unfollows: i % 2,
}));

/** Width and height from the PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the trend chart', () => {
  it('is a PNG of 800 × 400 ending in an IEND chunk', async () => {
    const png = await renderTrendChart(weeks, 'fr');
    expect(pngSize(png)).toEqual(CHART_SIZE);
    expect(png.subarray(png.length - 8, png.length - 4).toString('ascii')).toBe('IEND');
  });

  it('draws the data: two different trends give two different images', async () => {
    const flat = await renderTrendChart(weeks.map((w) => ({ ...w, followers: 0, welcomes: 0, replies: 0, unfollows: 0 })));
    const real = await renderTrendChart(weeks);
    expect(flat.equals(real)).toBe(false);
  });
});
