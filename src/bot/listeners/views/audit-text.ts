import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { BotDesk } from '../../deps';
import { auditTextByHand, handAuditSettings, logHandAudit } from '../../../desk/manual';
import { withSecondOpinion } from '../../../desk/model-draft';
import { AUDIT_MODAL, buildAuditModal, readAuditSubmission } from '../../blocks/audit-modal';
import { t } from '../../../i18n';

/**
 * The audit form submitted: the report replaces the form (response_action "update") with the
 * text and the kind still filled in, so the teammate can fix the text and audit again. The audit
 * is pure, on the account settings the form carries since it opened, so the answer is the ack
 * itself, before any query; the run is logged after.
 */
export const auditTextCallback =
  (desk: Pick<BotDesk, 'db' | 'slack' | 'logger' | 'lang' | 'model'>) =>
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
    // The language model's second opinion, when it is on, comes after the ack: the form is redrawn with it.
    const withOpinion = await withSecondOpinion(desk, { text, channel: kind, lang: report.lang, report });
    if (withOpinion !== report) {
      const modal = buildAuditModal({ lang: desk.lang, text, kind, slackChannelId, settings, report: { text, report: withOpinion } });
      await desk.slack.views.update({ view_id: body.view.id, view: modal }).catch((error: unknown) => desk.logger.warn({ err: String(error) }, 'could not add the second opinion to the audit form'));
    }
    await logHandAudit(desk, { source: 'modal', actor: body.user.id, report: withOpinion, accountId: settings.accountId });
  };
