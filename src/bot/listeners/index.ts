import type { App } from '@slack/bolt';
import type { BotDesk } from '../deps';
import * as actions from './actions';
import type { DeskPolicy } from './middleware/authorize';
import * as commands from './commands';
import * as events from './events';
import * as shortcuts from './shortcuts';
import * as templates from './templates';
import * as views from './views';

export function registerListeners(app: App, desk: BotDesk, policy: DeskPolicy): void {
  actions.register(app, desk, policy);
  views.register(app, desk, policy);
  commands.register(app, desk);
  shortcuts.register(app, desk);
  events.register(app, desk);
  templates.register(app, desk, policy);
}
