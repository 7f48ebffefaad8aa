import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blockActionsPayload, postInteraction } from '../../src/sandbox/slack-request';
import { blockKitErrors, startFakeSlack, viewErrors, type FakeSlack } from '../../src/sandbox/slack';

const { WebClient, ErrorCode } = webApi;
type WebClient = InstanceType<typeof webApi.WebClient>;

const DESK = 'C0DESK001';

let slack: FakeSlack;
let client: WebClient;

/** The client logs Slack's "[ERROR] …" details itself; the tests assert on them instead. */
const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

function clientFor(fake: FakeSlack, token = fake.token): WebClient {
  // No retries: a failure the fake injects must reach the test, not be retried for half an hour.
  return new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
}

/** Awaits a Web API call that must fail, and gives Slack's error code. */
async function slackError(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
  } catch (e) {
    const err = e as { code?: string; data?: { error?: string } };
    if (err.code === ErrorCode.PlatformError) return err.data?.error;
    throw e;
  }
  throw new Error('the call succeeded');
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

beforeEach(async () => {
  slack = await startFakeSlack({ channelMembers: ['U0BOT0001', 'U0MARIE01', 'U0PAUL001'], usergroups: { S0DESK: ['U0MARIE01'] } });
  client = clientFor(slack);
});

afterEach(async () => {
  await slack.close();
});

