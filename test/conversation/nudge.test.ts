// A conversation left waiting longer than ANSWER_NUDGE_HOURS gets exactly one reminder in its
// thread, from the tracking pass's schedule, however many passes run.
import { afterEach, describe, expect, it } from 'vitest';
import { listWelcomeEvents } from '../../src/db/welcomes';
import { nudgeWaitingConversations } from '../../src/desk/answer-nudge';
import { TRACKING_QUEUE } from '../../src/jobs/tracking';
import { startTestDesk, type TestDesk } from '../helpers/desk';
import { waitUntil } from '../helpers/wait';
import { messageRow, theyWrote, threadOf, welcomedByDm } from './answer-support';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

const HOUR = 3_600_000;

async function completedPasses(d: TestDesk): Promise<number> {
  const { rows } = await d.bot.database.executeSql(`select count(*)::int as n from pgboss.job where name = '${TRACKING_QUEUE}' and state = 'completed'`);
  return Number(rows[0]?.n ?? 0);
}

describe('the reminder of a conversation waiting for an answer', { timeout: 120_000 }, () => {
  it('fires once, from the tracking pass, and not for a conversation waiting less than ANSWER_NUDGE_HOURS', async () => {
    desk = await startTestDesk({ schedules: true, env: { ANSWER_NUDGE_HOURS: '24' } });
    const old = await welcomedByDm(desk, { name: 'Léa Martin', handle: 'lea_m', bio: 'Céramiste.' });
    const recent = await welcomedByDm(desk, { name: 'Paul Roy', handle: 'paul_r', bio: 'Tourneur.' });
    const waiting = await theyWrote(desk, old.welcomeId, { via: 'dm', xId: '1900000000000000001', text: 'Une question sur les stages ?', writtenAt: new Date(Date.now() - 30 * HOUR) });
    const fresh = await theyWrote(desk, recent.welcomeId, { via: 'dm', xId: '1900000000000000002', text: 'Bonjour !', writtenAt: new Date(Date.now() - 2 * HOUR) });

    await desk.bot.desk.boss.send(TRACKING_QUEUE, {}, { singletonKey: 'tracking' });
    const reminder = await desk.slack.waitFor(() => threadOf(desk!, old.card).find((message) => message.text.startsWith('⏰')), 20_000);
    expect(reminder.text).toContain('waiting for an answer since');
    expect((await messageRow(desk, waiting.id)).nudgedAt).not.toBeNull();

    // Another pass, and three more at once: still one reminder.
    const passes = await completedPasses(desk);
    await desk.bot.desk.boss.send(TRACKING_QUEUE, {}, { singletonKey: 'tracking' });
    await waitUntil(async () => (await completedPasses(desk!)) > passes, 20_000, 'a second tracking pass');
    const counts = await Promise.all([1, 2, 3].map(() => nudgeWaitingConversations(desk!.bot.desk, { hours: 24 })));
    expect(counts).toEqual([0, 0, 0]);
    expect(threadOf(desk, old.card).filter((message) => message.text.startsWith('⏰'))).toHaveLength(1);
    expect((await listWelcomeEvents(desk.bot.desk.db, old.welcomeId)).filter((event) => event.type === 'conversation-nudged')).toHaveLength(1);

    // The recent conversation got none, and its message is not marked.
    expect(threadOf(desk, recent.card).filter((message) => message.text.startsWith('⏰'))).toEqual([]);
    expect((await messageRow(desk, fresh.id)).nudgedAt).toBeNull();
  });

  it('three passes at once post one reminder', async () => {
    desk = await startTestDesk();
    const { welcomeId, card } = await welcomedByDm(desk, { name: 'Inès', handle: 'ines_r' });
    const waiting = await theyWrote(desk, welcomeId, { via: 'dm', xId: '1900000000000000003', text: 'Allô ?', writtenAt: new Date(Date.now() - 50 * HOUR) });
    const counts = await Promise.all([1, 2, 3].map(() => nudgeWaitingConversations(desk!.bot.desk, { hours: 24 })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    await desk.slack.waitFor(() => threadOf(desk!, card).find((message) => message.text.startsWith('⏰')));
    expect(threadOf(desk, card).filter((message) => message.text.startsWith('⏰'))).toHaveLength(1);
    expect((await messageRow(desk, waiting.id)).nudgedAt).not.toBeNull();
  });
});
