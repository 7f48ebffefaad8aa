import type { BotDesk } from '../../deps';
import { auditByHand } from '../../../desk/manual';
import { slackTextToPlain } from '../../blocks/audit-input';
import { buildAuditReport } from '../../blocks/audit-report';
import { messageText } from '../../blocks/message-text';
import { t } from '../../../i18n';
import { replyPrivately, type MessageShortcutArgs } from './private-reply';

/** "Audit as a welcome" on any message: its text (blocks and attachments too) audited as a DM, the report for the teammate only. */
export const auditMessageCallback =
  (desk: Pick<BotDesk, 'db' | 'logger' | 'lang' | 'model'>) =>
  async ({ ack, shortcut, respond, client }: MessageShortcutArgs): Promise<void> => {
    await ack();
    const text = slackTextToPlain(messageText(shortcut.message)).trim();
    if (text === '') {
      await replyPrivately(desk, { respond, client, shortcut }, { text: t(desk.lang).audit.noTextToAudit });
      return;
    }
    const { report, asMention } = await auditByHand(desk, { text, kind: 'dm', source: 'shortcut', actor: shortcut.user.id, slackChannelId: shortcut.channel.id, fallbackLang: desk.lang });
    await replyPrivately(desk, { respond, client, shortcut }, buildAuditReport({ text, report, asMention, lang: desk.lang }));
  };
