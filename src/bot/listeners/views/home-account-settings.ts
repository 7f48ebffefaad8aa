import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { getAccount } from '../../../db/accounts';
import { updateAccountSettings } from '../../../db/accounts';
import type { Desk } from '../../../desk/desk';
import { mayEditSettings, publishHome, settingsRefusal } from '../../home';
import { t } from '../../../i18n';
import { handleMrkdwn } from '../../blocks/escape';
import { readAccountSettingsSubmission, readShowDmText, SETTINGS_INPUTS } from '../../blocks/home';
import { setShowDmText } from '../../../db/conversations';
import { countApprovedOtherThan } from '../../../db/welcomes';

/**
 * The settings modal submitted. Checked again here (a submission is a request anyone could forge),
 * then saved; the teammate's Home tab is published again with the new settings.
 */
export const homeAccountSettingsCallback =
  (desk: Desk) =>
  async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const submission = readAccountSettingsSubmission(view, desk.lang);
    const account = submission.accountId === null ? undefined : await getAccount(desk.db, submission.accountId);
    if (!account || account.removedAt !== null) {
      await ack({ response_action: 'errors', errors: { [SETTINGS_INPUTS.channel.blockId]: t(desk.lang).home.accountGone } });
      return;
    }
    const auth = await mayEditSettings(desk, account, body.user.id);
    if (!auth.allowed) {
      desk.logger.warn({ userId: body.user.id, account: account.handle, why: auth.why }, 'settings edit refused');
      await ack({ response_action: 'errors', errors: { [SETTINGS_INPUTS.channel.blockId]: settingsRefusal(auth, desk, account).slice(0, 1900) } });
      return;
    }
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: submission.errors });
      return;
    }
    await updateAccountSettings(desk.db, account.id, submission.settings, { by: body.user.id, at: desk.now() });
    const showDmText = readShowDmText(view);
    if (showDmText !== null && showDmText !== account.showDmText) await setShowDmText(desk.db, account.id, showDmText);
    await ack();
    desk.logger.info({ userId: body.user.id, account: account.handle, settings: { ...submission.settings, showDmText } }, 'account settings changed from the Home tab');
    await publishHome(desk, body.user.id);
    if (submission.settings.sendMode !== account.sendMode) {
      // Approved welcomes keep the mode they were approved in: say how many, where the teammate works.
      const left = await countApprovedOtherThan(desk.db, account.id, submission.settings.sendMode);
      await desk.slack.chat.postEphemeral({
        channel: submission.settings.slackChannelId,
        user: body.user.id,
        text: t(desk.lang).home.sendModeSwitched(handleMrkdwn(account.handle), submission.settings.sendMode, left),
      });
    }
  };
