import { markSentManually } from '../../../desk/decide';
import type { Desk } from '../../../desk/desk';
import { decisionCallback } from './decide';

export const markSentCallback = (desk: Desk) => decisionCallback(desk, markSentManually);
