import { skipWelcome } from '../../../desk/decide';
import type { Desk } from '../../../desk/desk';
import { decisionCallback } from './decide';

export const skipCallback = (desk: Desk) => decisionCallback(desk, skipWelcome);
