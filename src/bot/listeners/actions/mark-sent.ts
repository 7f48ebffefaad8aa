import { markSentManually } from '../../../desk/decide';
import type { BotDesk } from '../../deps';
import { decisionCallback } from './decide';

export const markSentCallback = (desk: Pick<BotDesk, 'db' | 'logger' | 'cards' | 'now' | 'lang'>) => decisionCallback(desk, markSentManually);
