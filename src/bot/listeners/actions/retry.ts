import { retryWelcome } from '../../../desk/decide';
import type { Desk } from '../../../desk/desk';
import { decisionCallback } from './decide';

export const retryCallback = (desk: Desk) => decisionCallback(desk, retryWelcome);
