import { skipWelcome } from '../../../desk/decide';
import type { BotDesk } from '../../deps';
import { decisionCallback } from './decide';

export const skipCallback = (desk: Pick<BotDesk, 'db' | 'logger' | 'cards' | 'now' | 'lang'>) => decisionCallback(desk, skipWelcome);
