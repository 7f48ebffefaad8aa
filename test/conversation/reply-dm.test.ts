// Answering a follower's DM from the card's thread: Reply… opens a modal quoting them, the typed
// text is audited, and exactly one DM leaves, whatever Slack sends us twice or three times.
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_MODAL, CONVERSATION_ACTIONS } from '../../src/bot/ids';
import { setShowDmText } from '../../src/db/conversations';
import { listWelcomeEvents } from '../../src/db/welcomes';
import { startTestDesk, type TestDesk } from '../helpers/desk';
import { mrkdwnTexts } from '../helpers/blocks';
import { waitUntil } from '../helpers/wait';
import { answersTo, clickInThread, messageRow, openReply, submitAnswer, theyWrote, threadOf, waitForAnswer, welcomedByDm } from './answer-support';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

const dmsTo = (d: TestDesk, xUserId: string) => d.x.sentDms.filter((dm) => dm.recipientId === xUserId);

describe('answering a DM from the card’s thread', { timeout: 120_000 }, () => {
  it('Reply… sends exactly one DM with the text typed, even on three simultaneous submits', async () => {
    desk = await startTestDesk();
    const { welcomeId, card, followerXId } = await welcomedByDm(desk, { name: 'Léa Martin', handle: 'lea_m', bio: 'Céramiste à Lyon.' });
    const theirs = desk.x.writeDm(followerXId, 'Merci ! Vous faites des ateliers le samedi ?');
    const incoming = await theyWrote(desk, welcomeId, { via: 'dm', xId: theirs.id, text: theirs.text });

    const opened = await openReply(desk, card, incoming.id);
    const shown = JSON.stringify(opened.view);
    expect(shown).toContain('des ateliers le samedi');
    // Their message was a DM: the only way is a DM, said in one line, without a choice to make.
    expect(shown).not.toContain(ANSWER_MODAL.wayBlockId);
    expect(JSON.parse(String(opened.view.private_metadata))).toMatchObject({ messageId: incoming.id, welcomeId, via: 'dm' });

    const typed = 'Oui, chaque samedi à 10 h : il reste deux places pour le prochain.';
    const submits = await Promise.all([1, 2, 3].map(() => submitAnswer(desk!, opened.view, typed)));
    expect(submits.map((response) => response.status)).toEqual([200, 200, 200]);

    const sent = await waitForAnswer(desk, incoming.id, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', via: 'dm', text: typed, writtenBy: 'U0MARIE01', approvedBy: 'U0MARIE01' });
    expect(await answersTo(desk, incoming.id)).toHaveLength(1);
    // The welcome, then the one answer.
    expect(dmsTo(desk, followerXId).map((dm) => dm.text)).toEqual([expect.any(String), typed]);
    expect(sent.xId).toBe(dmsTo(desk, followerXId)[1]!.id);

    // Their message is answered, by whoever typed it; the card's log has every step.
    expect(await messageRow(desk, incoming.id)).toMatchObject({ handled: 'answered', handledBy: 'U0MARIE01' });
    const events = (await listWelcomeEvents(desk.bot.desk.db, welcomeId)).map((event) => event.type);
    expect(events).toEqual(expect.arrayContaining(['answer-written', 'answer-approved', 'answer-sending', 'answer-sent']));
    expect(events.filter((type) => type === 'answer-written')).toHaveLength(1);

    // The answer is in the thread, ending as sent with its link on X.
    const answerInThread = () => threadOf(desk!, card).filter((message) => JSON.stringify(message.blocks).includes('il reste deux places'));
    const inThread = await desk.slack.waitFor(() => answerInThread().find((message) => JSON.stringify(message.blocks).includes('x.com/messages/')));
    expect(JSON.stringify(inThread.blocks)).toContain('Sent.');
    expect(answerInThread()).toHaveLength(1);
    // Their message in the thread says who answered it.
    await desk.slack.waitFor(() => threadOf(desk!, card).find((message) => message.ts === incoming.slackTs && JSON.stringify(message.blocks).includes('Answered by <@U0MARIE01>')));
  });

  it('quotes a hostile message harmlessly in the modal', async () => {
    desk = await startTestDesk();
    const { welcomeId, card, followerXId } = await welcomedByDm(desk, { name: 'Rita', handle: 'rita_h' });
    const hostile = `<!channel> *urgent* <https://evil.example|your bank> ${'x'.repeat(10_000)}`;
    const theirs = desk.x.writeDm(followerXId, hostile);
    const incoming = await theyWrote(desk, welcomeId, { via: 'dm', xId: theirs.id, text: hostile });
    const opened = await openReply(desk, card, incoming.id);
    const texts = mrkdwnTexts(opened.view.blocks).join('\n');
    expect(texts).not.toContain('<!channel>');
    expect(texts).not.toContain('<https://evil.example');
    expect(texts).toContain('&lt;!channel');
    // 10,000 characters are cut to what a modal section holds.
    expect(Math.max(...mrkdwnTexts(opened.view.blocks).map((text) => text.length))).toBeLessThanOrEqual(3000);
  });

  it('an answer with an error-level finding cannot be sent; warnings are shown in the modal before it goes', async () => {
    desk = await startTestDesk();
    const { welcomeId, card, followerXId } = await welcomedByDm(desk, { name: 'Paul Roy', handle: 'paul_r' });
    const theirs = desk.x.writeDm(followerXId, 'Hello, do you ship abroad?');
    const incoming = await theyWrote(desk, welcomeId, { via: 'dm', xId: theirs.id, text: theirs.text });
    const opened = await openReply(desk, card, incoming.id);

    const refused = await submitAnswer(desk, opened.view, 'Yes! Follow us on Instagram and TikTok for the shipping news.');
    expect(refused.json).toMatchObject({ response_action: 'errors', errors: { [ANSWER_MODAL.textBlockId]: expect.stringContaining('no-social-redirect') } });
    expect(await answersTo(desk, incoming.id)).toEqual([]);

    // A long answer only warns: the modal stays, now showing the warning and "Send anyway".
    const long = `Yes, we ship to most countries. ${'Each parcel is packed by hand in our workshop and insured until it reaches you. '.repeat(7)}`.trim();
    const warned = await submitAnswer(desk, opened.view, long);
    const updated = warned.json as { response_action: string; view: Record<string, unknown> };
    expect(updated.response_action).toBe('update');
    expect(JSON.stringify(updated.view)).toContain('too-long');
    expect(JSON.stringify(updated.view)).toContain('Send anyway');
    expect(await answersTo(desk, incoming.id)).toEqual([]);

    const sentAnyway = await submitAnswer(desk, updated.view, long);
    expect(sentAnyway.json).toBeUndefined();
    const sent = await waitForAnswer(desk, incoming.id, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', text: long });
    expect(dmsTo(desk, followerXId).map((dm) => dm.text)).toContain(long);
    expect(dmsTo(desk, followerXId).map((dm) => dm.text).join('\n')).not.toContain('Instagram');
  });

  it('under FOUR_EYES the writer cannot approve their own answer; a second teammate can', async () => {
    desk = await startTestDesk({ env: { FOUR_EYES: 'true' } });
    const { welcomeId, card, followerXId } = await welcomedByDm(desk, { name: 'Inès', handle: 'ines_r' });
    const theirs = desk.x.writeDm(followerXId, 'Merci pour l’accueil !');
    await setShowDmText(desk.bot.desk.db, desk.bot.accountId, false);
    const incoming = await theyWrote(desk, welcomeId, { via: 'dm', xId: theirs.id, text: theirs.text });
    const opened = await openReply(desk, card, incoming.id);
    expect(JSON.stringify(opened.view)).toContain('Submit for approval');

    const typed = 'Avec plaisir, Inès : à bientôt à l’atelier.';
    await submitAnswer(desk, opened.view, typed);
    const pending = await waitForAnswer(desk, incoming.id, ['pending']);
    const waiting = await desk.slack.waitFor(() => threadOf(desk!, card).find((message) => JSON.stringify(message.blocks).includes(CONVERSATION_ACTIONS.approveAnswer)));

    // The writer's own click is refused, privately, and logged.
    await clickInThread(desk, waiting, CONVERSATION_ACTIONS.approveAnswer, `a:${pending.id}`);
    await desk.slack.waitFor(() => desk!.slack.responses.find((response) => /another teammate approves it/.test(String(response.body.text))));
    expect((await answersTo(desk, incoming.id))[0]!.status).toBe('pending');
    expect((await listWelcomeEvents(desk.bot.desk.db, welcomeId)).map((event) => event.type)).toContain('answer-refused');

    await clickInThread(desk, waiting, CONVERSATION_ACTIONS.approveAnswer, `a:${pending.id}`, { userId: 'U0PAUL001' });
    const sent = await waitForAnswer(desk, incoming.id, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', writtenBy: 'U0MARIE01', approvedBy: 'U0PAUL001' });
    expect(dmsTo(desk, followerXId).filter((dm) => dm.text === typed)).toHaveLength(1);

    // With DM text kept out of the channel, the approver read it while it waited; once sent it is hidden.
    expect(JSON.stringify(waiting.history[0]!.blocks)).toContain('à bientôt à l’atelier');
    await desk.slack.waitFor(() => (JSON.stringify(desk!.slack.message(waiting.channel, waiting.ts)!.blocks).includes('x.com/messages/') ? true : null));
    expect(JSON.stringify(desk.slack.message(waiting.channel, waiting.ts)!.blocks)).not.toContain('à bientôt à l’atelier');
  });

  it('no answer needed marks the message handled, with who, and the thread says so', async () => {
    desk = await startTestDesk();
    const { welcomeId, card, followerXId } = await welcomedByDm(desk, { name: 'Sam Lee', handle: 'sam_l' });
    const theirs = desk.x.writeDm(followerXId, 'Thanks!');
    const incoming = await theyWrote(desk, welcomeId, { via: 'dm', xId: theirs.id, text: theirs.text });

    await clickInThread(desk, card, CONVERSATION_ACTIONS.noAnswer, `m:${incoming.id}`, { userId: 'U0ANNE001' });
    const handled = await waitUntil(async () => {
      const row = await messageRow(desk!, incoming.id);
      return row.handled ? row : null;
    });
    expect(handled).toMatchObject({ handled: 'no-answer-needed', handledBy: 'U0ANNE001' });
    const events = await listWelcomeEvents(desk.bot.desk.db, welcomeId);
    expect(events.find((event) => event.type === 'no-answer-needed')).toMatchObject({ actor: 'U0ANNE001', detail: { messageId: incoming.id } });
    // Their message in the thread now says so, and offers no more buttons.
    const inThread = await desk.slack.waitFor(() => threadOf(desk!, card).find((message) => message.ts === handled.slackTs && JSON.stringify(message.blocks).includes('No answer needed — <@U0ANNE001>')));
    expect(JSON.stringify(inThread.blocks)).not.toContain(CONVERSATION_ACTIONS.reply);

    // A second teammate's click changes nothing and says who decided.
    await clickInThread(desk, card, CONVERSATION_ACTIONS.noAnswer, `m:${incoming.id}`, { userId: 'U0PAUL001' });
    await desk.slack.waitFor(() => desk!.slack.responses.find((response) => /Marked as needing no answer by <@U0ANNE001>/.test(String(response.body.text))));
    expect((await messageRow(desk, incoming.id)).handledBy).toBe('U0ANNE001');
  });
});
