import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { getAccount, setAiRepliesApproved, updateAccountSettings } from '../../../db/accounts';
import { countApprovedOtherThan } from '../../../db/welcomes';
import { setVoice } from '../../../desk/templates';
import type { BotDesk } from '../../deps';
import { t } from '../../../i18n';
import { handleMrkdwn } from '../../blocks/escape';
import { readAccountSettingsSubmission, readShowDmText, SETTINGS_INPUTS } from '../../blocks/home';
import { setShowDmText } from '../../../db/conversations';
import { mayEditSettings, publishHome, settingsRefusal } from '../../home';

/**
 * The settings modal submitted. Validation is pure and answers in the ack: the inputs, and whether
 * this modal was opened for this teammate (the account and its editor ride in private_metadata
 * since "Edit settings" checked them). After the ack, the account and the teammate's membership of
 * its desk channel are checked again (either may have changed while the modal was open), then the
 * settings are saved and the teammate's Home tab is published again.
 */
export const homeAccountSettingsCallback =
  (desk: Pick<BotDesk, 'db' | 'slack' | 'logger' | 'now' | 'lang'>) =>
  async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const submission = readAccountSettingsSubmission(view, desk.lang);
    const opened = submission.opened;
    const refuse = (text: string) => ack({ response_action: 'errors', errors: { [SETTINGS_INPUTS.channel.blockId]: text.slice(0, 1900) } });
    if (!opened) return void (await refuse(t(desk.lang).home.accountGone));
    if (opened.editor !== body.user.id) {
      desk.logger.warn({ userId: body.user.id, account: opened.handle }, 'settings edit refused: the modal was opened for someone else');
      return void (await refuse(t(desk.lang).replies.settingsMembersOnly(opened.slackChannelId, opened.handle)));
    }
    if (!submission.ok) return void (await ack({ response_action: 'errors', errors: submission.errors }));
    await ack();

    const userId = body.user.id;
    const tell = (text: string) => desk.slack.chat.postMessage({ channel: userId, text }).catch(() => undefined);
    const account = await getAccount(desk.db, opened.accountId);
    if (!account || account.removedAt !== null) {
      desk.logger.warn({ userId, accountId: opened.accountId }, 'settings not saved: the account was removed while the modal was open');
      await tell(t(desk.lang).home.accountGone);
      return;
    }
    const auth = await mayEditSettings(desk, account, userId);
    if (!auth.allowed) {
      desk.logger.warn({ userId, account: account.handle, why: auth.why }, 'settings edit refused');
      await tell(settingsRefusal(auth, desk, account));
      return;
    }
    const saved = await updateAccountSettings(desk.db, account.id, submission.settings, { by: userId, at: desk.now() });
    if (!saved) return;
    const aiReplies = submission.aiRepliesApproved;
    if (aiReplies !== undefined && aiReplies !== account.aiRepliesApproved) await setAiRepliesApproved(desk.db, account.id, aiReplies);
    if (submission.voice.voiceAddress !== undefined || submission.voice.signOff !== undefined) {
      await setVoice(desk.db, account, { address: submission.voice.voiceAddress, signOff: submission.voice.signOff });
    }
    const showDmText = readShowDmText(view);
    if (showDmText !== null && showDmText !== account.showDmText) await setShowDmText(desk.db, account.id, showDmText);
    desk.logger.info(
      { userId, account: account.handle, settings: { ...submission.settings, showDmText }, voice: submission.voice, aiRepliesApproved: aiReplies ?? account.aiRepliesApproved },
      'account settings changed from the Home tab',
    );
    await publishHome(desk, userId);
    if (submission.settings.sendMode !== account.sendMode) {
      // Approved welcomes keep the mode they were approved in: say how many, where the teammate works.
      const left = await countApprovedOtherThan(desk.db, account.id, submission.settings.sendMode);
      await desk.slack.chat.postEphemeral({
        channel: submission.settings.slackChannelId,
        user: userId,
        text: t(desk.lang).home.sendModeSwitched(handleMrkdwn(account.handle), submission.settings.sendMode, left),
      });
    }
  };
