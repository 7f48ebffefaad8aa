// Answers and welcomes share X's windows: X counts every DM and every post of the account, so a
// claim counts both, under the same lock on the account row.
import { afterEach, describe, expect, it } from 'vitest';
import { claimAnswerForSending, createAnswer } from '../../src/db/answers';
import { claimForSending } from '../../src/db/pacing';
import { conversationMessages } from '../../src/db/schema';
import { startTestDesk, type TestDesk } from '../helpers/desk';
import { welcomeRow } from '../helpers/wait';
import { theyWrote, welcomedByDm } from './answer-support';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

describe('pacing answers with welcomes', { timeout: 120_000 }, () => {
  it('an answer waits when welcomes and answers together fill X’s 15-DM window, and a welcome waits for answers too', async () => {
    desk = await startTestDesk();
    const db = desk.bot.desk.db;
    const { welcomeId, followerXId } = await welcomedByDm(desk, { name: 'Léa Martin', handle: 'lea_m' });
    const welcome = await welcomeRow(db, welcomeId);
    const dm = desk.x.writeDm(followerXId, 'Merci !');
    const incoming = await theyWrote(desk, welcomeId, { via: 'dm', xId: dm.id, text: dm.text });

    // The welcome was one DM in the window; 14 answers sent in the last minutes make it 15.
    const now = new Date();
    const oldest = new Date(now.getTime() - 10 * 60_000);
    await db.insert(conversationMessages).values(
      Array.from({ length: 14 }, (_, i) => ({
        accountId: welcome.accountId,
        followerId: welcome.followerId,
        welcomeId,
        direction: 'out' as const,
        via: 'dm' as const,
        xId: `earlier-answer-${i}`,
        text: `earlier answer ${i}`,
        status: 'sent' as const,
        sendingStartedAt: new Date(oldest.getTime() + i * 1000),
      })),
    );
    const created = await createAnswer(db, { incomingId: incoming.id, via: 'dm', text: 'Avec plaisir !', writtenBy: 'U0MARIE01', approvedAt: now });
    if (!created.ok) throw new Error('the answer was not stored');

    const claim = await claimAnswerForSending(db, created.answer.id, now, 'test-process');
    expect(claim.kind).toBe('wait');
    // The window reopens when the oldest DM in it (the welcome's) leaves it.
    if (claim.kind === 'wait') expect(claim.until.getTime()).toBeGreaterThan(now.getTime());

    // A public reply is not a DM: the posts' window is open.
    const post = desk.x.mention(followerXId, 'Super atelier !');
    const theirPost = await theyWrote(desk, welcomeId, { via: 'mention', xId: post.id, text: post.text });
    const reply = await createAnswer(db, { incomingId: theirPost.id, via: 'reply', text: 'Merci Léa !', writtenBy: 'U0MARIE01', approvedAt: now });
    if (!reply.ok) throw new Error('the reply was not stored');
    expect((await claimAnswerForSending(db, reply.answer.id, now, 'test-process')).kind).toBe('claimed');

    // And a welcome DM approved now waits for the answers' window as well.
    const other = desk.x.addFollower({ name: 'Paul Roy', handle: 'paul_r' });
    desk.x.writeDm(other.xUserId, 'Bonjour !');
    await desk.poll();
    const [otherCard] = (await desk.waitForCards(2)).slice(-1);
    const otherId = Number(/"value":"(\d+)"/.exec(JSON.stringify(otherCard!.blocks))![1]);
    await db.execute(`update welcomes set status = 'approved', channel = 'dm', send_mode = 'api', final_text = 'Merci Paul !', decided_by = 'U0MARIE01', decided_at = now() where id = ${otherId}`);
    expect((await claimForSending(db, otherId, now, 'test-process')).kind).toBe('wait');
  });
});
