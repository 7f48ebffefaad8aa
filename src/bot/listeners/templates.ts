// The team's hand on its templates from the App Home tab (issue 13): "New template…", the menu on
// each template (edit, duplicate, pause or make live again, promote, retire), and the editor
// modal — its live preview refreshed as the text changes, and its submission.
//
// Who may: members of the account's desk channel (the check the settings use) or the desk's
// approvers. Every listener acks before any I/O; the editor's submission acks right after its
// validation, which is pure (the renderer and the audit on sample followers): the account's own
// domains, voice and existing ids ride in the modal's private_metadata, read when it opened.
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { getAccount } from '../../db/accounts';
import type { XAccountRow } from '../../db/schema';
import type { Desk } from '../../desk/desk';
import type { BotDesk } from '../deps';
import { allTemplateVersions, getTemplateVersion, latestTemplate } from '../../db/templates';
import {
  changeTemplate,
  createCheckedTemplate,
  duplicateCheckedTemplate,
  editCheckedTemplate,
  TemplateChangeError,
  type TemplateSaveResult,
  type TemplateStateChange,
} from '../../desk/templates';
import { t } from '../../i18n';
import { buildSettingsRefusalModal } from '../blocks/home';
import { HOME_TEMPLATE_IDS, parseMenuValue } from '../blocks/home-templates';
import { buildEditor, checkEditor, readEditor, TEMPLATE_EDITOR, type EditorMeta, type EditorState, type EditorView } from '../blocks/template-editor';
import { mayEditSettings, publishHome } from '../home';
import type { DeskPolicy } from './middleware/authorize';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function register(app: App, desk: Pick<BotDesk, 'db' | 'slack' | 'logger' | 'now' | 'lang'>, policy: DeskPolicy): void {
  app.action<BlockAction>(HOME_TEMPLATE_IDS.create, newTemplateCallback(desk, policy));
  app.action<BlockAction>(HOME_TEMPLATE_IDS.menu, templateMenuCallback(desk, policy));
  // The preview follows the text (and, for a new template, its language and channel) as they change.
  for (const id of [TEMPLATE_EDITOR.inputs.body.actionId, TEMPLATE_EDITOR.inputs.lang.actionId, TEMPLATE_EDITOR.inputs.channel.actionId, TEMPLATE_EDITOR.preview]) {
    app.action<BlockAction>(id, refreshEditorCallback(desk));
  }
  app.view(TEMPLATE_EDITOR.callbackId, saveTemplateCallback(desk, policy));
}

/** A member of the account's desk channel, or an approver of the desk. */
async function mayChangeTemplates(desk: Pick<Desk, 'slack'>, policy: DeskPolicy, account: XAccountRow, userId: string): Promise<boolean> {
  if ((await mayEditSettings(desk, account, userId)).allowed) return true;
  return (await policy.approvers.mayDecide(userId)).allowed;
}

function refusal(desk: Pick<BotDesk, 'lang'>, account: XAccountRow): string {
  return t(desk.lang).templateDesk.membersOnly(account.slackChannelId, account.handle);
}

async function openRefusal(client: WebClient, triggerId: string, desk: Pick<BotDesk, 'lang'>, account: XAccountRow): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: buildSettingsRefusalModal(refusal(desk, account), desk.lang) });
}

/** What the editor's check needs of the account, read once when the modal opens. */
async function editorContext(desk: Pick<Desk, 'db'>, account: XAccountRow): Promise<Pick<EditorMeta, 'account' | 'takenKeys'>> {
  const keys = [...new Set((await allTemplateVersions(desk.db, account.id)).map((row) => row.key))];
  const { handle, name, ownDomains, topics, kind, ruleOverrides, signOff, voiceAddress } = account;
  return { account: { handle, name, ownDomains, topics, kind, ruleOverrides, signOff, voiceAddress }, takenKeys: keys };
}

/** "New template…" on the Home tab. */
const newTemplateCallback =
  (desk: Pick<BotDesk, 'db' | 'slack' | 'logger' | 'lang'>, policy: DeskPolicy) =>
  async ({ ack, body, client }: ActionArgs): Promise<void> => {
    await ack();
    const action = body.actions[0];
    const accountId = Number(action && 'value' in action ? action.value : NaN);
    const account = Number.isInteger(accountId) ? await getAccount(desk.db, accountId) : undefined;
    if (!account || account.removedAt !== null) return;
    if (!(await mayChangeTemplates(desk, policy, account, body.user.id))) {
      desk.logger.warn({ userId: body.user.id, account: account.handle }, 'template change refused');
      await openRefusal(client, body.trigger_id, desk, account);
      return;
    }
    const meta: EditorMeta = { accountId: account.id, mode: 'create', baseId: null, key: null, baseVersion: null, ...(await editorContext(desk, account)) };
    // The desk's language and a DM to start with: both can be changed, and the preview follows.
    const state: EditorState = { meta, fields: { key: '', lang: desk.lang, channel: 'dm', body: '' } };
    await client.views.open({ trigger_id: body.trigger_id, view: buildEditor(state, null, desk.lang) });
  };

