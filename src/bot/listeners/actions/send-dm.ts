import { approveWelcome } from '../../../desk/decide';
import type { Desk } from '../../../desk/desk';
import { decisionCallback } from './decide';

export const sendDmCallback = (desk: Desk) =>
  decisionCallback(desk, (d, action) => approveWelcome(d, { ...action, channel: 'dm' }));
