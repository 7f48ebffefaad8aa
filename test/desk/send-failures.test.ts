import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ids';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { waitForWelcome } from '../helpers/wait';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

describe('when X refuses or fails', () => {
  it('puts X’s reason for a refused DM on the card, and a Retry that sends once it works', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    desk.x.addFollower({ name: 'Sacha', bio: 'Céramique.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    desk.x.failNext({ method: 'POST', path: '/2/dm_conversations/with/:id/messages' }, { status: 403, body: { title: 'Forbidden', detail: 'Forbidden', type: 'about:blank', status: 403 } });
    await desk.click(card!, ACTIONS.sendDm);
    const failed = await waitForWelcome(desk.bot.desk.db, welcomeId, ['failed', 'sent']);
    expect(failed.status).toBe('failed');
    expect(failed).toMatchObject({ errorKind: 'dm-refused', errorDetail: null });

    const updated = await desk.slack.waitFor(() => {
      const current = desk!.slack.message(card!.channel, card!.ts)!;
      return JSON.stringify(current.blocks).includes(ACTIONS.retry) ? current : null;
    });
    expect(renderBlocksAsText(updated.blocks as never)).toMatch(/does not accept direct messages/);

    await desk.click(updated, ACTIONS.retry);
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent']);
    expect(sent.xDmEventId).toBeTruthy();
    expect(desk.x.sentDms).toHaveLength(1);
  });

  it('waits out X’s rate limit until its reset time instead of retrying blindly', async () => {
    desk = await startTestDesk();
    desk.x.addFollower({ name: 'Rémi', bio: 'Design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    const reset = Math.floor(Date.now() / 1000) + 2;
    desk.x.failNext({ method: 'POST', path: '/2/tweets' }, { status: 429, body: { title: 'Too Many Requests', status: 429 }, headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' } });
    await desk.click(card!, ACTIONS.postMention);
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed'], 20_000);
    expect(sent.status).toBe('sent');
    expect(sent.sentAt!.getTime()).toBeGreaterThanOrEqual(reset * 1000);
    const attempts = desk.x.requests.filter((request) => request.method === 'POST' && request.path === '/2/tweets');
    expect(attempts).toHaveLength(2);
  });
});
