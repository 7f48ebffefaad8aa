import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ids';
import { mrkdwnTexts } from '../helpers/blocks';
import { startTestDesk, SIGNING_SECRET, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { blockActionsPayload, postInteraction } from '../../src/sandbox/slack-request';
import { sleep, welcomeRow } from '../helpers/wait';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

describe('hostile input', () => {
  it('renders a follower whose bio and name try to ping, link or format harmlessly', async () => {
    desk = await startTestDesk();
    const bio = `<!channel> <!here> <@U0BOSS001> <https://evil.example|click here> *bold* _it_ ~gone~ \`code\` ${'é'.repeat(5000)}`;
    desk.x.addFollower({ name: '<!everyone> *Boss*', handle: 'sneaky', bio, location: '<https://evil.example|Paris>', url: 'https://evil.example/<script>' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    for (const text of mrkdwnTexts(card!.blocks)) {
      expect(text).not.toMatch(/<!(channel|here|everyone)/);
      expect(text).not.toContain('<https://evil.example|');
      expect(text).not.toContain('<@U0BOSS001>');
      expect(text).not.toMatch(/(^|\s)\*bold\*/);
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    // Where the bio does appear verbatim it is plain_text, which Slack never parses.
    expect(mrkdwnTexts(card!.blocks).join('\n')).not.toContain('<!channel>');
    expect(JSON.stringify(card!.blocks)).toContain('"type":"plain_text","text":"<!channel>');
    expect(desk.slack.unknownCalls()).toEqual([]);
  });

  it('answers a forged signature with 401 and changes nothing', async () => {
    desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
    desk.x.addFollower({ name: 'Tess', bio: 'Design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    const payload = blockActionsPayload({ actionId: ACTIONS.postMention, value: String(welcomeId), channelId: card!.channel, messageTs: card!.ts });
    const forged = await postInteraction(desk.eventsUrl, SIGNING_SECRET, payload, { forgeSignature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' });
    const stale = await postInteraction(desk.eventsUrl, SIGNING_SECRET, payload, { staleBySeconds: 60 * 10 });
    const wrongSecret = await postInteraction(desk.eventsUrl, 'not-the-secret', payload);
    expect([forged.status, stale.status, wrongSecret.status]).toEqual([401, 401, 401]);
    await sleep(300);
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('pending');
    expect(desk.x.posts).toHaveLength(0);
  });

  it('refuses a body over 1 MB before reading it, and keeps serving', async () => {
    desk = await startTestDesk();
    const response = await fetch(desk.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `payload=${'x'.repeat(1024 * 1024 + 10)}`,
    });
    expect(response.status).toBe(413);
    const health = await fetch(`${desk.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });
});
