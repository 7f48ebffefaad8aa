import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { NoticeDesk } from '../../../desk/desk';
import type { BotDesk } from '../../deps';
import { handleFromInput, welcomeByHandle } from '../../../desk/manual';
import { buildManualWelcomeReply } from '../../blocks/audit-history';
import { slackTextToPlain } from '../../blocks/audit-input';
import { t } from '../../../i18n';

/**
 * `/welcome @handle`: a card for someone the poll has not brought, by the same rules — one welcome
 * per follower, ever. Acked at once; the X lookup and the card come after, the answer privately.
 */
export const welcomeCallback =
  (desk: NoticeDesk & Pick<BotDesk, 'lang'>, names: { command: string }) =>
  async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const handle = handleFromInput(slackTextToPlain(command.text)) ?? handleFromInput(command.text);
    if (!handle) {
      await respond({ response_type: 'ephemeral', text: t(desk.lang).audit.manualUsage(names.command) });
      return;
    }
    const outcome = await welcomeByHandle(desk, { handle, actor: command.user_id, slackChannelId: command.channel_id });
    await respond({ response_type: 'ephemeral', ...buildManualWelcomeReply(outcome, desk.lang) });
  };
