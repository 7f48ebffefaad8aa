import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Desk } from '../../../desk/desk';
import { auditTextByHand, handAuditSettings, logHandAudit } from '../../../desk/manual';
import { AUDIT_MODAL, buildAuditModal, readAuditSubmission } from '../../blocks/audit-modal';
import { t } from '../../../i18n';

/**
 * The audit form submitted: the report replaces the form (response_action "update") with the
 * text and the kind still filled in, so the teammate can fix the text and audit again. The audit
 * is pure, on the account settings the form carries since it opened, so the answer is the ack
 * itself, before any query; the run is logged after.
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
    // Only a form opened by an older version of the bot comes without its settings.
    const settings = submission.settings ?? (await handAuditSettings(desk, slackChannelId));
    const { report } = auditTextByHand(settings, { text, kind, fallbackLang: desk.lang });
    await ack({ response_action: 'update', view: buildAuditModal({ lang: desk.lang, text, kind, slackChannelId, settings, report: { text, report } }) });
    await logHandAudit(desk, { source: 'modal', actor: body.user.id, report, accountId: settings.accountId });
  };
