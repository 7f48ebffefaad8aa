import type { App } from '@slack/bolt';
import type { BotDesk } from '../../deps';
import { appHomeOpenedCallback } from './app-home-opened';

/** The Events API subscriptions, as declared in manifest.json. */
export const EVENTS = {
  appHomeOpened: 'app_home_opened',
} as const;

export function register(app: App, desk: Pick<BotDesk, 'db' | 'slack' | 'now' | 'lang'>): void {
  app.event(EVENTS.appHomeOpened, appHomeOpenedCallback(desk));
}
