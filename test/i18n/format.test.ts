import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n';
import { formatDate, formatList, formatNumber, formatPercent, plural } from '../../src/i18n/format';

// Intl writes French thousands with a narrow no-break space and puts one before the percent sign.
const NNBSP = '\u202f';

describe('plurals follow each language’s rule', () => {
  const cards = { fr: { one: '# carte', other: '# cartes' }, en: { one: '# card', other: '# cards' } };

  it.each([
    [0, '0 carte', '0 cards'],
    [1, '1 carte', '1 card'],
    [2, '2 cartes', '2 cards'],
    [1.5, '1,5 carte', '1.5 cards'],
    [1000, `1${NNBSP}000 cartes`, '1,000 cards'],
  ])('%s: French says “%s”, English says “%s”', (n, fr, en) => {
    expect(plural('fr', n, cards.fr)).toBe(fr);
    expect(plural('en', n, cards.en)).toBe(en);
  });

  it('reaches the sentences the teammates read: the Home tab’s queue and the audit’s tally', () => {
    expect(t('fr').home.moreAccounts(1)).toBe('1 compte de plus : voir `accueil accounts list`.');
    expect(t('fr').home.moreAccounts(2)).toBe('2 comptes de plus : voir `accueil accounts list`.');
    expect(t('fr').home.queue(1)).toContain('1 carte en attente');
    expect(t('en').home.queue(1)).toContain('1 card waiting');
    expect(t('en').home.queue(2)).toContain('2 cards waiting');
    expect(t('fr').audit.counts(1, 0, 2)).toBe('1 erreur, 2 conseils');
    expect(t('en').audit.counts(1, 0, 2)).toBe('1 error, 2 pieces of advice');
    expect(t('en').audit.counts(0, 0, 0)).toBe('no findings');
    expect(t('fr').digest.spendLine(0, 0)).toBe('0 appel, 0 facturé');
    expect(t('en').digest.spendLine(0, 1)).toBe('0 calls, 1 billed');
    expect(t('en').digest.runs(1)).toBe('1 time');
  });
});

describe('numbers, dates and lists are written the way each language writes them', () => {
  it('groups thousands and writes decimals', () => {
    expect(formatNumber('en', 12345.5)).toBe('12,345.5');
    expect(formatNumber('fr', 12345.5)).toBe(`12${NNBSP}345,5`);
  });

  it('writes percentages and dollars', () => {
    expect(formatPercent('en', 0.42)).toBe('42%');
    expect(formatPercent('fr', 0.42)).toBe(`42${'\u00a0'}%`);
    expect(t('en').digest.usd(1.5)).toBe('$1.50');
    expect(t('fr').digest.usd(1.5)).toBe(`1,50${'\u00a0'}$US`);
    expect(t('en').digest.usd(0.001)).toBe('< $0.01');
  });

  it('writes dates in the reader’s order and words', () => {
    const date = new Date('2026-03-09T14:05:00Z');
    const options = { dateStyle: 'long', timeZone: 'UTC' } as const;
    expect(formatDate('en', date, options)).toBe('March 9, 2026');
    expect(formatDate('fr', date, options)).toBe('9 mars 2026');
    expect(t('fr').xError['rate-limited']({ status: 429, resetAt: date, detail: null, retryable: true })).toContain('à 14:05 UTC');
    expect(t('en').xError['rate-limited']({ status: 429, resetAt: date, detail: null, retryable: true })).toContain('at 14:05 UTC');
  });

  it('joins lists with the language’s conjunction', () => {
    expect(formatList('en', ['a', 'b', 'c'])).toBe('a, b, and c');
    expect(formatList('fr', ['a', 'b', 'c'])).toBe('a, b et c');
    expect(formatList('fr', ['a'])).toBe('a');
    expect(t('fr').audit.needHistory(t('fr').format.list(['`one-dm-per-follower`', '`copy-paste`']))).toBe(
      '`one-dm-per-follower` et `copy-paste` ont besoin de l’historique : lancez l’audit sur une carte ou avec @pseudo.',
    );
  });
});
