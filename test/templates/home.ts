// What the App Home template tests share: a teammate opening the Home tab, the editor, typing in it
// and submitting it, each as Slack sends it (signed requests into the receiver).
import { expect } from 'vitest';
import { HOME_TEMPLATE_IDS, menuValue, type TemplateOperation } from '../../src/bot/blocks/home-templates';
import { TEMPLATE_EDITOR } from '../../src/bot/blocks/template-editor';
import { engagements, followerChecks, followers, welcomes } from '../../src/db/schema';
import { viewErrors, type FakeView } from '../../src/sandbox/slack';
import { eventEnvelope, postEvent, postInteraction, viewActionPayload, viewSubmissionPayload, type SlackHttpResponse } from '../../src/sandbox/slack-request';
import { SIGNING_SECRET, type TestDesk } from '../helpers/desk';

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
export async function typeInEditor(
  desk: TestDesk,
  opened: FakeView,
  userId: string,
  fields: Parameters<typeof editorValues>[0],
  how: 'typing' | 'preview-button' = 'typing',
): Promise<Record<string, unknown>> {
  const versions = opened.history.length;
  const res = await postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    viewActionPayload({
      ...(how === 'typing'
        ? { actionId: TEMPLATE_EDITOR.inputs.body.actionId, blockId: TEMPLATE_EDITOR.inputs.body.blockId, element: { type: 'plain_text_input', value: fields.body } }
        : { actionId: TEMPLATE_EDITOR.preview, blockId: TEMPLATE_EDITOR.actionsBlock, element: { type: 'button', value: 'preview' } }),
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

let seeded = 0;

/**
 * Welcomes sent from one arm (a template version, or a model's drafts), with real rows: the
 * followers, their sent welcomes, `replied` of them replying, `checked7` checked at 7 days of
 * whom `unfollowed7` no longer follow.
 */
export async function seedSends(
  desk: TestDesk,
  arm: { key: string; version: number; lang: 'fr' | 'en'; channel: 'dm' | 'mention' } | { model: string; lang: 'fr' | 'en'; channel: 'dm' | 'mention' },
  counts: { sent: number; replied?: number; checked7?: number; unfollowed7?: number },
): Promise<void> {
  const db = desk.bot.desk.db;
  const accountId = desk.bot.accountId;
  const sentAt = new Date(Date.now() - 10 * 86_400_000);
  for (let i = 0; i < counts.sent; i++) {
    seeded += 1;
    const [follower] = await db
      .insert(followers)
      .values({ accountId, xUserId: `77${String(seeded).padStart(6, '0')}`, handle: `seeded_${seeded}`, source: 'poll', firstSeenAt: sentAt })
      .returning();
    const [welcome] = await db
      .insert(welcomes)
      .values({
        accountId,
        followerId: follower!.id,
        status: 'sent',
        channel: arm.channel,
        lang: arm.lang,
        templateId: 'key' in arm ? arm.key : null,
        templateVersion: 'key' in arm ? arm.version : null,
        draftSource: 'key' in arm ? 'template' : 'model',
        draftModel: 'model' in arm ? arm.model : null,
        triage: {},
        draftText: 'Merci de nous suivre !',
        finalText: 'Merci de nous suivre !',
        decidedBy: 'U0MARIE01',
        decidedAt: sentAt,
        sentAt,
        slackChannelId: 'C0DESK001',
        createdAt: sentAt,
      })
      .returning();
    if (i < (counts.replied ?? 0)) {
      await db.insert(engagements).values({ accountId, followerId: follower!.id, welcomeId: welcome!.id, kind: 'reply', via: 'dm', xId: `r${seeded}`, at: sentAt, secondsToEngage: 600 });
    }
    if (i < (counts.checked7 ?? 0)) {
      const due = new Date(sentAt.getTime() + 7 * 86_400_000);
      await db.insert(followerChecks).values({
        accountId,
        followerId: follower!.id,
        cohort: 'welcomed',
        offsetDays: 7,
        anchorAt: sentAt,
        dueAt: due,
        checkedAt: due,
        following: i >= (counts.unfollowed7 ?? 0),
        found: true,
      });
    }
  }
}
