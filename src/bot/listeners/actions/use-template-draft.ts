import type { Desk } from '../../../desk/desk';
import { useTemplateDraft } from '../../../desk/template-switch';
import { decisionCallback } from './decide';

/** "Use the template draft instead" on the card of a model's draft. */
export const useTemplateDraftCallback = (desk: Desk) => decisionCallback(desk, useTemplateDraft);
