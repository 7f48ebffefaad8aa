import { WebClient } from '@slack/web-api';
import PgBoss from 'pg-boss';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { xAccounts } from '../../src/db/schema';
import { DIGEST_QUEUE, startDigestJobs } from '../../src/jobs/digest';
import { createLogger } from '../../src/logger';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/slack';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db';
import { sleep } from '../helpers/wait';

const CHANNEL = 'C0DESK001';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup.length = 0;
});

/**
 * A bot process as far as the digest is concerned: its own pg-boss (checking the schedule every
 * second instead of every 30, to keep the test short) on the shared database.
 */
async function process(database: Database, slack: FakeSlack): Promise<Parameters<typeof startDigestJobs>[0]> {
  const common = { schema: 'pgboss', cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 };
  const boss = database.connectionString
    ? new PgBoss({ ...common, connectionString: database.connectionString, max: 2 })
    : new PgBoss({ ...common, db: { executeSql: (text, values) => database.executeSql(text, values) } });
  boss.on('error', () => {});
  await boss.start();
  cleanup.push(() => boss.stop({ graceful: false, wait: true }));
  return {
    db: database.db,
    boss,
    slack: new WebClient(slack.token, { slackApiUrl: slack.apiUrl }),
    logger: createLogger('silent'),
    now: () => new Date(),
    lang: 'fr',
  };
}

describe('the weekly digest schedule', () => {
  it('posts one digest, with its chart, even with two bot processes on one database', async () => {
    const slack = await startFakeSlack();
    cleanup.push(() => slack.close());
    const location: TestDatabaseLocation = await createTestDatabaseLocation();
    cleanup.push(() => location.drop());
    // Two processes: two connections to the one database.
    const first = await openDatabase(location);
    await first.migrate();
    const second = await openDatabase(location);
    cleanup.push(async () => {
      await first.close();
      await second.close();
    });
    await first.db.insert(xAccounts).values({ xUserId: '100', handle: 'maison_lumen', slackChannelId: CHANNEL });

    const [a, b] = [await process(first, slack), await process(second, slack)];
    // Every minute, so that it is due now: both processes see the same due schedule.
    await startDigestJobs(a, { cron: '* * * * *', timeZone: 'Europe/Paris' });
    await startDigestJobs(b, { cron: '* * * * *', timeZone: 'Europe/Paris' });
    expect((await a.boss.getSchedules()).filter((s) => s.name === DIGEST_QUEUE)).toHaveLength(1);

    const posted = await slack.waitFor(() => slack.files.find((f) => f.completed), 30_000);
    // Let both processes tick a few more times: nothing else may appear.
    await sleep(5000);
    const digests = slack.messagesIn(CHANNEL).filter((m) => !m.threadTs);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toMatch(/Bilan de la semaine/);
    expect(slack.files.filter((f) => f.completed)).toHaveLength(1);
    expect(posted.threadTs).toBe(digests[0]!.ts);
    expect(posted.bytes!.subarray(1, 4).toString('ascii')).toBe('PNG');
    const { rows } = await first.executeSql('select count(*)::int as n from digest_runs');
    expect(rows[0]!.n).toBe(1);
  }, 60_000);
});