/** The menu on a template: open the editor (edit, duplicate), or change its state and show the Home tab again. */
const templateMenuCallback =
  (desk: Pick<BotDesk, 'db' | 'slack' | 'logger' | 'now' | 'lang'>, policy: DeskPolicy) =>
  async ({ ack, body, client }: ActionArgs): Promise<void> => {
    await ack();
    const action = body.actions[0];
    const chosen = parseMenuValue(action && 'selected_option' in action ? action.selected_option?.value : undefined);
    if (!chosen) return;
    const shown = await getTemplateVersion(desk.db, chosen.templateId);
    // The menu acts on the latest version of the key; one shown before an edit elsewhere is refused.
    const template = shown ? await latestTemplate(desk.db, shown.accountId, shown.key) : undefined;
    const account = template ? await getAccount(desk.db, template.accountId) : undefined;
    if (!template || !account || account.removedAt !== null) return;
    if (template.id !== shown!.id) {
      await client.views.open({ trigger_id: body.trigger_id, view: buildSettingsRefusalModal(t(desk.lang).templateDesk.gone, desk.lang) });
      return;
    }
    if (!(await mayChangeTemplates(desk, policy, account, body.user.id))) {
      desk.logger.warn({ userId: body.user.id, account: account.handle, key: template.key, operation: chosen.operation }, 'template change refused');
      await openRefusal(client, body.trigger_id, desk, account);
      return;
    }
    if (chosen.operation === 'edit' || chosen.operation === 'duplicate') {
      const edit = chosen.operation === 'edit';
      const meta: EditorMeta = {
        accountId: account.id,
        mode: chosen.operation,
        baseId: template.id,
        key: edit ? template.key : null,
        baseVersion: edit ? template.version : null,
        ...(edit ? { lang: template.lang, channel: template.channel } : {}),
        ...(await editorContext(desk, account)),
      };
      const state: EditorState = { meta, fields: { key: edit ? template.key : '', lang: template.lang, channel: template.channel, body: template.body } };
      await client.views.open({ trigger_id: body.trigger_id, view: buildEditor(state, checkEditor(state, desk.lang), desk.lang) });
      return;
    }
    const change: TemplateStateChange = chosen.operation;
    const changed = await changeTemplate(desk.db, account, template.key, change, { by: body.user.id, source: 'slack' });
    desk.logger.info({ userId: body.user.id, account: account.handle, key: template.key, change, paused: changed.paused }, 'template state changed from the Home tab');
    await publishHome(desk, body.user.id);
  };

/** The text, language or channel changed, or Preview was clicked: the preview is worked out again in place. */
const refreshEditorCallback =
  (desk: Pick<BotDesk, 'lang'>) =>
  async ({ ack, body, client }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    if (!view || view.callback_id !== TEMPLATE_EDITOR.callbackId) return;
    const state = readEditor(view as unknown as EditorView);
    if (!state) return;
    const next = buildEditor(state, checkEditor(state, desk.lang), desk.lang);
    try {
      // The hash makes Slack refuse an update built from an older state than the one on screen.
      await client.views.update({ view_id: view.id, hash: view.hash, view: next });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code !== 'hash_conflict') throw error;
    }
  };

/** The editor submitted: refused on the field when the check finds an error; saved, then the Home tab shown again. */
const saveTemplateCallback =
  (desk: Pick<BotDesk, 'db' | 'slack' | 'logger' | 'now' | 'lang'>, policy: DeskPolicy) =>
  async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const words = t(desk.lang).templateDesk;
    const state = readEditor(view as unknown as EditorView);
    if (!state) {
      await ack({ response_action: 'errors', errors: { [TEMPLATE_EDITOR.inputs.body.blockId]: words.gone } });
      return;
    }
    const check = checkEditor(state, desk.lang);
    if (Object.keys(check.fieldErrors).length > 0) {
      await ack({ response_action: 'errors', errors: check.fieldErrors });
      return;
    }
    const account = await getAccount(desk.db, state.meta.accountId);
    if (!account || account.removedAt !== null || !(await mayChangeTemplates(desk, policy, account, body.user.id))) {
      await ack({ response_action: 'errors', errors: { [TEMPLATE_EDITOR.inputs.body.blockId]: account ? refusal(desk, account) : words.gone } });
      return;
    }
    await ack();
    const { meta } = state;
    const by = body.user.id;
    try {
      const saved = await saveFromEditor(desk, account, state, by);
      if (!saved.ok) throw new Error(saved.problems.map((p) => p.code).join(', '));
      desk.logger.info({ userId: by, account: account.handle, key: saved.template.key, version: saved.template.version, mode: meta.mode }, 'template saved from the Home tab');
    } catch (error) {
      // Someone else took the id, or changed the template, since the modal opened: say so where the teammate works.
      desk.logger.warn({ userId: by, account: account.handle, err: { message: error instanceof Error ? error.message : String(error) } }, 'template not saved');
      await desk.slack.chat.postEphemeral({ channel: account.slackChannelId, user: by, text: words.gone });
    }
    await publishHome(desk, by);
  };

/**
 * Saved through the desk, which checks again against the database: an edit is a new version of
 * the key (none when the text is unchanged); a duplicate is a paused copy under the new id, with
 * the text as the teammate left it (a second version when they changed it, so the log says where
 * it came from); a new template is live at once.
 */
async function saveFromEditor(desk: Pick<Desk, 'db'>, account: XAccountRow, { meta, fields }: EditorState, by: string): Promise<TemplateSaveResult> {
  const actor = { by, source: 'slack' as const };
  if (meta.mode === 'edit') return editCheckedTemplate(desk.db, account, meta.key!, fields.body, actor);
  if (meta.mode === 'duplicate') {
    const base = await getTemplateVersion(desk.db, meta.baseId!);
    if (!base) throw new TemplateChangeError('not-found', String(meta.baseId));
    const copy = await duplicateCheckedTemplate(desk.db, account, base.key, actor, fields.key);
    if (!copy.ok || copy.template.body === fields.body) return copy;
    return editCheckedTemplate(desk.db, account, fields.key, fields.body, actor);
  }
  return createCheckedTemplate(desk.db, account, { key: fields.key, lang: fields.lang!, channel: fields.channel!, body: fields.body }, actor);
}
