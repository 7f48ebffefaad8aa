import type { BotDesk } from '../../deps';
import { useTemplateDraft } from '../../../desk/template-switch';
import { decisionCallback } from './decide';

/** "Use the template draft instead" on the card of a model's draft. */
export const useTemplateDraftCallback = (desk: Pick<BotDesk, 'db' | 'logger' | 'cards' | 'now' | 'random' | 'lang'>) => decisionCallback(desk, useTemplateDraft);