describe('the fake Slack Web API', () => {
  it('listens on loopback and gives an api URL ending in /api/', () => {
    expect(slack.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('answers auth.test with the bot and the team', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, user_id: slack.botUserId, bot_id: slack.botId, team_id: slack.teamId });
  });

  it('refuses a call without a token as not_authed and a wrong token as invalid_auth', async () => {
    expect(await slackError(new WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }).auth.test())).toBe('not_authed');
    expect(await slackError(clientFor(slack, 'xoxb-wrong').auth.test())).toBe('invalid_auth');
  });

  it('stores a posted card with its blocks, decoded from the JSON string the client sends', async () => {
    const res = await client.chat.postMessage({ channel: DESK, text: 'New follower', blocks: [section('*Ada*')] });
    expect(res.ok).toBe(true);
    const [message] = slack.messagesIn(DESK);
    expect(message).toMatchObject({ ts: res.ts, text: 'New follower', blocks: [section('*Ada*')] });
  });

  it('gives each message a distinct, increasing ts', async () => {
    const first = await client.chat.postMessage({ channel: DESK, text: 'one' });
    const second = await client.chat.postMessage({ channel: DESK, text: 'two' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
  });

  it('keeps the history of a card across updates', async () => {
    const { ts } = await client.chat.postMessage({ channel: DESK, text: 'pending', blocks: [section('pending')] });
    await client.chat.update({ channel: DESK, ts: ts as string, text: 'sent', blocks: [section('sent')] });
    const message = slack.message(DESK, ts as string);
    expect(message?.text).toBe('sent');
    expect(message?.history.map((v) => v.text)).toEqual(['pending', 'sent']);
  });

  it('keeps the blocks when an update sends only text, as Slack does', async () => {
    const { ts } = await client.chat.postMessage({ channel: DESK, text: 'pending', blocks: [section('card')] });
    await client.chat.update({ channel: DESK, ts: ts as string, text: 'renamed' });
    expect(slack.message(DESK, ts as string)?.blocks).toEqual([section('card')]);
  });

  it('refuses to update a message that does not exist', async () => {
    expect(await slackError(client.chat.update({ channel: DESK, ts: '1.000001', text: 'x' }))).toBe('message_not_found');
  });

  it('refuses a message with no channel, or with neither text nor blocks', async () => {
    expect(await slackError(client.apiCall('chat.postMessage', { text: 'hi' }))).toBe('channel_not_found');
    expect(await slackError(client.apiCall('chat.postMessage', { channel: DESK }))).toBe('no_text');
  });

  it('posts to a user id in their DM channel, as Slack does', async () => {
    const res = await client.chat.postMessage({ channel: 'U0MARIE01', text: 'hello' });
    expect(res.channel).toBe('D0MARIE01');
    expect(slack.messagesIn('D0MARIE01')).toHaveLength(1);
  });

  it('refuses more than 50 blocks in a message as invalid_blocks', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    expect(await slackError(client.chat.postMessage({ channel: DESK, text: 'long', blocks }))).toBe('invalid_blocks');
    expect(slack.messagesIn(DESK)).toEqual([]);
  });

  it('refuses a section over 3,000 characters and says where, like Slack', async () => {
    const res = await client.chat.postMessage({ channel: DESK, text: 'x', blocks: [section('a'.repeat(3001))] }).catch((e: { data: unknown }) => e.data);
    expect(res).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(JSON.stringify(res)).toContain('json-pointer:/blocks/0/text/text');
  });

  it('refuses a button label over 75 characters', async () => {
    const actions = { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } }] };
    expect(await slackError(client.chat.postMessage({ channel: DESK, text: 'x', blocks: [actions] }))).toBe('invalid_blocks');
  });

  it('accepts a JSON body with a bearer token, as Slack does', async () => {
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: DESK, text: 'via json', blocks: [section('json')] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: DESK });
    expect(slack.messagesIn(DESK)[0]?.blocks).toEqual([section('json')]);
  });

  it('records ephemeral messages and permalinks', async () => {
    const { ts } = await client.chat.postMessage({ channel: DESK, text: 'card' });
    await client.chat.postEphemeral({ channel: DESK, user: 'U0MARIE01', text: 'Only you can see this' });
    const link = await client.chat.getPermalink({ channel: DESK, message_ts: ts as string });
    expect(slack.ephemerals).toMatchObject([{ channel: DESK, user: 'U0MARIE01', text: 'Only you can see this' }]);
    expect(link.permalink).toMatch(new RegExp(`/archives/${DESK}/p\\d+$`));
  });

  it('opens a modal with a trigger it issued, once, and refuses a made-up or reused trigger', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Edit welcome' }, blocks: [section('hi')] };
    const trigger = slack.triggerId();
    const res = await client.views.open({ trigger_id: trigger, view });
    expect(res.view?.id).toBe(slack.openedViews[0]?.id);
    expect(await slackError(client.views.open({ trigger_id: trigger, view }))).toBe('exchanged_trigger_id');
    expect(await slackError(client.views.open({ trigger_id: '123.456.abc', view }))).toBe('invalid_trigger_id');
  });

  it('refuses a trigger older than 3 seconds', async () => {
    const trigger = slack.triggerId();
    // The fake runs in this process, so moving the clock ages the trigger without waiting.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3100);
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Late' }, blocks: [section('hi')] };
    try {
      expect(await slackError(client.views.open({ trigger_id: trigger, view }))).toBe('expired_trigger_id');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses views.open without a trigger, and a modal title over 24 characters', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x'.repeat(25) }, blocks: [section('hi')] };
    expect(await slackError(client.apiCall('views.open', { view }))).toBe('invalid_arguments');
    expect(await slackError(client.views.open({ trigger_id: slack.triggerId(), view }))).toBe('invalid_arguments');
  });

  it('updates an opened view and keeps its history', async () => {
    const view = (text: string) => ({ type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Edit' }, blocks: [section(text)] });
    const opened = await client.views.open({ trigger_id: slack.triggerId(), view: view('first') });
    await client.views.update({ view_id: opened.view?.id as string, view: view('second') });
    expect(slack.openedViews[0]?.history.map((v) => JSON.stringify(v.blocks))).toEqual([JSON.stringify([section('first')]), JSON.stringify([section('second')])]);
    expect(await slackError(client.views.update({ view_id: 'V404', view: view('x') }))).toBe('not_found');
  });

  it('publishes a Home tab', async () => {
    await client.views.publish({ user_id: 'U0MARIE01', view: { type: 'home', blocks: [section('Your desk')] } });
    expect(slack.publishedViews).toMatchObject([{ userId: 'U0MARIE01', view: { type: 'home' } }]);
  });

  it('lists channel members page by page', async () => {
    const first = await client.conversations.members({ channel: DESK, limit: 2 });
    const second = await client.conversations.members({ channel: DESK, limit: 2, cursor: first.response_metadata?.next_cursor as string });
    expect([...(first.members ?? []), ...(second.members ?? [])]).toEqual(['U0BOT0001', 'U0MARIE01', 'U0PAUL001']);
    expect(second.response_metadata?.next_cursor).toBe('');
  });

  it('answers usergroup members and user profiles, and refuses unknown ones', async () => {
    expect((await client.usergroups.users.list({ usergroup: 'S0DESK' })).users).toEqual(['U0MARIE01']);
    expect((await client.users.info({ user: 'U0MARIE01' })).user).toMatchObject({ id: 'U0MARIE01', tz: 'Europe/Paris' });
    expect(await slackError(client.usergroups.users.list({ usergroup: 'S0NONE' }))).toBe('no_such_subteam');
    expect(await slackError(client.users.info({ user: 'U0NOBODY1' }))).toBe('user_not_found');
  });

  it('takes a file through the three steps of files.uploadV2', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await client.files.uploadV2({ channel_id: DESK, file: png, filename: 'digest.png', title: 'Weekly digest', initial_comment: 'This week' });
    expect(slack.files).toMatchObject([{ filename: 'digest.png', title: 'Weekly digest', channelId: DESK, initialComment: 'This week', completed: true }]);
    expect(slack.files[0]?.bytes?.equals(png)).toBe(true);
  });

  it('refuses to complete an upload whose bytes never arrived', async () => {
    const { file_id } = await client.files.getUploadURLExternal({ filename: 'a.png', length: 3 });
    expect(await slackError(client.files.completeUploadExternal({ files: [{ id: file_id as string }] }))).toBe('file_not_found');
  });

  it('answers unknown methods with unknown_method and records them', async () => {
    expect(await slackError(client.apiCall('chat.scheduleMessage', { channel: DESK, text: 'later', post_at: 1 }))).toBe('unknown_method');
    expect(slack.unknownCalls().map((c) => c.method)).toEqual(['chat.scheduleMessage']);
  });

  it('logs every call with its arguments and outcome', async () => {
    await client.chat.postMessage({ channel: DESK, text: 'hi' });
    expect(slack.calls).toMatchObject([{ method: 'chat.postMessage', args: { channel: DESK, text: 'hi' }, ok: true, status: 200 }]);
  });

  describe('injected failures', () => {
    it('fails the next call to a method with the given error, then recovers', async () => {
      slack.failNext('chat.update', { error: 'message_not_found' });
      const { ts } = await client.chat.postMessage({ channel: DESK, text: 'card' });
      expect(await slackError(client.chat.update({ channel: DESK, ts: ts as string, text: 'x' }))).toBe('message_not_found');
      await expect(client.chat.update({ channel: DESK, ts: ts as string, text: 'x' })).resolves.toMatchObject({ ok: true });
    });

    it('rate-limits with HTTP 429 and Retry-After', async () => {
      slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
      const limited = new WebClient(slack.token, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, logger: quiet });
      const err = (await limited.chat.postMessage({ channel: DESK, text: 'x' }).catch((e: unknown) => e)) as { code: string; retryAfter: number };
      expect(err).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    });

    it('answers a server error with the given status', async () => {
      slack.failNext('auth.test', { status: 503 }, 2);
      const err = (await client.auth.test().catch((e: unknown) => e)) as { code: string; statusCode: number };
      expect(err).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
      await expect(client.auth.test()).rejects.toMatchObject({ statusCode: 503 });
      await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    });
  });

  describe('response URLs', () => {
    it('replaces the original message when asked', async () => {
      const { ts } = await client.chat.postMessage({ channel: DESK, text: 'pending', blocks: [section('pending')] });
      const url = slack.responseUrl({ channel: DESK, messageTs: ts as string, userId: 'U0MARIE01' });
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replace_original: true, text: 'done', blocks: [section('done')] }) });
      expect(res.status).toBe(200);
      expect(slack.message(DESK, ts as string)?.blocks).toEqual([section('done')]);
      expect(slack.responses).toHaveLength(1);
    });

    it('answers ephemerally to the user by default, and stops after five uses', async () => {
      const url = slack.responseUrl({ channel: DESK, userId: 'U0MARIE01' });
      const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Only you' }) });
      for (let i = 0; i < 5; i++) expect((await post()).status).toBe(200);
      expect((await post()).status).toBe(404);
      expect(slack.ephemerals).toHaveLength(5);
    });
  });

  it('waits for a condition and says so when it never comes', async () => {
    setTimeout(() => void client.chat.postMessage({ channel: DESK, text: 'later' }), 50);
    await expect(slack.waitFor(() => slack.messagesIn(DESK)[0])).resolves.toMatchObject({ text: 'later' });
    await expect(slack.waitFor(() => slack.messagesIn('C0OTHER01')[0], 100)).rejects.toThrow(/after 100 ms/);
  });

  it('serves a Bolt app: a signed button click reaches the listener, whose update lands on the fake', async () => {
    const signingSecret = 'test-signing-secret';
    const app = new App({
      token: slack.token,
      signingSecret,
      botId: slack.botId,
      botUserId: slack.botUserId,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    app.action('welcome_skip', async ({ ack, body, client: web, respond }) => {
      await ack();
      const b = body as unknown as { container: { channel_id: string; message_ts: string } };
      await web.chat.update({ channel: b.container.channel_id, ts: b.container.message_ts, text: 'Skipped', blocks: [section('Skipped')] });
      await respond({ response_type: 'ephemeral', text: 'Done' });
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = server.address() as AddressInfo;
      const { ts } = await client.chat.postMessage({ channel: DESK, text: 'card', blocks: [section('pending')] });
      const payload = blockActionsPayload({ actionId: 'welcome_skip', value: '42', channelId: DESK, messageTs: ts as string, responseUrl: slack.responseUrl({ channel: DESK, messageTs: ts as string, userId: 'U0MARIE01' }) });
      const res = await postInteraction(`http://127.0.0.1:${port}/slack/events`, signingSecret, payload);
      expect(res.status).toBe(200);
      await slack.waitFor(() => slack.ephemerals.length === 1);
      expect(slack.message(DESK, ts as string)?.text).toBe('Skipped');

      const forged = await postInteraction(`http://127.0.0.1:${port}/slack/events`, signingSecret, payload, { forgeSignature: 'v0=deadbeef' });
      const stale = await postInteraction(`http://127.0.0.1:${port}/slack/events`, signingSecret, payload, { staleBySeconds: 600 });
      expect([forged.status, stale.status]).toEqual([401, 401]);
    } finally {
      await app.stop();
    }
  });
});

describe('the fake Block Kit check', () => {
  it('accepts a well-formed message', () => {
    expect(blockKitErrors([{ type: 'header', text: { type: 'plain_text', text: 'Hi' } }, section('hello'), { type: 'divider' }], 'message')).toEqual([]);
  });

  it('refuses a header that is not plain text, an empty text and duplicate block ids', () => {
    const errors = blockKitErrors(
      [
        { type: 'header', text: { type: 'mrkdwn', text: '*Hi*' } },
        { type: 'section', block_id: 'a', text: { type: 'mrkdwn', text: '' } },
        { type: 'section', block_id: 'a', text: { type: 'mrkdwn', text: 'x' } },
      ],
      'message',
    );
    expect(errors.join('\n')).toMatch(/\/blocks\/0\/text\/type/);
    expect(errors.join('\n')).toMatch(/\/blocks\/1\/text\/text/);
    expect(errors.join('\n')).toMatch(/block_id must be unique/);
  });

  it('allows 100 blocks in a modal, not 101, and requires submit with an input', () => {
    const modal = (n: number) => ({ type: 'modal', title: { type: 'plain_text', text: 'M' }, blocks: Array.from({ length: n }, () => ({ type: 'divider' })) });
    expect(viewErrors(modal(100), 'modal')).toEqual([]);
    expect(viewErrors(modal(101), 'modal')).toHaveLength(1);
    const input = { type: 'input', label: { type: 'plain_text', text: 'Text' }, element: { type: 'plain_text_input', action_id: 't' } };
    expect(viewErrors({ ...modal(0), blocks: [input] }, 'modal').join()).toMatch(/submit is required/);
  });
});
