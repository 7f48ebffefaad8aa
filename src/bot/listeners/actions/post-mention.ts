import { approveWelcome } from '../../../desk/decide';
import type { BotDesk } from '../../deps';
import { decisionCallback } from './decide';

export const postMentionCallback = (desk: Pick<BotDesk, 'db' | 'boss' | 'xClient' | 'logger' | 'cards' | 'now' | 'lang'>) =>
  decisionCallback(desk, (d, action) => approveWelcome(d, { ...action, channel: 'mention' }));
