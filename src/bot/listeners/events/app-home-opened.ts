import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotDesk } from '../../deps';
import { publishHome } from '../../home';

/** A teammate opens the Home tab: it is built fresh (queue, figures, settings) and published for them. */
export const appHomeOpenedCallback =
  (desk: Pick<BotDesk, 'db' | 'slack' | 'now' | 'lang'>) =>
  async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    // The Messages and About tabs send the same event.
    if (event.tab !== 'home') return;
    await publishHome(desk, event.user);
  };
