// Issue 13: the weekly digest links to the experiment in the app's Home tab — Slack's deep link
// slack://app?team=…&id=…&tab=home — posted weekly (team and app ids asked of Slack once) and on
// `/accueil digest` (read from the command itself).
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createDigestPublisher } from '../../src/bot/digest';
import { homeTabLink } from '../../src/bot/app-home-link';
import { digestFigures } from '../../src/db/digest-queries';
import type { XAccountRow } from '../../src/db/schema';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/slack';
import { DEFAULTS, postSlashCommand, slashCommandFields } from '../../src/sandbox/slack-request';
import { DESK_CHANNEL, SIGNING_SECRET, startTestDesk, type TestDesk } from '../helpers/desk';

const LINK = `slack://app?team=${DEFAULTS.teamId}&id=${DEFAULTS.appId}&tab=home`;

let desk: TestDesk | undefined;
let slack: FakeSlack | undefined;
afterEach(async () => {
  await desk?.stop();
  await slack?.close();
  desk = slack = undefined;
});

describe('the digest’s link to the Home tab', () => {
  it('is Slack’s deep link to the app’s Home tab', () => {
    expect(homeTabLink('T0TEAM001', 'A0APP0001')).toBe('slack://app?team=T0TEAM001&id=A0APP0001&tab=home');
  });

  it('is in the weekly digest, the team and app ids asked of Slack once', async () => {
    slack = await startFakeSlack();
    const client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl });
    const publisher = createDigestPublisher({ slack: client, lang: 'en' });
    const account = { id: 1, xUserId: '1', handle: 'maison_lumen', slackChannelId: DESK_CHANNEL } as XAccountRow;
    const figures = emptyFigures();
    for (let week = 0; week < 2; week++) await (await publisher.draw(figures)).post(account);
    const posted = slack.messagesIn(DESK_CHANNEL);
    expect(posted).toHaveLength(2);
    for (const message of posted) expect(JSON.stringify(message.blocks)).toContain(`<${LINK}|Templates and their experiment, in the app’s Home tab>`);
    expect(slack.calls.filter((c) => c.method === 'auth.test' || c.method === 'bots.info').map((c) => c.method)).toEqual(['auth.test', 'bots.info']);
  });

  it('is in `/accueil digest`, from the ids the command carries', async () => {
    desk = await startTestDesk();
    const userId = 'U0PAUL001';
    await postSlashCommand(desk.eventsUrl, SIGNING_SECRET, slashCommandFields({ command: '/accueil', text: 'digest', userId, responseUrl: desk.slack.responseUrl({ channel: DESK_CHANNEL, userId }) }));
    const answer = await desk.slack.waitFor(() => desk!.slack.ephemerals.find((e) => e.user === userId));
    expect(JSON.stringify(answer.blocks)).toContain(LINK);
  });
});

function emptyFigures(): Awaited<ReturnType<typeof digestFigures>> {
  const none = { n: 0, k: 0 };
  return {
    from: '2026-03-02T08:00:00.000Z',
    to: '2026-03-09T08:00:00.000Z',
    experimentFrom: '2026-01-12T08:00:00.000Z',
    newFollowers: 0,
    cards: 0,
    welcomed: { dm: 0, mention: 0, manual: 0 },
    skipped: 0,
    expired: 0,
    medianDecisionSeconds: null,
    replies: { welcomed: none, notWelcomed: none },
    unfollows7: { welcomed: none, notWelcomed: none },
    templates: [],
    teammates: [],
    audit: [],
    spend: [],
    trend: [],
    conversations: { received: 0, answered: 0, medianAnswerSeconds: null, waiting: 0 },
  };
}
