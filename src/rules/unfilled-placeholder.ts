import type { WelcomeRuleMeta } from './rule';
import { foldString } from './text';
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

// What a slot is called once brackets, case and separators are gone: "FIRST_NAME", "prénom", "NOM_CLIENT".
const SLOT_NAMES = new Set([
  'name', 'names', 'firstname', 'lastname', 'fullname', 'fname', 'lname', 'username', 'handle', 'company', 'companyname', 'business', 'brand', 'topic', 'city',
  'title', 'job', 'field', 'role', 'industry', 'product', 'website', 'site', 'email', 'link', 'url', 'user', 'follower', 'contact', 'recipient', 'customer', 'client',
  'prenom', 'nom', 'pseudo', 'societe', 'entreprise', 'marque', 'lien', 'sujet', 'theme', 'ville', 'metier', 'poste', 'secteur', 'produit', 'abonne', 'utilisateur',
  'destinataire', 'nomutilisateur', 'nomdefamille', 'nomabonne', 'nomclient', 'prenomabonne', 'prenomclient', 'first', 'last',
  'surname', 'nickname', 'surnom',
]);
// The person's own slots: words that, alone between parentheses, can only be a field ("(name)", not "(brand) new").
const PERSON_SLOTS = new Set(['name', 'firstname', 'lastname', 'fullname', 'fname', 'lname', 'username', 'handle', 'prenom', 'nom', 'pseudo', 'nomdefamille', 'username']);
// Read between brackets only: "[PROJECT]" is a slot, a shouted "PROJECT" is a word.
const SLOT_PARTS = new Set([
  'name', 'prenom', 'nom', 'first', 'handle', 'pseudo', 'company', 'user', 'username', 'topic', 'sujet', 'ville', 'city', 'entreprise', 'societe', 'surname',
  'project', 'projet', 'event', 'evenement', 'school', 'ecole',
]);

/** Whether the words inside a placeholder name a slot, not ordinary words or code. */
function namesSlot(inside: string): boolean {
  const words = foldString(inside.trim()).replace(/^(?:user|contact|follower|subscriber|abonne|client|customer)\./, '').split(/[\s_.-]+/).filter(Boolean);
  if (words.length === 0) return false;
  if (SLOT_NAMES.has(words.join(''))) return true;
  return words.length <= 4 && words.some((word) => SLOT_PARTS.has(word));
}

/**
 * Whether a bare word in capitals is a slot's name through and through ("FIRST_NAME", "NOM_CLIENT"),
 * not a constant that contains one ("NAME_MAX", "USER_AGENT"): outside brackets, every part must name a slot.
 */
function wholeSlot(inside: string): boolean {
  const words = foldString(inside).split(/[\s_.-]+/).filter(Boolean);
  // A joiner alone ("YOUR", "THE" in a shouted line) names no slot: one word at least must.
  return words.length > 0 && (SLOT_NAMES.has(words.join('')) || (words.every((word) => SLOT_NAMES.has(word) || SLOT_JOINERS.has(word)) && words.some((word) => SLOT_NAMES.has(word))));
}
const SLOT_JOINERS = new Set(['de', 'du', 'the', 'of', 'your', 'votre', 'ton', 'ta', 'his', 'her', 'their', 'famille', 'here', 'ici', 'goes', 'insert']);

/** "firstName" → "first_Name", so a slot written in camel case splits into its words. */
const camelWords = (name: string): string => name.replace(/(\p{Ll})(\p{Lu})/gu, '$1_$2');

function fieldShaped(inner: string): boolean {
  return namesSlot(inner) || /[_.|]/u.test(inner) || /^\s*\p{Lu}[\p{Lu}\p{N} ]+\s*$/u.test(inner) || /^\s*(?:if|for|endif|endfor|else)\b/u.test(inner);
}

// HTML elements written in lower case ("the <title> tag"): markup talked about, not a slot.
const HTML_ELEMENTS = new Set(['title', 'head', 'body', 'meta', 'main', 'header', 'footer', 'section', 'article', 'nav', 'form', 'input', 'select', 'option', 'table']);

