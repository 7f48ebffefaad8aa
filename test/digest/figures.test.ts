import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import type { Database } from '../../src/db/client';
import { digestFigures, type DigestFigures } from '../../src/db/digest-queries';
import { seedXPrices } from '../../src/db/x-usage';
import { buildDigestBlocks } from '../../src/bot/blocks/digest';
import { createTestDatabase } from '../helpers/db';
import { DIGEST_END, seedDigestHistory, X_USER_ID } from './seed';

let database: Database;
let figures: DigestFigures;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedXPrices(database.db);
  await seedDigestHistory(database.db);
  const [account] = (await database.executeSql('select id from x_accounts')).rows;
  figures = await digestFigures(database.db, { id: Number(account!.id), xUserId: X_USER_ID }, { from: new Date(DIGEST_END.getTime() - 7 * 86_400_000), to: DIGEST_END });
});
afterAll(async () => {
  await database.close();
});

describe('the weekly digest figures, on a history whose answers are known', () => {
  it('counts the week: new followers (not the baseline), cards, welcomes by channel, skips and expiries', () => {
    expect(figures.newFollowers).toBe(6);
    expect(figures.cards).toBe(6);
    expect(figures.welcomed).toEqual({ dm: 1, mention: 1, manual: 1 });
    expect(figures.skipped).toBe(1);
    expect(figures.expired).toBe(1);
  });

  it('takes the median time from follow to a teammate’s decision, expiries excluded: 2, 4, 6 and 8 hours give 5', () => {
    expect(figures.medianDecisionSeconds).toBe(5 * 3600);
  });

  it('compares reply and 7-day unfollow rates of the welcomed with the control sample over eight weeks', () => {
    expect(figures.replies).toEqual({ welcomed: { n: 4, k: 2 }, notWelcomed: { n: 3, k: 1 } });
    expect(figures.unfollows7).toEqual({ welcomed: { n: 1, k: 1 }, notWelcomed: { n: 1, k: 0 } });
  });

  it('breaks the rates down per template', () => {
    expect(figures.templates).toEqual([
      { templateId: 'fr-dm-1', replies: { n: 2, k: 2 }, unfollows7: { n: 1, k: 1 } },
      { templateId: 'fr-dm-2', replies: { n: 1, k: 0 }, unfollows7: { n: 0, k: 0 } },
      { templateId: 'fr-mention-1', replies: { n: 1, k: 0 }, unfollows7: { n: 0, k: 0 } },
    ]);
  });

  it('credits each teammate with their own decisions of the week', () => {
    expect(figures.teammates).toEqual([
      { userId: 'U0ALICE1', approved: 2, skipped: 0, edited: 0, sentManually: 1 },
      { userId: 'U0BOB001', approved: 1, skipped: 1, edited: 1, sentManually: 0 },
    ]);
  });

  it('counts the audit’s findings of the week by rule, slash-command audits included', () => {
    expect(figures.audit).toEqual([
      { ruleId: 'missing-thanks', runs: 2 },
      { ruleId: 'max-one-link', runs: 1 },
      { ruleId: 'sales-pitch', runs: 1 },
    ]);
  });

  it('prices the week’s X calls with the table in the database', () => {
    expect(figures.spend).toEqual([
      { category: 'dm-send', calls: 1, units: 1, usd: 0.02 },
      { category: 'user-read', calls: 2, units: 150, usd: 1.5 },
    ]);
  });

  it('draws eight weekly buckets ending with this week', () => {
    expect(figures.trend).toHaveLength(8);
    expect(figures.trend[7]).toEqual({ from: '2026-03-02T08:00:00.000Z', followers: 6, welcomes: 3, replies: 1, unfollows: 0 });
    expect(figures.trend[6]).toEqual({ from: '2026-02-23T08:00:00.000Z', followers: 0, welcomes: 0, replies: 0, unfollows: 1 });
    expect(figures.trend[5]).toEqual({ from: '2026-02-16T08:00:00.000Z', followers: 2, welcomes: 1, replies: 1, unfollows: 0 });
    expect(figures.trend.slice(0, 5).every((w) => w.followers + w.welcomes + w.replies + w.unfollows === 0)).toBe(true);
  });

  it('says plainly that these numbers are too small to conclude anything', () => {
    const text = renderBlocksAsText(buildDigestBlocks(figures, 'en').blocks as never);
    expect(text).toContain('Too few to conclude: the smallest group has 3; at least 30 each are needed.');
    expect(text).toContain('Too few to compare templates');
    expect(text).toContain('welcomed 50% (2/4, 95% CI 15%–85%)');
    expect(text).toContain('Total: $1.52');
    const fr = renderBlocksAsText(buildDigestBlocks(figures, 'fr').blocks as never);
    expect(fr).toContain('Trop peu pour conclure');
  });

  it('labels the numbers of its notification text, which is shown alone (issue 15, item 13)', () => {
    expect(buildDigestBlocks(figures, 'en').text).toMatch(/: new followers \d+ · welcomed \d+$/);
    expect(buildDigestBlocks(figures, 'fr').text).toMatch(/: nouveaux abonnés \d+ · \S+ \d+$/);
  });
});
