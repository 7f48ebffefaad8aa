import type { App } from '@slack/bolt';
import type { Desk } from '../../../desk/desk';
import { VIEWS } from '../../ids';
import { editWelcomeCallback } from './edit-welcome';

export function register(app: App, desk: Desk): void {
  app.view(VIEWS.editWelcome, editWelcomeCallback(desk));
}
