import type { Lang } from '../domain';
import { foldString as fold } from './text';

// Small, frequent words that tell French from English; enough for a bio or a welcome.
const FRENCH = new Set(
  fold('le la les un une des du de et est pour avec dans sur pas vous tu nous je suis merci bonjour bienvenue salut très au aux ce cette ces qui que mais ou votre notre nos vos mon ma mes ton ta tes son sa ses chez être avoir fait plus bien aussi comme tout tous').split(' '),
);
const ENGLISH = new Set(
  'the a an and is are for with in on not you we i am thanks thank hello welcome hi very to of this that these who what but or your our my his her at be have has do more well also like all'.split(' '),
);

/** Guesses French or English from the words of a text; null when there is too little to tell. */
export function detectLanguage(text: string): Lang | null {
  const words = fold(text)
    .replace(/\b([ljdtmnsc]|qu)['’]/g, '$1e ')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  let fr = 0;
  let en = 0;
  for (const word of words) {
    if (FRENCH.has(word)) fr++;
    if (ENGLISH.has(word)) en++;
  }
  if (/[éèêàçùœ]/i.test(text)) fr += 1;
  if (fr === en) return null;
  return fr > en ? 'fr' : 'en';
}
