import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { errorSummary } from '../../../desk/cards';
import type { Desk } from '../../../desk/desk';
import type { KnownBlock } from '../../blocks/kit';

export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/**
 * Answers the teammate who used a message shortcut, visible to them only. The payload's
 * response_url works in any conversation, the bot a member or not (a DM between two people, a
 * channel it was never invited to); chat.postEphemeral needs the bot in the channel, so it is only
 * the fallback for an expired or used-up response_url.
 */
export async function replyPrivately(
  desk: Pick<Desk, 'logger'>,
  { respond, client, shortcut }: Pick<MessageShortcutArgs, 'respond' | 'client' | 'shortcut'>,
  message: { text: string; blocks?: KnownBlock[] },
): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    return;
  } catch (error) {
    desk.logger.warn({ err: errorSummary(error) }, 'shortcut response_url refused the answer; trying chat.postEphemeral');
  }
  try {
    await client.chat.postEphemeral({ channel: shortcut.channel.id, user: shortcut.user.id, ...message });
  } catch (error) {
    desk.logger.error({ err: errorSummary(error), channel: shortcut.channel.id }, 'could not answer the shortcut privately');
  }
}
