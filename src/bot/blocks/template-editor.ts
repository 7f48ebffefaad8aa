// The template editor (issue 13): a modal with the template's language, channel, id and text, and
// below them the text filled for a few sample followers, each with its audit report. Pure: the
// listeners (src/bot/listeners/templates.ts) read the modal with `readEditor`, check it with
// `checkEditor` (the renderer and the audit, no database) and build it again with `buildEditor`.
import type { types } from '@slack/bolt';
import { CHANNELS, LANGS, type Channel, type Lang } from '../../domain';
import { t as words } from '../../i18n';
import { escapeMrkdwn, handleMrkdwn } from './escape';
import { findingText } from './audit-report';
import { button, context, divider, inputBlock, LIMITS, mrkdwn, mrkdwnSection, plainText, type KnownBlock } from './kit';
import { TEMPLATE_EDITOR } from '../ids';
import { checkTemplateDraft, type EditorContext, type EditorPreview, type TemplateDraftCheck } from './template-check';

export { type EditorContext } from './template-check';

export { TEMPLATE_EDITOR };

/** What the editor does on save: a new template, a new version of one, or a copy under a new id. */
export type EditorMode = 'create' | 'edit' | 'duplicate';

/**
 * What rides in the modal's private_metadata: which template, and everything the check needs,
 * read from the database when the modal opens, so a submission is checked without any I/O.
 */
export interface EditorMeta extends EditorContext {
  accountId: number;
  mode: EditorMode;
  /** The version edited or duplicated (its row id), null for a new template. */
  baseId: number | null;
  /** Edit: the key and the version it replaces; lang and channel stay the key's. */
  key: string | null;
  baseVersion: number | null;
}

/** The editor's fields as the teammate left them. */
export interface EditorFields {
  key: string;
  lang: Lang | null;
  channel: Channel | null;
  body: string;
}

export interface EditorState {
  meta: EditorMeta;
  fields: EditorFields;
}

const PREVIEW_TEXT_MAX = 1200;
const FINDINGS_SHOWN = 4;

/** The modal for this state; `check` is the state's check, or null before anything was written. */
export function buildEditor(state: EditorState, check: TemplateDraftCheck | null, lang: Lang): types.ModalView {
  const t = words(lang).templateDesk;
  const { meta, fields } = state;
  const ids = TEMPLATE_EDITOR.inputs;
  const title = meta.mode === 'edit' ? t.titleEdit : meta.mode === 'duplicate' ? t.titleDuplicate : t.titleNew;
  const option = (value: string, label: string): types.PlainTextOption => ({ text: plainText(label, 75), value });
  const select = (actionId: string, options: types.PlainTextOption[], initial: string | null): types.StaticSelect => ({
    type: 'static_select',
    action_id: actionId,
    options,
    ...(initial ? { initial_option: options.find((o) => o.value === initial)! } : {}),
  });
  const blocks: KnownBlock[] = [context([mrkdwn(handleMrkdwn(meta.account.handle))], () => '')];
  if (meta.mode === 'edit' && meta.key !== null && fields.lang && fields.channel) {
    blocks.push(context([mrkdwn(t.editing(escapeMrkdwn(meta.key, 60, { singleLine: true }), (meta.baseVersion ?? 0) + 1, t.langName[fields.lang], t.channelName[fields.channel]))], () => ''));
  } else {
    blocks.push(
      inputBlock(ids.key, t.key, { type: 'plain_text_input', action_id: ids.key.actionId, max_length: 48, ...(fields.key ? { initial_value: fields.key } : {}) }, { hint: t.keyHint }),
      inputBlock(ids.lang, t.lang, select(ids.lang.actionId, LANGS.map((l) => option(l, t.langName[l])), fields.lang), { dispatch: true }),
      inputBlock(ids.channel, t.channel, select(ids.channel.actionId, CHANNELS.map((c) => option(c, t.channelName[c])), fields.channel), { dispatch: true }),
    );
  }
  blocks.push(
    inputBlock(
      ids.body,
      t.body,
      {
        type: 'plain_text_input',
        action_id: ids.body.actionId,
        multiline: true,
        max_length: LIMITS.inputMaxLength,
        ...(fields.body ? { initial_value: fields.body } : {}),
        // Each change refreshes the preview (Slack sends block_actions as the text changes).
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      },
      { hint: t.bodyHint, dispatch: true },
    ),
    { type: 'actions', block_id: TEMPLATE_EDITOR.actionsBlock, elements: [button({ text: t.preview, actionId: TEMPLATE_EDITOR.preview, value: 'preview' })] },
    divider(),
    mrkdwnSection(t.previewTitle),
    context([mrkdwn(t.previewVoice(meta.account.voiceAddress === 'tu' ? t.voice.tu : t.voice.vous, meta.account.signOff ? escapeMrkdwn(meta.account.signOff, 200, { singleLine: true }) : t.defaultSignOff))], () => ''),
  );
  if (!check || (check.previews.length === 0 && Object.keys(check.fieldErrors).length === 0)) blocks.push(context([mrkdwn(t.previewEmpty)], () => ''));
  else {
    // What would refuse the save, then what is only shown, then each sample's text and audit.
    const errors = Object.values(check.fieldErrors).map((e) => `⛔ ${escapeMrkdwn(e, 1400)}`);
    const warnings = check.warnings.slice(0, 5).map((w) => `⚠️ ${escapeMrkdwn(w, 400)}`);
    if (errors.length + warnings.length > 0) blocks.push(mrkdwnSection([...errors, ...warnings].join('\n').slice(0, LIMITS.sectionText)));
    for (const preview of check.previews) blocks.push(...previewBlocks(preview, lang));
    blocks.push(context([mrkdwn(t.warningsShown)], () => ''));
  }
  return {
    type: 'modal',
    callback_id: TEMPLATE_EDITOR.callbackId,
    private_metadata: encodeMeta(meta),
    title: plainText(title, LIMITS.modalTitle),
    submit: plainText(t.save, LIMITS.modalButton),
    close: plainText(t.cancel, LIMITS.modalButton),
    blocks: blocks.slice(0, LIMITS.modalBlocks),
  };
}

