import { afterEach, describe, expect, it } from 'vitest';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { postSlashCommand, slashCommandFields } from '../../src/sandbox/slack-request';
import { DESK_CHANNEL, SIGNING_SECRET, startTestDesk, type TestDesk } from '../helpers/desk';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

describe('/accueil digest', () => {
  it('shows this week’s digest privately to whoever asks, and posts nothing in the channel', async () => {
    desk = await startTestDesk();
    desk.x.addFollower({ name: 'Camille', bio: 'Céramiste.' });
    await desk.poll();
    await desk.waitForCards(1);
    const userId = 'U0PAUL001';
    const response = await postSlashCommand(
      desk.eventsUrl,
      SIGNING_SECRET,
      slashCommandFields({ command: '/accueil', text: 'digest', userId, responseUrl: desk.slack.responseUrl({ channel: DESK_CHANNEL, userId }) }),
    );
    expect(response.status).toBe(200);
    const answer = await desk.slack.waitFor(() => desk!.slack.ephemerals.find((e) => e.user === userId));
    const text = renderBlocksAsText(answer.blocks as never);
    expect(text).toContain('Weekly digest');
    expect(text).toContain('New followers: 1');
    expect(text).toContain('Cards: 1');
    expect(desk.cards()).toHaveLength(1);
    expect(desk.slack.files).toEqual([]);
  });

  it('answers anything else with how to use it', async () => {
    desk = await startTestDesk();
    const userId = 'U0PAUL001';
    await postSlashCommand(
      desk.eventsUrl,
      SIGNING_SECRET,
      slashCommandFields({ command: '/accueil', text: 'help', userId, responseUrl: desk.slack.responseUrl({ channel: DESK_CHANNEL, userId }) }),
    );
    const answer = await desk.slack.waitFor(() => desk!.slack.ephemerals.find((e) => e.user === userId));
    expect(answer.text).toContain('/accueil digest');
  });
});
