import type { WelcomeRuleMeta } from './rule';
import type { TextRange } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'unfilled-placeholder',
  severity: 'error',
  description: {
    fr: 'Un champ de modèle resté tel quel : {{prenom}}, [Prénom], %FIRST_NAME%…',
    en: 'A template field left as is: {{first_name}}, [First name], %FIRST_NAME%…',
  },
  rationale: {
    fr: "Rien ne crie « message automatique » plus fort qu'un « Bonjour {{prenom}} ». C'est exactement l'impersonnel que la personne redoutait, avec la preuve en prime.",
    en: 'Nothing says "automated message" louder than "Hi {{first_name}}". It is the impersonal note the person feared, with proof attached.',
  },
  messages: {
    placeholder: {
      fr: 'Champ non rempli : {placeholder}',
      en: 'Unfilled template field: {placeholder}',
    },
  },
};

const SUGGESTION = {
  fr: 'Remplacez-le par le vrai prénom ou le vrai mot, ou retirez-le.',
  en: 'Replace it with the real name or word, or remove it.',
};

// Words that name a template field, in French and English, as found between brackets.
const FIELD_WORDS =
  '(?:first|last|full|user|company|business|brand|your|their|his|her|contact|follower|sender|my)?[ _-]?(?:name|names|handle|username|company|link|url|topic|city|date|title|job|field|role|industry|product|website|site|email)|pr[ée]nom|nom(?:[ _-]de[ _-]famille)?|pseudo|soci[ée]t[ée]|entreprise|marque|lien|sujet|th[èe]me|ville|m[ée]tier|poste|secteur|produit|insert[^\\]]*|ins[ée]rer[^\\]]*|votre[ _-][^\\]]{1,20}|your[ _-][^\\]]{1,20}';

const PLACEHOLDERS: RegExp[] = [
  // {{first_name}}, {{ prenom }}, ${name}, {name}: braces never appear in a real welcome.
  /\$?\{\{?[^{}\n]{1,40}\}\}?/gu,
  // [First name], [PRÉNOM], [lien], [Insert topic]
  new RegExp(`\\[\\s*(?:${FIELD_WORDS})\\s*\\]`, 'giu'),
  // [FIRST_NAME], [NOM DE L'ENTREPRISE]: capitals between brackets.
  /\[\p{Lu}[\p{Lu}\p{N}_ '’-]{2,40}\]/gu,
  // %FIRST_NAME%, %prenom%
  /%[\p{L}_][\p{L}\p{N}_ .-]{0,30}%/gu,
  // <first_name>, <<prénom>>
  /<<?[\p{L}_][\p{L}\p{N}_ -]{0,30}>>?/gu,
  // *|FNAME|* (Mailchimp merge tags)
  /\*\|[A-Z0-9_]+\|\*/gu,
  // Dummy text and markers teams put in templates.
  /(?<![\p{L}\p{N}])(?:XXX+|TODO|TBD)(?![\p{L}\p{N}_])/gu,
  /(?<![\p{L}\p{N}])(?:lorem ipsum|@(?:handle|username|pseudo|user|nom_utilisateur))(?![\p{L}\p{N}_])/giu,
];

export function check(context: AuditContext): RuleFinding[] {
  const ranges: TextRange[] = [];
  for (const pattern of PLACEHOLDERS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(context.text); match !== null; match = pattern.exec(context.text)) {
      const range = { start: match.index, end: match.index + match[0].length };
      if (!ranges.some((seen) => range.start < seen.end && seen.start < range.end)) ranges.push(range);
    }
  }
  return ranges
    .sort((a, b) => a.start - b.start)
    .map((range) => ({ messageId: 'placeholder', ...range, data: { placeholder: context.text.slice(range.start, range.end) }, suggestion: SUGGESTION }));
}
