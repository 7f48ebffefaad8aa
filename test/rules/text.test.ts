import { describe, expect, it } from 'vitest';
import { codePointLength, findAll, foldString, foldText, indexOfCodePoint, wordsPattern } from '../../src/rules/text';

const excerpts = (text: string, pattern: RegExp): string[] => findAll(text, pattern).map(({ start, end }) => text.slice(start, end));

describe('matching welcome text', () => {
  it('ignores case, accents and typographic apostrophes', () => {
    expect(foldText('Qu’ATTENDEZ-vous de CÉLINE ?').folded).toBe("qu'attendez-vous de celine ?");
    expect(foldString('Œuvre à Noël')).toBe('oeuvre a noel');
  });

  it('reports ranges in the text as written, even after emoji and ligatures', () => {
    const pattern = wordsPattern(['coeur', 'merci beaucoup']);
    expect(excerpts('🎉 De tout cœur,\nMERCI\u00a0BEAUCOUP 🙏', pattern)).toEqual(['cœur', 'MERCI\u00a0BEAUCOUP']);
  });

  it('matches whole words only, accented letters included', () => {
    const pattern = wordsPattern(['merci']);
    expect(excerpts('Remerciements, mercière, merci!', pattern)).toEqual(['merci']);
    expect(excerpts('mercié merci', pattern)).toEqual(['merci']);
  });

  it('lets a phrase span hyphens, line breaks and a missing apostrophe', () => {
    const pattern = wordsPattern(["qu'attendez vous"]);
    expect(excerpts('Qu attendez\nvous ? qu’attendez-vous ?', pattern)).toEqual(['Qu attendez\nvous', 'qu’attendez-vous']);
  });

  it('counts characters the way X counts a DM', () => {
    expect(codePointLength('a🙂é')).toBe(3);
    expect(indexOfCodePoint('a🙂é', 2)).toBe(3);
    expect(indexOfCodePoint('ab', 5)).toBe(2);
  });
});
