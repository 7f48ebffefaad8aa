// The real bot in Socket Mode (SLACK_APP_TOKEN set), talking to the fake Slack's Socket Mode side
// over a real WebSocket: clicks, slash commands and events arrive as envelopes, the bot acks them
// by envelope_id, and /healthz follows the connection.
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ids';
import { blockActionsPayload, DEFAULTS, eventEnvelope, slashCommandFields } from '../../src/sandbox/slack-request';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { DESK_CHANNEL, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { waitForWelcome } from '../helpers/wait';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

// Under load a pong can be late; two seconds keeps the client's own liveness check from firing spuriously.
const RECONNECT_BASE_MS = 2_000;

async function healthz(d: TestDesk): Promise<{ code: number; body: Record<string, unknown> }> {
  const response = await fetch(`${d.baseUrl}/healthz`);
  return { code: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function healthBecomes(d: TestDesk, predicate: (h: { code: number; body: Record<string, unknown> }) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await healthz(d);
    if (predicate(h)) return h;
    if (Date.now() > deadline) throw new Error(`/healthz still ${JSON.stringify(h)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function socketDesk(extra: { appToken?: string; socketGraceMs?: number } = {}) {
  return startTestDesk({
    env: { SLACK_APP_TOKEN: extra.appToken ?? 'xapp-1-A0APP0001-1-fake-app-token' },
    bot: { socketReconnectBaseMs: RECONNECT_BASE_MS, socketGraceMs: extra.socketGraceMs ?? 60_000 },
  });
}

describe('Socket Mode', { timeout: 90_000 }, () => {
  it('takes a click, a slash command and events over the socket, once each, and survives a refresh', async () => {
    desk = await socketDesk();
    const { slack, x } = desk;
    await slack.socket.waitForConnection();
    expect(await healthBecomes(desk, (h) => h.body.status === 'ok')).toMatchObject({ code: 200, body: { socket: true } });

    // A click: a follower who wrote first gets one DM when a teammate approves it, however often Slack delivers the click.
    const follower = x.addFollower({ name: 'Léa Martin', bio: 'Designer, amoureuse de la céramique.' });
    x.writeDm(follower.xUserId, 'Bonjour, j’adore vos vases !');
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    const click = blockActionsPayload({
      actionId: ACTIONS.sendDm,
      value: String(welcomeId),
      channelId: card!.channel,
      messageTs: card!.ts,
      responseUrl: slack.responseUrl({ channel: card!.channel, messageTs: card!.ts, userId: DEFAULTS.userId }),
      message: { text: card!.text, blocks: card!.blocks },
    });
    const acked = await slack.socket.deliver('interactive', click);
    expect(acked.payload).toBeUndefined();
    const sent = await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent', 'failed']);
    expect(sent).toMatchObject({ status: 'sent', decidedBy: DEFAULTS.userId });
    await slack.socket.deliver('interactive', click);
    await slack.waitFor(() => slack.responses.some((r) => /Already decided/.test(String(r.body.text ?? ''))));
    expect(x.sentDms.map((dm) => dm.recipientId)).toEqual([follower.xUserId]);

    // A slash command: acked at once, answered privately on its response_url.
    const responseUrl = slack.responseUrl({ channel: DESK_CHANNEL, userId: 'U0AUDIT01' });
    const command = slashCommandFields({ command: '/audit-dm', text: 'BUY NOW at https://bit.ly/promo', userId: 'U0AUDIT01', responseUrl });
    await slack.socket.deliver('slash_commands', command);
    const reply = await slack.waitFor(() => slack.responses.find((r) => responseUrl.endsWith(r.id)));
    expect(reply.body.response_type).toBe('ephemeral');
    expect(renderBlocksAsText((reply.body.blocks ?? []) as never[])).toContain('sales-pitch');

    // An event, then Slack redelivering it (same event_id, retry_attempt 1): the Home tab is published once.
    const homeOpened = eventEnvelope({ type: 'app_home_opened', user: 'U0PAUL001', channel: 'D0PAUL001', tab: 'home', event_ts: '1.0' });
    await slack.socket.deliver('events_api', homeOpened);
    await slack.waitFor(() => slack.publishedViews.some((v) => v.userId === 'U0PAUL001'));
    await slack.socket.deliver('events_api', homeOpened, { retryAttempt: 1, retryReason: 'timeout' });
    // A later, different event shows the redelivery has been through the bot by the time we look.
    await slack.socket.deliver('events_api', eventEnvelope({ type: 'app_home_opened', user: 'U0ANNE001', channel: 'D0ANNE001', tab: 'home', event_ts: '2.0' }));
    await slack.waitFor(() => slack.publishedViews.some((v) => v.userId === 'U0ANNE001'));
    expect(slack.publishedViews.filter((v) => v.userId === 'U0PAUL001')).toHaveLength(1);

    // Slack asks for a refresh; apps.connections.open fails once meanwhile. /healthz names the
    // socket while it is down, and the bot reconnects by itself.
    slack.failNext('apps.connections.open', { error: 'internal_error' });
    slack.socket.refresh();
    expect(await healthBecomes(desk, (h) => h.body.status === 'degraded')).toMatchObject({ code: 200, body: { socket: false, down: ['socket'] } });
    await slack.socket.waitForConnection(2, 30_000);
    expect(await healthBecomes(desk, (h) => h.body.status === 'ok')).toMatchObject({ code: 200, body: { socket: true } });
    expect(slack.calls.filter((c) => c.method === 'apps.connections.open').map((c) => c.ok)).toEqual([true, false, true]);

    // After the reconnection the desk still listens.
    await slack.socket.deliver('events_api', eventEnvelope({ type: 'app_home_opened', user: 'U0BRUNO01', channel: 'D0BRUNO01', tab: 'home', event_ts: '3.0' }));
    await slack.waitFor(() => slack.publishedViews.some((v) => v.userId === 'U0BRUNO01'));
    expect(slack.socket.strayFrames).toEqual([]);
    expect(slack.unknownCalls()).toEqual([]);
  });

  it('reports the socket degraded while it has never connected, then 503 once the grace period has passed', async () => {
    // Slack refuses this app token: the client never gets a socket.
    desk = await socketDesk({ appToken: 'xapp-1-A0APP0001-1-revoked', socketGraceMs: 1_500 });
    const early = await healthz(desk);
    expect(early).toMatchObject({ code: 200, body: { status: 'degraded', socket: false, down: ['socket'] } });
    expect(await healthBecomes(desk, (h) => h.code === 503)).toMatchObject({ body: { status: 'degraded', socket: false, socketTimedOut: true } });
    expect(desk.slack.socket.connectionCount()).toBe(0);
    expect(desk.slack.calls.find((c) => c.method === 'apps.connections.open')).toMatchObject({ ok: false, error: 'invalid_auth' });
  });
});
