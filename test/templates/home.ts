// What the App Home template tests share: a teammate opening the Home tab, the editor, typing in it
// and submitting it, each as Slack sends it (signed requests into the receiver).
import { expect } from 'vitest';
import { HOME_TEMPLATE_IDS, menuValue, type TemplateOperation } from '../../src/bot/blocks/home-templates';
import { TEMPLATE_EDITOR } from '../../src/bot/blocks/template-editor';
import { seedTemplates } from '../../src/db/templates';
import { WELCOME_TEMPLATES } from '../../src/rules/templates';
import { viewErrors, type FakeView } from '../../src/sandbox/slack';
import { eventEnvelope, postEvent, postInteraction, viewActionPayload, viewSubmissionPayload, type SlackHttpResponse } from '../../src/sandbox/slack-request';
import { SIGNING_SECRET, type TestDesk } from '../helpers/desk';

/** The account's starting set, as the bot seeds it (idempotent). */
export async function seedBuiltIns(desk: TestDesk): Promise<void> {
  await seedTemplates(desk.bot.desk.db, desk.bot.accountId, WELCOME_TEMPLATES);
}

export async function openHome(desk: TestDesk, userId: string): Promise<Record<string, unknown>> {
  const before = desk.slack.publishedViews.filter((p) => p.userId === userId).length;
  await postEvent(desk.eventsUrl, SIGNING_SECRET, eventEnvelope({ type: 'app_home_opened', user: userId, channel: 'D0HOME0001', tab: 'home', event_ts: `${Date.now() / 1000}` }));
  return waitForHome(desk, userId, before);
}

/** The Home tab published for `userId` after the `before`-th one. */
export async function waitForHome(desk: TestDesk, userId: string, before: number): Promise<Record<string, unknown>> {
  const view = await desk.slack.waitFor(() => desk.slack.publishedViews.filter((p) => p.userId === userId)[before]?.view, 10_000);
  expect(viewErrors(view, 'home')).toEqual([]);
  return view;
}

export const homeCount = (desk: TestDesk, userId: string) => desk.slack.publishedViews.filter((p) => p.userId === userId).length;

/** "New template…" clicked on the Home tab; resolves to the modal Slack opened (or the refusal). */
export async function clickNewTemplate(desk: TestDesk, userId: string): Promise<FakeView> {
  const before = desk.slack.openedViews.length;
  const res = await postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    viewActionPayload({ actionId: HOME_TEMPLATE_IDS.create, blockId: 'home_templates', element: { type: 'button', value: String(desk.bot.accountId) }, view: { type: 'home' }, userId, triggerId: desk.slack.triggerId() }),
  );
  expect(res.status).toBe(200);
  return desk.slack.waitFor(() => desk.slack.openedViews[before]);
}

/** An option of a template's menu chosen on the Home tab. */
export function chooseInMenu(desk: TestDesk, userId: string, operation: TemplateOperation, templateId: number): Promise<SlackHttpResponse> {
  return postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    viewActionPayload({
      actionId: HOME_TEMPLATE_IDS.menu,
      blockId: 'home_template_row',
      element: { type: 'overflow', selectedValue: menuValue(operation, templateId) },
      view: { type: 'home' },
      userId,
      triggerId: desk.slack.triggerId(),
    }),
  );
}

/** The editor's fields as Slack would hold them in view.state.values. */
export function editorValues(fields: { key?: string; lang?: string; channel?: string; body: string }) {
  const ids = TEMPLATE_EDITOR.inputs;
  const option = (value: string) => ({ type: 'static_select', selected_option: { value } });
  return {
    ...(fields.key !== undefined ? { [ids.key.blockId]: { [ids.key.actionId]: fields.key } } : {}),
    ...(fields.lang !== undefined ? { [ids.lang.blockId]: { [ids.lang.actionId]: option(fields.lang) } } : {}),
    ...(fields.channel !== undefined ? { [ids.channel.blockId]: { [ids.channel.actionId]: option(fields.channel) } } : {}),
    [ids.body.blockId]: { [ids.body.actionId]: fields.body },
  };
}

/** The teammate types in the editor: Slack sends the body's block_actions; resolves to the view after the bot's update. */
export async function typeInEditor(desk: TestDesk, opened: FakeView, userId: string, fields: Parameters<typeof editorValues>[0]): Promise<Record<string, unknown>> {
  const versions = opened.history.length;
  const res = await postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    viewActionPayload({
      actionId: TEMPLATE_EDITOR.inputs.body.actionId,
      blockId: TEMPLATE_EDITOR.inputs.body.blockId,
      element: { type: 'plain_text_input', value: fields.body },
      view: { type: 'modal', id: opened.id, hash: opened.hash, callbackId: TEMPLATE_EDITOR.callbackId, privateMetadata: String(opened.view.private_metadata), values: editorValues(fields) },
      userId,
    }),
  );
  expect(res.status).toBe(200);
  const view = await desk.slack.waitFor(() => opened.history[versions], 10_000);
  expect(viewErrors(view, 'modal')).toEqual([]);
  return view;
}

/** The editor submitted, as Slack posts it; the answer is the bot's (errors, or empty when saved). */
export function submitEditor(desk: TestDesk, opened: FakeView, userId: string, fields: Parameters<typeof editorValues>[0]): Promise<SlackHttpResponse> {
  return postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    viewSubmissionPayload({ callbackId: TEMPLATE_EDITOR.callbackId, privateMetadata: String(opened.view.private_metadata), values: editorValues(fields), userId, viewId: opened.id }),
  );
}
