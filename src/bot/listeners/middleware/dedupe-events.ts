import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { firstSighting } from '../../../db/slack-events';
import type { Desk } from '../../../desk/desk';

/**
 * Slack delivers an event again when it thinks we missed it (x-slack-retry-num), and Bolt does not
 * deduplicate: each event_id goes through once, whichever process or retry carries it. Bolt has
 * already acknowledged the event, so a duplicate is simply not passed on.
 */
export function dedupeEvents(desk: Pick<Desk, 'db' | 'logger'>): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && eventId !== '' && !(await firstSighting(desk.db, eventId))) {
      desk.logger.info({ eventId }, 'duplicate Slack event ignored');
      return;
    }
    await next();
  };
}
