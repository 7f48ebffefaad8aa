import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { errorSummary } from '../../../desk/cards';
import type { BotDesk } from '../../deps';
import { followerHistoryByHandle } from '../../../desk/history';
import { accountFor, auditByHand, handAuditSettings } from '../../../desk/manual';
import { buildFollowerHistory } from '../../blocks/audit-history';
import { slackTextToPlain } from '../../blocks/audit-input';
import { buildAuditModal } from '../../blocks/audit-modal';
import { buildAuditReport } from '../../blocks/audit-report';
import { t } from '../../../i18n';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Only a handle: the follower's history rather than an audit of the word. */
const ONLY_A_HANDLE = /^@([A-Za-z0-9_]{1,15})$/;

/**
 * `/audit-dm <text>` audits the text as a DM and answers privately; `/audit-dm @handle` shows that
 * follower's history; `/audit-dm` alone opens a form. Every answer is ephemeral: an audit is a
 * teammate's private check, not something to post in the channel.
 */
export const auditDmCallback =
  (desk: Pick<BotDesk, 'db' | 'logger' | 'lang' | 'model'>, names: { command: string; welcomeCommand: string }) =>
  async ({ ack, command, respond, client }: CommandArgs): Promise<void> => {
    await ack();
    const text = slackTextToPlain(command.text).trim();
    if (text === '') {
      // The trigger id lives 3 seconds: the modal opens before anything else but the account's
      // settings, which the form carries so that its submissions are audited without a query.
      try {
        const settings = await handAuditSettings(desk, command.channel_id);
        await client.views.open({ trigger_id: command.trigger_id, view: buildAuditModal({ lang: desk.lang, slackChannelId: command.channel_id, settings }) });
      } catch (error) {
        desk.logger.warn({ err: errorSummary(error) }, 'could not open the audit modal');
        await respond({ response_type: 'ephemeral', text: t(desk.lang).audit.modalFailed(names.command) });
      }
      return;
    }

    const handle = ONLY_A_HANDLE.exec(text)?.[1];
    if (handle) {
      const account = await accountFor(desk, command.channel_id);
      const history = account ? await followerHistoryByHandle(desk.db, account.id, handle) : null;
      const reply = buildFollowerHistory({ handle, history, lang: desk.lang, welcomeCommand: `\`${names.welcomeCommand} @${handle}\`` });
      await respond({ response_type: 'ephemeral', ...reply });
      return;
    }

    const { report, asMention } = await auditByHand(desk, { text, kind: 'dm', source: 'slash', actor: command.user_id, slackChannelId: command.channel_id, fallbackLang: desk.lang });
    await respond({ response_type: 'ephemeral', ...buildAuditReport({ text, report, asMention, lang: desk.lang }) });
  };
