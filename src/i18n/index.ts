// The one way to the bot's words: `t(lang)` gives the catalogue of the desk's language.
import type { Lang, OwnDomainCheck } from '../domain';
import { en, type Catalogue } from './en';
import { fr } from './fr';

export type { Catalogue } from './en';
export type { AuditWords, CardWords, HintFacts, TemplateWords, XErrorFacts } from './shapes';

const CATALOGUES: Record<Lang, Catalogue> = { en, fr };

export function t(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

/** Why a domain was refused as one of the team's own, in words. */
export function ownDomainRefusal(refused: Extract<OwnDomainCheck, { ok: false }>, lang: Lang = 'en'): string {
  return CATALOGUES[lang].ownDomain[refused.problem](refused.input.trim());
}
