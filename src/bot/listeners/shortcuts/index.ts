import type { App } from '@slack/bolt';
import type { NoticeDesk } from '../../../desk/desk';
import type { BotDesk } from '../../deps';
import { auditMessageCallback } from './audit-message';
import { welcomeFromMessageCallback } from './welcome-from-message';

/** callback_id of each message shortcut, as declared in manifest.json. */
export const SHORTCUTS = {
  auditMessage: 'audit_message_shortcut',
  welcomeFromMessage: 'welcome_from_message',
} as const;

export function register(app: App, desk: NoticeDesk & Pick<BotDesk, 'lang'>): void {
  app.shortcut({ callback_id: SHORTCUTS.auditMessage, type: 'message_action' }, auditMessageCallback(desk));
  app.shortcut({ callback_id: SHORTCUTS.welcomeFromMessage, type: 'message_action' }, welcomeFromMessageCallback(desk));
}