// Words that name a template field, in French and English, as found between brackets.
const PLACEHOLDERS: Array<[RegExp, ((match: string, inner: string) => boolean)?]> = [
  // *|FNAME|* (Mailchimp merge tags)
  [/\*\|[A-Z0-9_]+\|\*/gu],
  // ${name}, ${user.firstName}: dollar braces around a slot; ${HOME} in a message about the shell is not one.
  [/\$\{([^{}\n]{1,40})\}/gu, (_match, inner) => namesSlot(camelWords(inner))],
  // :first_name, :prenom (Rails, SQL and chat-tool slots); not a time (10:30), a link (https://) or an emoticon (:p).
  [/(?<![\p{L}\p{N}:/]):([\p{L}_][\p{L}\p{N}_.]{1,30})(?![\p{L}\p{N}_:])/gu, (_match, inner) => namesSlot(camelWords(inner))],
  // __PRENOM__, #FirstName#: a slot's name between doubled underscores or hashes.
  [/__([\p{L}][\p{L}\p{N}_]{1,30}?)__|#([\p{L}][\p{L}\p{N}_]{1,30})#/gu, (match) => namesSlot(camelWords(match.replace(/^(?:__|#)|(?:__|#)$/gu, '')))],
  // {{first_name}}, {{ prenom }}, {% if name %}: double braces holding a slot or a field's shape (a_b, a.b,
  // a filter, capitals); "{{ mustache }}" in a message about templates names the syntax, not a field.
  [/\{\{([^{}\n]{1,40})\}\}|\{%([^{}\n]{1,40})%\}/gu, (match, inner) => fieldShaped(inner || match.slice(2, -2))],
  // {name}, {prenom}: single braces when a slot is named inside ("{braces}" in a message about code is not one).
  [/\{([^{}\n]{1,40})\}/gu, (_match, inner) => namesSlot(inner)],
  // [First name], [PRÉNOM], [lien], [Insert topic]
  [new RegExp(`\\[\\s*(?:${FIELD_WORDS})\\s*\\]`, 'giu')],
  // [FIRST_NAME], [NOM DE L'ENTREPRISE]: capitals between brackets.
  // Capitals between brackets name a slot or an instruction, not a tag such as [WIP].
  [/\[\p{Lu}[\p{Lu}\p{N}_ '’-]{2,40}\]/gu, (match) => namesSlot(match.slice(1, -1)) || /^\[\s*(?:INSERT|INS[EÉ]RER|AJOUTER|YOUR|VOTRE|TON|TA)\b/u.test(match)],
  // [Nom de l'abonné], [Name of follower]: any bracketed words that name a slot.
  [/\[([^[\]\n]{1,40})\]/gu, (_match, inner) => namesSlot(inner) && !/^\d+$/u.test(inner.trim())],
  // {{1}}: numbered slots (messaging templates).
  [/\{\{\s*\d{1,2}\s*\}\}/gu],
  // (first_name), ((name)): parentheses around a slot's name alone.
  [/\(\(?([^()\n]{1,30})\)?\)/gu, (_match, inner) => PERSON_SLOTS.has(foldString(inner).replace(/[\s_.-]+/gu, '')) || (/_/u.test(inner) && namesSlot(inner))],
  // %FIRST_NAME%, %prenom%, %%PRENOM%%
  // Not an environment variable such as %APPDATA%.
  [/%%?([\p{L}_][\p{L}\p{N}_ .-]{0,30})%%?/gu, (_match, inner) => namesSlot(inner)],
  // <first_name>, <<prénom>>, <NAME> — not an HTML tag like <br> or <div>.
  [/<<?([\p{L}_][\p{L}\p{N}_ -]{0,30})>>?/gu, (match, inner) => match.startsWith('<<') || (namesSlot(inner) && !HTML_ELEMENTS.has(inner)) || /^[\p{Lu}_ ]{3,}$/u.test(inner)],
  // $firstName, $PRENOM, $name — a dollar variable named for a slot, not $HOME or $49.
  [/(?<![\p{L}\p{N}$])\$([\p{L}_][\p{L}\p{N}_]{1,30})/gu, (_match, inner) => namesSlot(camelWords(inner))],
  // A slot name in capitals left in the text: FIRSTNAME, FIRST_NAME, PRENOM, NOM_CLIENT.
  [/(?<![\p{L}\p{N}_])(\p{Lu}[\p{Lu}_]{2,30})(?![\p{L}\p{N}_])/gu, (_match, inner) => wholeSlot(inner)],
  // Blanks to fill in: "Hi ____,".
  [/(?<![\p{L}\p{N}_])_{3,}(?![\p{L}\p{N}_])/gu],
  // Dummy text and markers teams put in templates.
  // Not a marker used as a word: "your TODO app", "the TBD list".
  [/(?<![\p{L}\p{N}])(?<!\b(?:[Yy]our|[Mm]y|[Oo]ur|[Tt]he|[Aa]|[Tt]on|[Tt]a|[Mm]on|[Mm]a|[Nn]otre|[Vv]otre|[Ll]a|[Ll]e|[Uu]ne?) )(?:XXX+|TODO|TBD)(?![\p{L}\p{N}_])(?! (?:lists?|apps?|items?|liste|appli))/gu],
  [/(?<![\p{L}\p{N}])(?:lorem ipsum|@(?:handle|username|pseudo|user|nom_utilisateur))(?![\p{L}\p{N}_])/giu],
];

// Code quoted between backticks ("`${a}`", "```{{ variables }}```"): a template's syntax shown as
// code, talked about, not a field left unfilled.
const CODE_SPAN = /(`{1,3})[^`\n]+?\1/gu;

function codeSpans(text: string): TextRange[] {
  if (!text.includes('`')) return [];
  return [...text.matchAll(CODE_SPAN)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

export function check(context: AuditContext): RuleFinding[] {
  const ranges: TextRange[] = [];
  const code = codeSpans(context.text);
  for (const [pattern, accepts] of PLACEHOLDERS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(context.text); match !== null; match = pattern.exec(context.text)) {
      if (accepts && !accepts(match[0], match[1] ?? '')) continue;
      const range = { start: match.index, end: match.index + match[0].length };
      if (code.some((span) => range.start >= span.start && range.end <= span.end)) continue;
      if (!ranges.some((seen) => range.start < seen.end && seen.start < range.end)) ranges.push(range);
    }
  }
  return ranges
    .sort((a, b) => a.start - b.start)
    .map((range) => ({ messageId: 'placeholder', ...range, data: { placeholder: context.text.slice(range.start, range.end) }, suggestion: SUGGESTION }));
}
