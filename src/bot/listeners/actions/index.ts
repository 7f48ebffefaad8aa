import type { App } from '@slack/bolt';
import type { Desk } from '../../../desk/desk';
import { ACTIONS } from '../../ids';
import { HOME_IDS } from '../../blocks/home';
import { editCallback } from './edit';
import { homeEditAccountCallback } from './home-edit-account';
import { markSentCallback } from './mark-sent';
import { openInXCallback } from './open-in-x';
import { postMentionCallback } from './post-mention';
import { retryCallback } from './retry';
import { sendDmCallback } from './send-dm';
import { skipCallback } from './skip';

export function register(app: App, desk: Desk): void {
  app.action(ACTIONS.sendDm, sendDmCallback(desk));
  app.action(ACTIONS.postMention, postMentionCallback(desk));
  app.action(ACTIONS.edit, editCallback(desk));
  app.action(ACTIONS.editDm, editCallback(desk, 'dm'));
  app.action(ACTIONS.editMention, editCallback(desk, 'mention'));
  app.action(ACTIONS.skip, skipCallback(desk));
  app.action(ACTIONS.retry, retryCallback(desk));
  app.action(ACTIONS.markSent, markSentCallback(desk));
  app.action(ACTIONS.openInX, openInXCallback);
  app.action(HOME_IDS.editAccount, homeEditAccountCallback(desk));
}
