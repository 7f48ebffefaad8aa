import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { editDraft } from '../../../desk/decide';
import type { Desk } from '../../../desk/desk';
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
  async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
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
        : (refusalText(outcome, desk.lang) ?? '');
    // Slack shows at most a short line under the field.
    await ack({ response_action: 'errors', errors: { [EDIT_INPUT.blockId]: message.slice(0, 1900) } });
  };
