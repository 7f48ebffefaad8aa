// Answering a post of theirs: a public reply threads under it on X (reply.in_reply_to_tweet_id),
// once per post; and someone who asked to stop is never offered a DM.
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_MODAL } from '../../src/bot/ids';
import { markDoNotContact } from '../../src/db/conversations';
import { welcomeRow } from '../helpers/wait';
import { startTestDesk, type TestDesk } from '../helpers/desk';
import { answersTo, openReply, submitAnswer, theyWrote, waitForAnswer, welcomedByDm } from './answer-support';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

describe('answering in public, and who gets no DM', { timeout: 120_000 }, () => {
  it('a public answer is a reply to their post, and a post gets one reply only', async () => {
    desk = await startTestDesk();
    const { welcomeId, card, followerXId } = await welcomedByDm(desk, { name: 'Camille Durand', handle: 'camille_d', bio: 'Potière.' });
    const theirPost = desk.x.mention(followerXId, 'Votre tuto émaillage m’a sauvé la semaine !');
    const incoming = await theyWrote(desk, welcomeId, { via: 'mention', xId: theirPost.id, text: theirPost.text });

    // They wrote publicly and by DM before: both ways are open, their own way first.
    const opened = await openReply(desk, card, incoming.id);
    const shown = JSON.stringify(opened.view);
    expect(shown).toContain(ANSWER_MODAL.wayBlockId);
    expect(shown).toContain('"initial_option":{"text":{"type":"plain_text","text":"Public reply to their post","emoji":true},"value":"reply"}');

    const typed = 'Ravis qu’il vous ait servi, Camille ! La suite arrive jeudi.';
    const postsBefore = desk.x.posts.length;
    await submitAnswer(desk, opened.view, typed, { via: 'reply' });
    const sent = await waitForAnswer(desk, incoming.id, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', via: 'reply', inReplyToXId: theirPost.id });
    expect(desk.x.posts.slice(postsBefore)).toEqual([expect.objectContaining({ text: typed, inReplyToId: theirPost.id })]);
    expect(sent.xId).toBe(desk.x.posts.at(-1)!.id);

    // A second Reply… on the same post no longer offers a public reply; a forged submission is refused.
    const again = await openReply(desk, card, incoming.id);
    expect(JSON.stringify(again.view)).not.toContain(ANSWER_MODAL.wayBlockId);
    expect(JSON.stringify(again.view)).toContain('already replied to that post');
    const forged = await submitAnswer(desk, opened.view, 'Et encore merci !', { via: 'reply' });
    expect(forged.json).toMatchObject({ response_action: 'errors' });
    expect(desk.x.posts.slice(postsBefore)).toHaveLength(1);
    expect(await answersTo(desk, incoming.id)).toHaveLength(1);
  });

  it('a do-not-contact follower is offered no DM, and a DM answer to them is refused', async () => {
    desk = await startTestDesk();
    const { welcomeId, card, followerXId } = await welcomedByDm(desk, { name: 'Bruno Petit', handle: 'bruno_p' });
    const dm = desk.x.writeDm(followerXId, 'STOP');
    const theirDm = await theyWrote(desk, welcomeId, { via: 'dm', xId: dm.id, text: dm.text });
    const welcome = await welcomeRow(desk.bot.desk.db, welcomeId);
    await markDoNotContact(desk.bot.desk.db, welcome.followerId, 'STOP', new Date());

    // Their DM: no way at all to answer it, and the modal says why, with nothing to submit.
    const toDm = await openReply(desk, card, theirDm.id);
    expect(JSON.stringify(toDm.view)).not.toContain(ANSWER_MODAL.textBlockId);
    expect(toDm.view.submit).toBeUndefined();
    expect(JSON.stringify(toDm.view)).toContain('asked not to be contacted');

    // A post of theirs: only the public reply.
    const post = desk.x.mention(followerXId, 'Bon, finalement votre dernier article était bien.');
    const theirPost = await theyWrote(desk, welcomeId, { via: 'mention', xId: post.id, text: post.text });
    const toPost = await openReply(desk, card, theirPost.id);
    expect(JSON.stringify(toPost.view)).not.toContain(ANSWER_MODAL.wayBlockId);
    expect(JSON.parse(String(toPost.view.private_metadata))).toMatchObject({ via: 'reply' });
    expect(JSON.stringify(toPost.view)).toContain('asked not to be contacted');

    // A submission forged to answer by DM anyway is refused on the field; nothing reaches X.
    const dmsBefore = desk.x.sentDms.length;
    const forged = await submitAnswer(desk, { private_metadata: JSON.stringify({ messageId: theirPost.id, welcomeId, via: 'dm', warned: null }) }, 'Merci Bruno !');
    expect(forged.json).toMatchObject({ response_action: 'errors', errors: { [ANSWER_MODAL.textBlockId]: expect.stringContaining('asked not to be contacted') } });
    expect(await answersTo(desk, theirPost.id)).toEqual([]);
    expect(desk.x.sentDms).toHaveLength(dmsBefore);
  });
});
