// An answer whose send broke mid-way is reconciled with X before any retry, as a welcome is:
// found there, it is recorded as sent; not found, it is sent once.
import { afterEach, describe, expect, it } from 'vitest';
import { listWelcomeEvents } from '../../src/db/welcomes';
import { startTestDesk, type TestDesk } from '../helpers/desk';
import { openReply, submitAnswer, theyWrote, waitForAnswer, welcomedByDm } from './answer-support';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

const DM_PATH = { method: 'POST', path: '/2/dm_conversations/with/:participant_id/messages' };

describe('an answer whose send broke mid-way', { timeout: 120_000 }, () => {
  it.each([
    ['after X sent it', true, 'answer-reconciling'],
    ['before X sent it', false, 'answer-deferred'],
  ])('the connection dropped %s: one DM, recorded as sent', async (_when, afterApplying, step) => {
    desk = await startTestDesk();
    const { welcomeId, card, followerXId } = await welcomedByDm(desk, { name: 'Léa Martin', handle: 'lea_m' });
    const theirs = desk.x.writeDm(followerXId, 'Et le stage de juin ?');
    const incoming = await theyWrote(desk, welcomeId, { via: 'dm', xId: theirs.id, text: theirs.text });
    const opened = await openReply(desk, card, incoming.id);

    desk.x.failNext(DM_PATH, { drop: true, afterApplying });
    const typed = 'Complet, mais une liste d’attente est ouverte : on vous y inscrit ?';
    await submitAnswer(desk, opened.view, typed);
    const sent = await waitForAnswer(desk, incoming.id, ['sent', 'failed'], 30_000);
    expect(sent.status).toBe('sent');
    expect(desk.x.sentDms.filter((dm) => dm.text === typed)).toHaveLength(1);
    expect(sent.xId).toBe(desk.x.sentDms.find((dm) => dm.text === typed)!.id);
    const events = (await listWelcomeEvents(desk.bot.desk.db, welcomeId)).map((event) => event.type);
    expect(events).toContain('answer-uncertain');
    expect(events).toContain(step);
  });
});
