import type { App } from '@slack/bolt';
import type { BotDesk } from '../../deps';
import { AUDIT_MODAL } from '../../blocks/audit-modal';
import { HOME_IDS } from '../../blocks/home';
import { ANSWER_MODAL, VIEWS } from '../../ids';
import { requireApproverToSubmit, type DeskPolicy } from '../middleware/authorize';
import { answerSubmitCallback } from './answer';
import { auditTextCallback } from './audit-text';
import { editWelcomeCallback } from './edit-welcome';
import { homeAccountSettingsCallback } from './home-account-settings';

export function register(app: App, desk: Pick<BotDesk, 'db' | 'boss' | 'slack' | 'logger' | 'cards' | 'answers' | 'now' | 'lang' | 'model'>, policy: DeskPolicy): void {
  app.view(VIEWS.editWelcome, requireApproverToSubmit(desk, policy), editWelcomeCallback(desk));
  app.view(ANSWER_MODAL.callbackId, requireApproverToSubmit(desk, policy, ANSWER_MODAL.textBlockId), answerSubmitCallback(desk));
  app.view(AUDIT_MODAL.callbackId, auditTextCallback(desk));
  app.view(HOME_IDS.settingsModal, homeAccountSettingsCallback(desk));
}
