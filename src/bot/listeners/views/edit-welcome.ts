import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { editDraft } from '../../../desk/decide';
import type { Desk } from '../../../desk/desk';
import type { WebClient } from '@slack/web-api';
import type { Lang } from '../../../domain';
import { t } from '../../../i18n';
import { readEditSubmission } from '../../blocks/edit-modal';
import { EDIT_INPUT } from '../../ids';
import { refusalText } from '../../replies';

/**
 * The edited draft is audited before the modal closes: errors stay in the modal, attached to the
 * text field, so the teammate fixes them where they wrote them. The audit and the saved draft are
 * the submission's validation; the card is refreshed after the ack, out of Slack's 3 seconds.
 */
export const editWelcomeCallback =
  (desk: Desk) =>
  async ({ ack, view, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    let submission;
    try {
      submission = readEditSubmission(view);
    } catch {
      const empty = t(desk.lang).replies.writeAMessage;
      await ack({ response_action: 'errors', errors: { [EDIT_INPUT.blockId]: empty } });
      return;
    }
    const outcome = await editDraft(desk, { ...submission, userId: body.user.id });
    if (outcome.ok) {
      await ack();
      await desk.cards.refresh(submission.welcomeId);
      return;
    }
    const message =
      outcome.reason === 'audit-failed'
        ? outcome.findings.map((finding) => `${finding.ruleId}: ${finding.message}`).join(' · ')
        : outcome.reason === 'draft-changed'
          ? await draftChangedText(client, outcome, body.user.id, desk.lang)
          : (refusalText(outcome, desk.lang) ?? '');
    // Slack shows at most a short line under the field.
    await ack({ response_action: 'errors', errors: { [EDIT_INPUT.blockId]: message.slice(0, 1900) } });
  };

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
