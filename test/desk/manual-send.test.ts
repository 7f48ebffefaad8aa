import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ids';
import { startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { sleep, waitForWelcome } from '../helpers/wait';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

describe('manual send, for teams without X write access', () => {
  it('approving gives an “Open in X” link with the text; “Mark as sent” records it; the bot itself sends nothing', async () => {
    desk = await startTestDesk({ env: { X_SEND_MODE: 'manual' } });
    desk.x.addFollower({ name: 'Paula', bio: 'Design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    await desk.click(card!, ACTIONS.postMention, { userId: 'U0ANNE001' });
    const approved = await desk.slack.waitFor(() => {
      const current = desk!.slack.message(card!.channel, card!.ts)!;
      return JSON.stringify(current.blocks).includes(ACTIONS.markSent) ? current : null;
    });
    const blocks = JSON.stringify(approved.blocks);
    expect(blocks).toContain('https://x.com/intent/post?text=');
    expect(blocks).not.toContain(ACTIONS.sendDm);

    await desk.click(approved, ACTIONS.markSent, { userId: 'U0ANNE001' });
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent']);
    expect(sent.decidedBy).toBe('U0ANNE001');
    await sleep(200);
    expect(desk.x.posts).toHaveLength(0);
    expect(desk.x.sentDms).toHaveLength(0);
  });
});

describe('health', () => {
  it('answers /healthz with 200 once the database, the jobs and Slack are ready, and exposes /metrics', async () => {
    desk = await startTestDesk();
    const health = await fetch(`${desk.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: true, jobs: true, slack: true });
    desk.x.addFollower({ name: 'Nora', bio: 'Céramique et design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    await desk.click(card!, ACTIONS.skip);
    await waitForWelcome(desk.bot.desk.db, welcomeIdOf(card!), ['skipped']);
    const metrics = await (await fetch(`${desk.baseUrl}/metrics`)).text();
    expect(metrics).toContain('process_resident_memory_bytes');
    expect(metrics).toContain('accueil_welcomes{status="skipped"} 1');
    expect(metrics).toMatch(/accueil_welcome_events_total\{type="skipped"\} 1/);
    expect(metrics).toMatch(/accueil_x_calls_total\{category="owned-follower-read"\} [1-9]/);
    expect(metrics).toMatch(/accueil_slack_ack_seconds_count [1-9]/);
  });
});
