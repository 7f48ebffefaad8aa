import type { App } from '@slack/bolt';
import type { NoticeDesk } from '../../../desk/desk';
import type { BotDesk } from '../../deps';
import { accueilCallback } from './accueil';
import { auditDmCallback } from './audit-dm';
import { welcomeCallback } from './welcome';

/** The slash commands, as declared in manifest.json. */
export const COMMANDS = {
  accueil: '/accueil',
  auditDm: '/audit-dm',
  welcome: '/welcome',
} as const;

export function register(app: App, desk: NoticeDesk & Pick<BotDesk, 'lang'>): void {
  app.command(COMMANDS.accueil, accueilCallback(desk, { command: COMMANDS.accueil }));
  app.command(COMMANDS.auditDm, auditDmCallback(desk, { command: COMMANDS.auditDm, welcomeCommand: COMMANDS.welcome }));
  app.command(COMMANDS.welcome, welcomeCallback(desk, { command: COMMANDS.welcome }));
}
