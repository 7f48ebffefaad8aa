// The one way to the bot's words: `t(lang)` gives the catalogue of the desk's language.
import type { Lang } from '../domain';
import { en, type Catalogue } from './en';
import { fr } from './fr';

export type { Catalogue } from './en';
export type { AuditWords, CardWords, XErrorFacts } from './shapes';

const CATALOGUES: Record<Lang, Catalogue> = { en, fr };

export function t(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}
