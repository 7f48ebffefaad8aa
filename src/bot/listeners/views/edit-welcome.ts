import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { checkDraftEdit, recordDraftEdit, type DecisionOutcome } from '../../../desk/decide';
import type { BotDesk } from '../../deps';
import type { WebClient } from '@slack/web-api';
import type { Lang } from '../../../domain';
import { t } from '../../../i18n';
import { readEditSubmission } from '../../blocks/edit-modal';
import { EDIT_INPUT } from '../../ids';
import { refusalText } from '../../replies';

/**
 * The edited draft is checked before the modal closes (reads only: the welcome, the follower's
 * history for the audit): errors stay in the modal, attached to the text field, so the teammate
 * fixes them where they wrote them. The ack comes right after; then the audit run is logged, the
 * draft saved — unless an edit landed in between, which the teammate is told privately in the same
 * words the field would have had — and the card refreshed, out of Slack's 3 seconds.
 */
export const editWelcomeCallback =
  (desk: Pick<BotDesk, 'db' | 'slack' | 'logger' | 'cards' | 'now' | 'lang'>) =>
  async ({ ack, view, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    let submission;
    try {
      submission = readEditSubmission(view);
    } catch {
      const empty = t(desk.lang).replies.writeAMessage;
      await ack({ response_action: 'errors', errors: { [EDIT_INPUT.blockId]: empty } });
      return;
    }
    const userId = body.user.id;
    const { outcome, edit } = await checkDraftEdit(desk, { ...submission, userId });
    if (!outcome.ok) {
      // Slack shows at most a short line under the field.
      await ack({ response_action: 'errors', errors: { [EDIT_INPUT.blockId]: (await refusalMessage(client, outcome, userId, desk.lang)).slice(0, 1900) } });
      // A failed audit is still logged.
      if (edit) await recordDraftEdit(desk, edit);
      return;
    }
    await ack();
    if (edit) {
      const saved = await recordDraftEdit(desk, edit);
      if (!saved.ok) {
        const text = await refusalMessage(client, saved, userId, desk.lang);
        await desk.slack.chat
          .postEphemeral({ channel: edit.ctx.account.slackChannelId, user: userId, text })
          .catch(() => desk.slack.chat.postMessage({ channel: userId, text }))
          .catch((error: unknown) => desk.logger.warn({ userId, err: { message: error instanceof Error ? error.message : String(error) } }, 'could not say an edit was not saved'));
      }
    }
    await desk.cards.refresh(submission.welcomeId);
  };

async function refusalMessage(client: WebClient, outcome: Exclude<DecisionOutcome, { ok: true }>, readerId: string, lang: Lang): Promise<string> {
  if (outcome.reason === 'audit-failed') return outcome.findings.map((finding) => `${finding.ruleId}: ${finding.message}`).join(' · ');
  if (outcome.reason === 'draft-changed') return draftChangedText(client, outcome, readerId, lang);
  return refusalText(outcome, lang) ?? '';
}

/**
 * "Changed by @bob at 14:02": a modal's error line is plain text, where <@U…> would not render, so
 * the editor's name and the reader's clock come from users.info (quickly, or the user id and UTC).
 */
async function draftChangedText(
  client: WebClient,
  outcome: { by: string | null; at: Date | null },
  readerId: string,
  lang: Lang,
): Promise<string> {
  const info = (user: string) =>
    Promise.race([client.users.info({ user }).then((answer) => answer.user), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 800))]).catch(() => undefined);
  const [editor, reader] = await Promise.all([outcome.by ? info(outcome.by) : undefined, info(readerId)]);
  const who = editor?.name ? `@${editor.name}` : outcome.by ? `@${outcome.by}` : '?';
  const when = outcome.at
    ? new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone: reader?.tz ?? 'UTC' }).format(outcome.at)
    : '?';
  return t(lang).card.draftChangedBy(who, when);
}
