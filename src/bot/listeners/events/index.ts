import type { App } from '@slack/bolt';
import type { Desk } from '../../../desk/desk';
import { appHomeOpenedCallback } from './app-home-opened';

/** The Events API subscriptions, as declared in manifest.json. */
export const EVENTS = {
  appHomeOpened: 'app_home_opened',
} as const;

export function register(app: App, desk: Desk): void {
  app.event(EVENTS.appHomeOpened, appHomeOpenedCallback(desk));
}
