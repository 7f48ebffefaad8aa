import { retryWelcome } from '../../../desk/decide';
import type { BotDesk } from '../../deps';
import { decisionCallback } from './decide';

export const retryCallback = (desk: Pick<BotDesk, 'db' | 'boss' | 'logger' | 'cards' | 'now' | 'lang'>) => decisionCallback(desk, retryWelcome);