function previewBlocks(preview: EditorPreview, lang: Lang): KnownBlock[] {
  const t = words(lang).templateDesk;
  const who = `*${escapeMrkdwn(words(lang).templates.sample[preview.sample], 80, { singleLine: true })}* — ${escapeMrkdwn(preview.name, 80, { singleLine: true })}`;
  if (!preview.text || !preview.report) return [mrkdwnSection(`${who}\n${t.notFilled}`)];
  const quoted = escapeMrkdwn(preview.text, PREVIEW_TEXT_MAX)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  const audit = words(lang).audit;
  const { report } = preview;
  const head = `${audit.verdictIcon[report.verdict]} ${audit.verdict[report.verdict]}`;
  const blocks: KnownBlock[] = [mrkdwnSection(`${who}\n${quoted}`)];
  const findings = report.findings.slice(0, FINDINGS_SHOWN).map((finding) => findingText(finding, preview.text, audit));
  const more = report.findings.length - FINDINGS_SHOWN;
  const lines = [head, ...findings, ...(more > 0 ? [audit.moreFindings(more)] : [])];
  blocks.push(context([mrkdwn(lines.join('\n').slice(0, LIMITS.sectionText))], () => ''));
  return blocks;
}

// ─── Reading the modal back ──────────────────────────────────────────────────────────────────

export function encodeMeta(meta: EditorMeta): string {
  const json = JSON.stringify(meta);
  // Slack keeps 3,000 characters of metadata: past that, the ids taken are left to the save's own
  // check against the database (a clash is then said after the answer instead of on the field).
  return json.length <= LIMITS.privateMetadata ? json : JSON.stringify({ ...meta, takenKeys: [] });
}

/** The metadata we wrote, checked: null when it is not ours (a forged or stale payload). */
export function decodeMeta(raw: string | undefined): EditorMeta | null {
  try {
    const m = JSON.parse(raw ?? '') as Partial<EditorMeta>;
    const okMode = m.mode === 'create' || m.mode === 'edit' || m.mode === 'duplicate';
    if (!okMode || typeof m.accountId !== 'number' || !Number.isInteger(m.accountId)) return null;
    const a = m.account;
    if (!a || typeof a.handle !== 'string' || !Array.isArray(a.ownDomains) || !Array.isArray(a.topics) || !Array.isArray(m.takenKeys)) return null;
    if ((a.voiceAddress !== 'vous' && a.voiceAddress !== 'tu') || (a.kind !== 'business' && a.kind !== 'personal')) return null;
    if (m.mode === 'edit' && (typeof m.key !== 'string' || typeof m.baseId !== 'number' || typeof m.baseVersion !== 'number' || !m.lang || !m.channel)) return null;
    return m as EditorMeta;
  } catch {
    return null;
  }
}

type StateValue = { value?: string | null; selected_option?: { value?: string } | null };
export interface EditorView {
  private_metadata?: string;
  state: { values: Record<string, Record<string, StateValue>> };
}

/** The modal's state, read the same way from a submission and from an action inside it. */
export function readEditor(view: EditorView): EditorState | null {
  const meta = decodeMeta(view.private_metadata);
  if (!meta) return null;
  const ids = TEMPLATE_EDITOR.inputs;
  const value = (id: { blockId: string; actionId: string }) => view.state.values[id.blockId]?.[id.actionId];
  const pick = <T extends string>(id: { blockId: string; actionId: string }, allowed: readonly T[]): T | null => {
    const v = value(id)?.selected_option?.value;
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : null;
  };
  if (meta.mode === 'edit') {
    return { meta, fields: { key: meta.key!, lang: meta.lang ?? null, channel: meta.channel ?? null, body: value(ids.body)?.value ?? '' } };
  }
  return {
    meta,
    fields: { key: (value(ids.key)?.value ?? '').trim(), lang: pick(ids.lang, LANGS), channel: pick(ids.channel, CHANNELS), body: value(ids.body)?.value ?? '' },
  };
}

/** The check of what the editor holds: the renderer and the audit on sample followers, no I/O. */
export function checkEditor(state: EditorState, lang: Lang): TemplateDraftCheck {
  return checkTemplateDraft(state.fields, state.meta, lang);
}
