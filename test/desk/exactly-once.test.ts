import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ids';
import { claimForSending } from '../../src/db/pacing';
import { listWelcomeEvents, transitionWelcome } from '../../src/db/welcomes';
import { createXClient, sendDirectMessage } from '../../src/x/api';
import { startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { sleep, waitForWelcome, waitUntil } from '../helpers/wait';

// One desk for the file: starting the bot is the slow part, and every case uses its own follower.
let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ env: { X_DM_POLICY: 'approved', APPROVERS: 'anyone' } });
});
afterAll(async () => {
  await desk?.stop();
});

const DM_PATH = '/2/dm_conversations/with/:participant_id/messages';

/** A new follower, polled, with their card on the desk. */
async function newCard(name: string) {
  const follower = desk.x.addFollower({ name, bio: 'Céramique et design.' });
  const before = desk.cards().length;
  await desk.poll();
  const cards = await desk.waitForCards(before + 1);
  const card = cards[cards.length - 1]!;
  return { follower, card, welcomeId: welcomeIdOf(card) };
}

const messagesTo = (xUserId: string) =>
  desk.x.sentDms.filter((dm) => dm.recipientId === xUserId).length + desk.x.posts.filter((post) => post.text.includes(xUserId)).length;

describe('exactly one message per follower', () => {
  it('sends one message when 50 teammates approve the same card at once, and tells the 49 others privately', async () => {
    const { follower, card, welcomeId } = await newCard('Aline');
    const dmsBefore = desk.x.sentDms.length;
    const postsBefore = desk.x.posts.length;
    const responsesBefore = desk.slack.responses.length;
    const clicks = Array.from({ length: 50 }, (_, i) =>
      desk.click(card, i % 2 === 0 ? ACTIONS.sendDm : ACTIONS.postMention, { userId: `U0TEAM${String(i).padStart(3, '0')}` }),
    );
    const answers = await Promise.all(clicks);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);

    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed'], 30_000);
    expect(sent.status).toBe('sent');
    const refusals = await desk.slack.waitFor(() => {
      const texts = desk.slack.responses.slice(responsesBefore).map((r) => String(r.body.text ?? ''));
      return texts.filter((text) => /Already decided/.test(text)).length >= 49 ? texts : null;
    }, 30_000);
    expect(refusals.filter((text) => text.includes(`<@${sent.decidedBy}>`))).toHaveLength(49);
    await sleep(500);
    expect(desk.x.sentDms.length - dmsBefore + desk.x.posts.length - postsBefore).toBe(1);
    const events = await listWelcomeEvents(desk.bot.desk.db, welcomeId);
    expect(events.filter((event) => event.type === 'approved')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'sending')).toHaveLength(1);
    expect(follower.xUserId).toBeTruthy();
  });

  it('when the connection drops after X sent the DM, finds it on X and records it instead of sending again', async () => {
    const { follower, card, welcomeId } = await newCard('Basile');
    desk.x.failNext({ method: 'POST', path: DM_PATH }, { drop: true, afterApplying: true });
    await desk.click(card, ACTIONS.sendDm);
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed'], 30_000);
    expect(sent.status).toBe('sent');
    const onX = desk.x.sentDms.filter((dm) => dm.recipientId === follower.xUserId);
    expect(onX).toHaveLength(1);
    expect(sent.xDmEventId).toBe(onX[0]!.id);
    const types = (await listWelcomeEvents(desk.bot.desk.db, welcomeId)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['send-uncertain', 'reconciling', 'sent']));
  });

  it('when X answers 503 to a post it did publish, finds the post and does not publish it twice', async () => {
    const { card, welcomeId } = await newCard('Capucine');
    const postsBefore = desk.x.posts.length;
    desk.x.failNext({ method: 'POST', path: '/2/tweets' }, { status: 503, afterApplying: true });
    await desk.click(card, ACTIONS.postMention);
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed'], 30_000);
    expect(sent.status).toBe('sent');
    expect(desk.x.posts.length - postsBefore).toBe(1);
    expect(sent.xPostId).toBe(desk.x.posts.at(-1)!.id);
  });

  it('when the connection drops before X got the DM, looks on X, finds nothing, and sends it once', async () => {
    const { follower, card, welcomeId } = await newCard('Dorian');
    desk.x.failNext({ method: 'POST', path: DM_PATH }, { drop: true });
    await desk.click(card, ACTIONS.sendDm);
    // Not on X: back in the queue at once, then sent.
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed'], 60_000);
    expect(sent.status).toBe('sent');
    expect(desk.x.sentDms.filter((dm) => dm.recipientId === follower.xUserId)).toHaveLength(1);
    const deferred = (await listWelcomeEvents(desk.bot.desk.db, welcomeId)).find((event) => event.type === 'deferred');
    expect(deferred?.detail).toMatchObject({ why: 'not-on-x' });
  }, 90_000);

  it('a send left mid-flight by a process that died is reconciled by the sweeper: recorded if X has it, sent once if not', async () => {
    const db = desk.bot.desk.db;
    const reachedX = await newCard('Éloi');
    const neverLeft = await newCard('Flore');
    for (const { welcomeId, card } of [reachedX, neverLeft]) {
      const text = (await waitForWelcome(db, welcomeId, ['pending'])).draftText;
      // Approved and claimed by a process that then vanished: no send job, no heartbeat.
      await transitionWelcome(db, welcomeId, { from: ['pending'], to: 'approved', type: 'approved', actor: 'U0GONE001', set: { channel: 'dm', finalText: text, decidedBy: 'U0GONE001', decidedAt: new Date() } });
      const claim = await claimForSending(db, welcomeId, new Date(), 'process-that-died');
      expect(claim.kind).toBe('claimed');
      expect(card).toBeTruthy();
    }
    // The dead process had got the first DM out before it died.
    const text = (await waitForWelcome(db, reachedX.welcomeId, ['sending'])).finalText!;
    await sendDirectMessage(createXClient(desk.x.clientCredentials), reachedX.follower.xUserId, text);

    await desk.bot.jobs.sweepNow();
    const [first, second] = await Promise.all([
      waitForWelcome(db, reachedX.welcomeId, ['sent', 'failed'], 60_000),
      waitForWelcome(db, neverLeft.welcomeId, ['sent', 'failed'], 60_000),
    ]);
    expect([first.status, second.status]).toEqual(['sent', 'sent']);
    expect(messagesTo(reachedX.follower.xUserId)).toBe(1);
    expect(messagesTo(neverLeft.follower.xUserId)).toBe(1);
    await waitUntil(async () => (await listWelcomeEvents(db, reachedX.welcomeId)).some((event) => event.type === 'reconciling'));
  }, 90_000);
});
