import type { HealthCheck } from '../bot/http-server';
import type { Database } from '../db/client';

/** A dependency that does not answer within this long counts as down. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * What /healthz reports once the bot is up, read from the database so every process tells the same
 * story: the database answers; Slack is failing while card updates wait for a retry; X is failing
 * while polls wait for a retry or the latest send outcome is an outage.
 */
export async function probeDependencies(database: Database): Promise<Partial<Pick<HealthCheck, 'database' | 'slack' | 'x'>>> {
  try {
    const { rows } = await withTimeout(
      database.executeSql(
        `select
           exists (select 1 from pgboss.job where name = 'card-publish' and state = 'retry') as slack_failing,
           exists (select 1 from pgboss.job where name = 'followers-poll' and state = 'retry') as x_polls_failing,
           (select type = 'send-uncertain' or (type = 'deferred' and detail->>'why' in ('network', 'server'))
              from welcome_events
             where type in ('sent', 'deferred', 'send-uncertain', 'failed') and at > now() - interval '30 minutes'
             order by id desc limit 1) as x_sends_failing`,
      ),
    );
    const row = rows[0] ?? {};
    return { database: true, slack: row.slack_failing !== true, x: row.x_polls_failing !== true && row.x_sends_failing !== true };
  } catch {
    // Without the database nothing else can be read: Slack and X keep their last known state.
    return { database: false };
  }
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
