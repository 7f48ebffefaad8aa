import type { App } from '@slack/bolt';
import type { Desk } from '../../../desk/desk';
import { AUDIT_MODAL } from '../../blocks/audit-modal';
import { HOME_IDS } from '../../blocks/home';
import { VIEWS } from '../../ids';
import { requireApproverToSubmit, type DeskPolicy } from '../middleware/authorize';
import { auditTextCallback } from './audit-text';
import { editWelcomeCallback } from './edit-welcome';
import { homeAccountSettingsCallback } from './home-account-settings';

export function register(app: App, desk: Desk, policy: DeskPolicy): void {
  app.view(VIEWS.editWelcome, requireApproverToSubmit(desk, policy), editWelcomeCallback(desk));
  app.view(AUDIT_MODAL.callbackId, auditTextCallback(desk));
  app.view(HOME_IDS.settingsModal, homeAccountSettingsCallback(desk));
}
