import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Desk } from '../../../desk/desk';
import { auditByHand } from '../../../desk/manual';
import { AUDIT_MODAL, buildAuditModal, readAuditSubmission } from '../../blocks/audit-modal';
import { t } from '../../../i18n';

/**
 * The audit form submitted: the report replaces the form (response_action "update") with the
 * text and the kind still filled in, so the teammate can fix the text and audit again. The audit
 * is pure and fast, well within the 3 seconds Slack gives a view_submission.
 */
export const auditTextCallback =
  (desk: Desk) =>
  async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const submission = readAuditSubmission(view);
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: { [AUDIT_MODAL.textBlockId]: t(desk.lang).audit.modalEmpty } });
      return;
    }
    const { text, kind, slackChannelId } = submission;
    const { report } = await auditByHand(desk, { text, kind, source: 'modal', actor: body.user.id, slackChannelId });
    await ack({ response_action: 'update', view: buildAuditModal({ lang: desk.lang, text, kind, slackChannelId, report: { text, report } }) });
  };
