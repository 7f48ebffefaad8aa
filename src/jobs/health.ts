import type PgBoss from 'pg-boss';
import type { HealthCheck } from '../bot/http-server';
import type { Database } from '../db/client';
import { QUEUES } from '../desk/desk';

/** A dependency that does not answer within this long counts as down. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * What /healthz reports once the bot is up, read from the database so every process tells the same
 * story: the database answers; Slack is failing while card updates wait for a retry; X is failing
 * while polls wait for a retry or the latest send outcome is an outage.
 */
export async function probeDependencies(database: Database, boss: PgBoss): Promise<Partial<Pick<HealthCheck, 'database' | 'slack' | 'x'>>> {
  try {
    const [slackFailing, xPollsFailing, { rows }] = await withTimeout(
      Promise.all([
        waitingForRetry(boss, QUEUES.card),
        waitingForRetry(boss, QUEUES.poll),
        database.executeSql(
          `select (select type = 'send-uncertain' or (type = 'deferred' and detail->>'why' in ('network', 'server'))
                     from welcome_events
                    where type in ('sent', 'deferred', 'send-uncertain', 'failed') and at > now() - interval '30 minutes'
                    order by id desc limit 1) as x_sends_failing`,
        ),
      ]),
    );
    const row = rows[0] ?? {};
    return { database: true, slack: !slackFailing, x: !xPollsFailing && row.x_sends_failing !== true };
  } catch {
    // Without the database nothing else can be read: Slack and X keep their last known state.
    return { database: false };
  }
}

/** Whether a queue holds jobs waiting for a retry: those before `active` less those before `retry` (created). */
async function waitingForRetry(boss: PgBoss, queue: string): Promise<boolean> {
  const [createdOrRetry, created] = await Promise.all([boss.getQueueSize(queue, { before: 'active' }), boss.getQueueSize(queue, { before: 'retry' })]);
  return createdOrRetry > created;
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), PROBE_TIMEOUT_MS);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
