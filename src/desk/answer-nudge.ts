// The reminder: a conversation left waiting for an answer longer than ANSWER_NUDGE_HOURS gets one
// line in its thread — one per wait, whichever process runs the pass, however often it runs.
import { conversationsWaitingSince, takeNudge } from '../db/answers';
import type { Desk } from './desk';

export async function nudgeWaitingConversations(desk: Pick<Desk, 'db' | 'logger' | 'answers' | 'now'>, opts: { hours: number; now?: Date }): Promise<number> {
  const now = opts.now ?? desk.now();
  let nudged = 0;
  for (const { welcomeId, since } of await conversationsWaitingSince(desk.db, new Date(now.getTime() - opts.hours * 3_600_000))) {
    // Taken before it is posted: a reminder lost to a Slack outage is better than two.
    if (!(await takeNudge(desk.db, welcomeId, now))) continue;
    nudged++;
    await desk.answers?.nudge(welcomeId, since).catch((error: unknown) =>
      desk.logger.warn({ welcomeId, err: { message: error instanceof Error ? error.message : String(error) } }, 'could not post the reminder in the thread'),
    );
  }
  return nudged;
}
