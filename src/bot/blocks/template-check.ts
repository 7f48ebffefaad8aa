// The editor's check (issue 13), as Slack shows it: tmpl-core's `checkTemplate` (the body parsed,
// filled for the sample followers by the same draft code the cards use, each text audited), its
// problems put on the editor's fields in words. Pure — no database, no Slack — so a submission is
// answered right after it; what it needs of the account rides in the modal's private_metadata.
import type { Channel, Lang } from '../../domain';
import type { XAccountRow } from '../../db/schema';
import { checkTemplate, type TemplatePreview } from '../../desk/templates';
import type { TemplateProblem } from '../../domain/templates';
import { t as words } from '../../i18n';
import { TEMPLATE_EDITOR } from '../ids';

/** What the check reads of the account (its domains, voice, kind, rule switches, names). */
export type EditorAccount = Pick<XAccountRow, 'handle' | 'name' | 'ownDomains' | 'topics' | 'kind' | 'ruleOverrides' | 'signOff' | 'voiceAddress'>;

/** What the check needs of the account: read when the editor opens, carried in private_metadata. */
export interface EditorContext {
  account: EditorAccount;
  /** The account's template keys (retired ones included): a new id must be none of them. */
  takenKeys: string[];
  /** Edit: the key's language and channel, which an edit keeps. */
  lang?: Lang;
  channel?: Channel;
}

export type EditorPreview = TemplatePreview;

export interface TemplateDraftCheck {
  previews: EditorPreview[];
  /** block_id → why, as Slack shows it under the field (response_action: errors). Empty: it may be saved. */
  fieldErrors: Record<string, string>;
  /** Warnings: shown, never blocking. */
  warnings: string[];
}

/** The fields the check reads (those of the editor). */
export interface DraftFields {
  key: string;
  lang: Lang | null;
  channel: Channel | null;
  body: string;
}

/** block_ids of the editor's fields, where Slack shows each field's error. */
const EDITOR_BLOCKS = {
  key: TEMPLATE_EDITOR.inputs.key.blockId,
  lang: TEMPLATE_EDITOR.inputs.lang.blockId,
  channel: TEMPLATE_EDITOR.inputs.channel.blockId,
  body: TEMPLATE_EDITOR.inputs.body.blockId,
} as const;

/** One problem in words: a finding says which sample follower and which rule. */
export function problemText(problem: TemplateProblem, lang: Lang): string {
  const t = words(lang).templates;
  const text = t.problem(problem);
  if (problem.code === 'audit-finding') return `${t.sample[problem.sample as keyof typeof t.sample] ?? problem.sample} · ${problem.ruleId}: ${text}`;
  return text;
}

/** The check of what the editor holds: problems per field, warnings, and the previews with their audits. */
export function checkTemplateDraft(fields: DraftFields, ctx: EditorContext, uiLang: Lang): TemplateDraftCheck {
  const fieldErrors: Record<string, string> = {};
  const add = (block: string, text: string) => {
    const joined = fieldErrors[block] ? `${fieldErrors[block]} ${text}` : text;
    fieldErrors[block] = joined.length > 1900 ? `${joined.slice(0, 1899)}…` : joined;
  };
  const missing = words(uiLang).templates.problem({ field: 'lang', level: 'error', code: 'bad-value' });
  if (!fields.lang) add(EDITOR_BLOCKS.lang, missing);
  if (!fields.channel) add(EDITOR_BLOCKS.channel, missing);
  if (!fields.lang || !fields.channel) return { previews: [], fieldErrors, warnings: [] };
  // An edit keeps its key: only a new one (create, duplicate) is checked against those taken.
  const takenKeys = ctx.lang ? [] : ctx.takenKeys;
  const check = checkTemplate(ctx.account as XAccountRow, { key: fields.key, lang: fields.lang, channel: fields.channel, body: fields.body }, { takenKeys });
  const warnings: string[] = [];
  for (const problem of check.problems) {
    if (problem.level === 'error') add(EDITOR_BLOCKS[problem.field], problemText(problem, uiLang));
    else warnings.push(problemText(problem, uiLang));
  }
  return { previews: check.previews, fieldErrors, warnings };
}
