import type { WelcomeRuleMeta } from './rule';
import { wholeText } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'no-dm-from-personal-account',
  severity: 'error',
  description: {
    fr: "Pas de DM de bienvenue depuis un compte personnel.",
    en: 'No welcome DM from a personal account.',
  },
  rationale: {
    fr: "On tolère un message d'une marque qui a quelque chose à montrer, pas d'un particulier : venant d'un compte personnel, un DM d'accueil passe pour du spam. Mieux vaut une mention publique, ou simplement suivre la personne en retour.",
    en: 'People may expect a note from a business; from an individual, a welcome DM feels like spam. A public mention, or following back, is the friendly way.',
  },
  messages: {
    personalDm: {
      fr: 'Ce compte est marqué personnel : pas de DM de bienvenue.',
      en: 'This account is marked personal: no welcome DM.',
    },
  },
};

const SUGGESTION = {
  fr: 'Publiez plutôt une mention publique de bienvenue, ou suivez la personne en retour.',
  en: 'Post a public welcome mention instead, or simply follow them back.',
};

export function check(context: AuditContext): RuleFinding[] {
  if (context.kind !== 'dm' || context.accountKind !== 'personal') return [];
  return [{ messageId: 'personalDm', ...wholeText(context.text), suggestion: SUGGESTION }];
}
