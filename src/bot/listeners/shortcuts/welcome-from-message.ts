import type { BotDesk } from '../../deps';
import type { NoticeDesk } from '../../../desk/desk';
import { profileHandleInText, welcomeByHandle } from '../../../desk/manual';
import { buildManualWelcomeReply } from '../../blocks/audit-history';
import { messageText } from '../../blocks/message-text';
import { t } from '../../../i18n';
import { replyPrivately, type MessageShortcutArgs } from './private-reply';

/** "Welcome this person" on a message carrying an X profile link: as `/welcome @handle`. */
export const welcomeFromMessageCallback =
  (desk: NoticeDesk & Pick<BotDesk, 'lang'>) =>
  async ({ ack, shortcut, respond, client }: MessageShortcutArgs): Promise<void> => {
    await ack();
    // Slack keeps links as <https://x.com/handle|x.com/handle>: the raw text has the whole URL (blocks and attachments included).
    const handle = profileHandleInText(messageText(shortcut.message));
    if (!handle) {
      await replyPrivately(desk, { respond, client, shortcut }, { text: t(desk.lang).audit.noProfileLink });
      return;
    }
    const outcome = await welcomeByHandle(desk, { handle, actor: shortcut.user.id, slackChannelId: shortcut.channel.id });
    await replyPrivately(desk, { respond, client, shortcut }, buildManualWelcomeReply(outcome, desk.lang));
  };
