// Hostile input at volume: hundreds of bodies at the Slack endpoint, and followers whose every field
// is hostile, through the real bot. The short versions run in CI (test/bot/slack-endpoint.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { signSlackRequest } from '../../src/sandbox/slack-request';
import { welcomeRow } from '../helpers/wait';
import { seededRandom } from '../../src/demo/random';
import { hostileProfile, hostileSlackBodies, mrkdwnProblems } from './support/hostile';
import { record } from './support/results';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ env: { X_DM_POLICY: 'approved' } });
});
afterAll(async () => {
  await desk?.stop();
});

describe('hostile input at volume', () => {
  it('answers 400 Slack bodies below 500, unsigned ones 401, and keeps serving', async () => {
    const bodies = hostileSlackBodies(seededRandom(99), 400);
    const failures: string[] = [];
    // Ten at a time: Bolt holds bodies no listener takes for 3 seconds.
    for (let i = 0; i < bodies.length; i += 10) {
      await Promise.all(
        bodies.slice(i, i + 10).map(async (body) => {
          const response = await fetch(desk.eventsUrl, {
            method: 'POST',
            headers: { 'content-type': body.contentType, ...(body.signed ? signSlackRequest(SIGNING_SECRET, body.raw) : {}) },
            body: body.raw,
            signal: AbortSignal.timeout(15_000),
          }).catch((error: unknown) => ({ status: 0, error }));
          if (response.status === 0 || response.status >= 500 || (!body.signed && response.status !== 401)) failures.push(`${body.name}: ${response.status}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect((await fetch(`${desk.baseUrl}/healthz`)).status).toBe(200);
    expect(desk.x.sentDms.length + desk.x.posts.length).toBe(0);
    record({ scenario: 'Fuzzed Slack endpoint: malformed, mistyped, unsigned, odd unicode (400 bodies)', runs: 400, duplicates: 0, lost: failures.length });
  });

  it('renders 60 followers with hostile names, bios, locations and links without anything unescaped', async () => {
    const random = seededRandom(1234);
    const before = desk.cards().length;
    for (let i = 0; i < 60; i++) desk.x.addFollower(hostileProfile(random));
    // Not desk.poll(), which allows a poll 15 s: this one drafts and posts 60 large cards.
    await desk.bot.jobs.pollNow();
    const cards = (
      await desk.waitForCards(before + 60, 180_000).catch((error: unknown) => {
        const refused = desk.slack.calls.filter((call) => call.method === 'chat.postMessage' && !call.ok).map((call) => call.error);
        throw new Error(`${String(error)}: ${desk.cards().length - before} cards; Slack refused ${JSON.stringify(refused.slice(0, 5))}`);
      })
    ).slice(before);
    const problems = cards.flatMap((card) => mrkdwnProblems(card.blocks, { actors: [] }));
    expect(problems).toEqual([]);
    for (const card of cards) expect((await welcomeRow(desk.bot.desk.db, welcomeIdOf(card))).status).toBe('pending');
    expect(desk.slack.calls.filter((call) => call.method === 'chat.postMessage' && !call.ok)).toEqual([]);
    record({ scenario: 'Hostile follower data on cards (mrkdwn, zero-width, RTL, 10,000-char fields)', runs: 60, duplicates: 0, lost: problems.length });
  });
});
