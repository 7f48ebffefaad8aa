// send_pacing_429s: 200 approvals at once against a fake X that enforces X's write limits, on a
// simulated clock (a minute a step, so 200 DMs at 15 per 15 minutes take no real quarter-hours).
import { WebClient } from '@slack/web-api';
import { createCardPublisher } from '../src/bot/cards';
import { createThreadPublisher } from '../src/bot/threads';
import { upsertAccount } from '../src/db/accounts';
import { insertNewFollower } from '../src/db/followers';
import { welcomes } from '../src/db/schema';
import { createWelcome, transitionWelcome } from '../src/db/welcomes';
import type { Desk } from '../src/desk/desk';
import { sendWelcome } from '../src/desk/send';
import type { Channel } from '../src/domain';
import { createBoss } from '../src/jobs/boss';
import { createLogger } from '../src/logger';
import { createXClient } from '../src/x/api';
import { startFakeSlack } from '../src/sandbox/slack';
import { startFakeX } from '../src/sandbox/x';
import { createTestDatabase } from '../test/helpers/db';
import { eq } from 'drizzle-orm';

export interface PacingBenchResult {
  send_pacing_429s: number;
  dms: number;
  mentions: number;
  /** Most DMs sent in any 15-minute window of the simulated clock. */
  max_dms_per_15_min: number;
  simulated_minutes: number;
}

export async function runPacingBench(counts: Record<Channel, number> = { dm: 200, mention: 120 }): Promise<PacingBenchResult> {
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const now = () => clock;
  const x = await startFakeX({ now, enforceRateLimits: true });
  const slack = await startFakeSlack({ strictTriggers: false });
  const database = await createTestDatabase();
  const boss = createBoss(database);
  await boss.start();
  try {
    const account = await upsertAccount(
      database.db,
      { xUserId: x.account.id, handle: x.account.handle, name: x.account.name },
      { kind: 'business', dmPolicy: 'approved', sendMode: 'api', ownDomains: [], topics: [] },
      'C0DESK001',
    );
    const client = createXClient(x.clientCredentials);
    const parts = {
      db: database.db,
      boss,
      slack: new WebClient(slack.token, { slackApiUrl: slack.apiUrl }),
      logger: createLogger('silent'),
      now: () => new Date(clock),
      lang: 'en' as const,
    };
    const desk: Desk = { ...parts, xClient: () => client, cards: createCardPublisher(parts), threads: createThreadPublisher(parts) };
    const queue: number[] = [];
    for (const channel of ['dm', 'mention'] as const) {
      for (let i = 0; i < counts[channel]; i++) {
        const profile = x.addFollower();
        const follower = (await insertNewFollower(database.db, account.id, profile, 'poll'))!;
        const text = `Thank you for following, ${profile.name}! (${channel} ${i})`;
        const welcome = (await createWelcome(database.db, { accountId: account.id, followerId: follower.id, lang: 'en', templateId: null, triage: {}, draftText: text, slackChannelId: 'C0DESK001' }))!;
        await transitionWelcome(database.db, welcome.id, { from: ['pending'], to: 'approved', type: 'approved', actor: 'U0BENCH01', set: { channel, finalText: text, decidedBy: 'U0BENCH01', decidedAt: new Date(clock) } });
        queue.push(welcome.id);
      }
    }
    const started = clock;
    const sentAt: number[] = [];
    while (queue.length > 0 && clock - started < 3 * 86_400_000) {
      // Each minute, send what the claim lets through; the first welcome of each channel told to wait
      // means every later one of that channel waits too.
      const blocked = new Set<string>();
      for (const id of [...queue]) {
        const [row] = await database.db.select().from(welcomes).where(eq(welcomes.id, id));
        if (!row || blocked.has(row.channel!)) continue;
        await sendWelcome(desk, id);
        const [after] = await database.db.select().from(welcomes).where(eq(welcomes.id, id));
        if (after!.status === 'approved') blocked.add(after!.channel!);
        else {
          queue.splice(queue.indexOf(id), 1);
          if (after!.channel === 'dm' && after!.status === 'sent') sentAt.push(clock);
        }
      }
      clock += 60_000;
    }
    const windowMs = 15 * 60_000;
    const maxInWindow = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + windowMs).length));
    return {
      send_pacing_429s: x.requests.filter((request) => request.status === 429).length,
      dms: x.sentDms.length,
      mentions: x.posts.length,
      max_dms_per_15_min: maxInWindow,
      simulated_minutes: Math.round((clock - started) / 60_000),
    };
  } finally {
    await boss.stop({ graceful: false, wait: true });
    await database.close();
    await Promise.all([x.close(), slack.close()]);
  }
}
