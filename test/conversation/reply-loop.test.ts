// The whole loop through the incoming side: the follower welcomed by DM answers, the tracking pass
// posts it in the card's thread, a teammate clicks that message's own Reply… and the DM goes out;
// the next pass does not take the account's own answer for a new message of theirs.
import { afterEach, describe, expect, it } from 'vitest';
import { CONVERSATION_ACTIONS } from '../../src/bot/ids';
import { trackAccount } from '../../src/tracking/track';
import { startTestDesk, type TestDesk } from '../helpers/desk';
import { deskAt } from '../tracking/helpers';
import { cardNow, text, thread } from './helpers';
import { answersTo, clickInThread, submitAnswer, waitForAnswer, welcomedByDm } from './answer-support';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

const pass = (test: TestDesk) => trackAccount(deskAt(test, 0), test.bot.accountId);

describe('a conversation from their DM to our answer', { timeout: 120_000 }, () => {
  it('Reply… on the thread message the tracking pass posted sends the DM, and the thread and card say it is answered', async () => {
    desk = await startTestDesk();
    const { card, followerXId } = await welcomedByDm(desk, { name: 'Léa Martin', handle: 'lea_m', bio: 'Céramiste à Lyon.' });
    desk.x.writeDm(followerXId, 'Merci ! Vous ouvrez le dimanche ?');
    await pass(desk);
    // The pass posts what they wrote before the welcome too; Reply… is on their latest message.
    const theirs = await desk.slack.waitFor(() => thread(desk!, card).find((message) => text(message).includes('Vous ouvrez le dimanche')));
    const reply = JSON.stringify(theirs.blocks);
    const value = new RegExp(`"action_id":"${CONVERSATION_ACTIONS.reply}","value":"(\\d+)"`).exec(reply)?.[1] ?? /"value":"(\d+)"/.exec(reply)?.[1];
    expect(value).toBeDefined();
    const messageId = Number(value);

    const triggerId = desk.slack.triggerId();
    await clickInThread(desk, theirs, CONVERSATION_ACTIONS.reply, value!, { triggerId });
    const opened = await desk.slack.waitFor(() => desk!.slack.openedViews.find((view) => view.triggerId === triggerId));
    const typed = 'Le dimanche, non, mais le samedi de 10 h à 18 h. À bientôt !';
    await submitAnswer(desk, opened.view, typed);
    const sent = await waitForAnswer(desk, messageId, ['sent', 'failed']);
    expect(sent.status).toBe('sent');
    expect(desk.x.sentDms.filter((dm) => dm.recipientId === followerXId).map((dm) => dm.text).at(-1)).toBe(typed);

    // Their message says who answered, and offers no Reply… any more; the card's line says answered.
    await desk.slack.waitFor(() => (text(desk!.slack.message(theirs.channel, theirs.ts)!).includes('Answered by') ? true : null));
    expect(JSON.stringify(desk.slack.message(theirs.channel, theirs.ts)!.blocks)).not.toContain(CONVERSATION_ACTIONS.reply);
    // Their earlier message (the one before the welcome) is answered by it too: nothing waits any more.
    await desk.slack.waitFor(() => (/answered by/i.test(text(cardNow(desk!, card))) ? true : null));
    expect(text(cardNow(desk, card))).not.toMatch(/waiting for an answer/);

    // The next passes read our own answer among the DM events: it is not a message of theirs.
    await pass(desk);
    expect(thread(desk, card).filter((message) => message.text !== '' && JSON.stringify(message.blocks).includes(CONVERSATION_ACTIONS.reply))).toHaveLength(0);
    const before = thread(desk, card).length;
    await pass(desk);
    expect(thread(desk, card)).toHaveLength(before);
    expect(await answersTo(desk, messageId)).toHaveLength(1);
  });
});
