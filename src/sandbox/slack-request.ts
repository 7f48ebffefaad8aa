// How tests talk to the bot exactly as Slack does: signed HTTP requests to its events URL,
// with payloads shaped like Slack's own (block_actions, view_submission, slash commands,
// message shortcuts, Events API envelopes).
import { createHmac, randomBytes } from 'node:crypto';

export interface SignedHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Slack's v0 signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function signSlackRequest(signingSecret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): SignedHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}

export interface SendOptions {
  /** Sign with this instead of the right signature, to check forged requests are refused. */
  forgeSignature?: string;
  /** Sign with a timestamp this many seconds old (Bolt refuses over 5 minutes). */
  staleBySeconds?: number;
  /** Slack's retry headers, as on a redelivered event. */
  retryNum?: number;
  retryReason?: string;
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  headers: Record<string, string>;
}

async function sendSigned(
  url: string,
  signingSecret: string,
  rawBody: string,
  contentType: string,
  opts: SendOptions = {},
): Promise<SlackHttpResponse> {
  const timestamp = Math.floor(Date.now() / 1000) - (opts.staleBySeconds ?? 0);
  const signed = signSlackRequest(signingSecret, rawBody, timestamp);
  const headers: Record<string, string> = { 'content-type': contentType, ...signed };
  if (opts.forgeSignature !== undefined) headers['x-slack-signature'] = opts.forgeSignature;
  if (opts.retryNum !== undefined) headers['x-slack-retry-num'] = String(opts.retryNum);
  if (opts.retryReason !== undefined) headers['x-slack-retry-reason'] = opts.retryReason;
  const res = await fetch(url, { method: 'POST', headers, body: rawBody });
  const body = await res.text();
  let json: unknown;
  try {
    json = body === '' ? undefined : JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: res.status, body, json, headers: Object.fromEntries(res.headers) };
}

/** An interaction (button, modal, shortcut) as Slack posts it: form-encoded, one `payload` field of JSON. */
export function postInteraction(eventsUrl: string, signingSecret: string, payload: object, opts?: SendOptions): Promise<SlackHttpResponse> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return sendSigned(eventsUrl, signingSecret, body, 'application/x-www-form-urlencoded', opts);
}

/** A slash command as Slack posts it: form-encoded fields. */
export function postSlashCommand(
  eventsUrl: string,
  signingSecret: string,
  fields: Record<string, string>,
  opts?: SendOptions,
): Promise<SlackHttpResponse> {
  return sendSigned(eventsUrl, signingSecret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
}

/** An Events API delivery as Slack posts it: a JSON envelope. */
export function postEvent(eventsUrl: string, signingSecret: string, envelope: object, opts?: SendOptions): Promise<SlackHttpResponse> {
  return sendSigned(eventsUrl, signingSecret, JSON.stringify(envelope), 'application/json', opts);
}

// ─── Payloads ──────────────────────────────────────────────────────────────────────────────

export const DEFAULTS = {
  teamId: 'T0TEAM001',
  teamDomain: 'accueil-fake',
  appId: 'A0APP0001',
  botUserId: 'U0BOT0001',
  botId: 'B0BOT0001',
  userId: 'U0MARIE01',
  userName: 'marie',
  channelId: 'C0DESK001',
  channelName: 'accueil-desk',
  /** The deprecated verification token Slack still sends in payloads; Bolt ignores it. */
  verificationToken: 'fake-verification-token',
} as const;

/** A trigger id in Slack's shape. Use the fake's `triggerId()` when the listener opens a modal. */
export function fakeTriggerId(): string {
  return `${Date.now()}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString('hex')}`;
}

function actionTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

function user(userId: string, teamId: string) {
  return { id: userId, username: userId === DEFAULTS.userId ? DEFAULTS.userName : userId.toLowerCase(), name: userId === DEFAULTS.userId ? DEFAULTS.userName : userId.toLowerCase(), team_id: teamId };
}

export interface BlockActionsOptions {
  actionId: string;
  value?: string;
  userId?: string;
  channelId?: string;
  messageTs?: string;
  responseUrl?: string;
  triggerId?: string;
  teamId?: string;
  blockId?: string;
  /** The button's label as Slack echoes it. */
  text?: string;
  /** The card the button sits on, as Slack echoes it in `message`. */
  message?: { text?: string; blocks?: unknown[] };
  /** A link button: Slack still sends block_actions, with the url. */
  url?: string;
}

/** A button click on a message, shaped like Slack's block_actions payload. */
export function blockActionsPayload(o: BlockActionsOptions) {
  const teamId = o.teamId ?? DEFAULTS.teamId;
  const channelId = o.channelId ?? DEFAULTS.channelId;
  const messageTs = o.messageTs ?? '1700000000.000100';
  const action: Record<string, unknown> = {
    type: 'button',
    action_id: o.actionId,
    block_id: o.blockId ?? 'welcome_card_actions',
    text: { type: 'plain_text', text: o.text ?? o.actionId, emoji: true },
    action_ts: actionTs(),
  };
  if (o.value !== undefined) action.value = o.value;
  if (o.url !== undefined) action.url = o.url;
  return {
    type: 'block_actions',
    user: user(o.userId ?? DEFAULTS.userId, teamId),
    api_app_id: DEFAULTS.appId,
    token: DEFAULTS.verificationToken,
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: o.triggerId ?? fakeTriggerId(),
    team: { id: teamId, domain: DEFAULTS.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: DEFAULTS.channelName },
    message: {
      type: 'message',
      subtype: 'bot_message',
      user: DEFAULTS.botUserId,
      bot_id: DEFAULTS.botId,
      app_id: DEFAULTS.appId,
      team: teamId,
      ts: messageTs,
      text: o.message?.text ?? '',
      blocks: o.message?.blocks ?? [],
    },
    state: { values: {} },
    response_url: o.responseUrl ?? `https://hooks.slack.com/actions/${teamId}/1/${randomBytes(12).toString('hex')}`,
    actions: [action],
  };
}

/** A value in a submitted view: a string for a text input, or the raw state object for other elements. */
export type ViewValue = string | null | Record<string, unknown>;

export interface ViewSubmissionOptions {
  callbackId: string;
  privateMetadata?: string;
  /** block_id → action_id → value. */
  values?: Record<string, Record<string, ViewValue>>;
  userId?: string;
  teamId?: string;
  viewId?: string;
  triggerId?: string;
}

/** A modal submitted, shaped like Slack's view_submission payload. */
export function viewSubmissionPayload(o: ViewSubmissionOptions) {
  const teamId = o.teamId ?? DEFAULTS.teamId;
  const viewId = o.viewId ?? 'V0VIEW0001';
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [blockId, actions] of Object.entries(o.values ?? {})) {
    values[blockId] = {};
    for (const [actionId, value] of Object.entries(actions)) {
      values[blockId][actionId] = typeof value === 'object' && value !== null ? value : { type: 'plain_text_input', value };
    }
  }
  return {
    type: 'view_submission',
    team: { id: teamId, domain: DEFAULTS.teamDomain },
    user: user(o.userId ?? DEFAULTS.userId, teamId),
    api_app_id: DEFAULTS.appId,
    token: DEFAULTS.verificationToken,
    trigger_id: o.triggerId ?? fakeTriggerId(),
    view: {
      id: viewId,
      team_id: teamId,
      type: 'modal',
      blocks: [],
      private_metadata: o.privateMetadata ?? '',
      callback_id: o.callbackId,
      state: { values },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      title: { type: 'plain_text', text: 'Modal', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: null,
      root_view_id: viewId,
      app_id: DEFAULTS.appId,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: DEFAULTS.botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export interface SlashCommandOptions {
  command: string;
  text?: string;
  userId?: string;
  channelId?: string;
  responseUrl?: string;
  triggerId?: string;
  teamId?: string;
}

/** A slash command's form fields, as Slack posts them. */
export function slashCommandFields(o: SlashCommandOptions): Record<string, string> {
  const teamId = o.teamId ?? DEFAULTS.teamId;
  const userId = o.userId ?? DEFAULTS.userId;
  return {
    token: DEFAULTS.verificationToken,
    team_id: teamId,
    team_domain: DEFAULTS.teamDomain,
    channel_id: o.channelId ?? DEFAULTS.channelId,
    channel_name: DEFAULTS.channelName,
    user_id: userId,
    user_name: userId === DEFAULTS.userId ? DEFAULTS.userName : userId.toLowerCase(),
    command: o.command,
    text: o.text ?? '',
    api_app_id: DEFAULTS.appId,
    is_enterprise_install: 'false',
    response_url: o.responseUrl ?? `https://hooks.slack.com/commands/${teamId}/1/${randomBytes(12).toString('hex')}`,
    trigger_id: o.triggerId ?? fakeTriggerId(),
  };
}

export interface MessageShortcutOptions {
  callbackId: string;
  messageText: string;
  /** The message's blocks and legacy attachments, as Slack sends them with the shortcut. */
  messageBlocks?: unknown[];
  messageAttachments?: unknown[];
  messageTs?: string;
  messageUser?: string;
  userId?: string;
  channelId?: string;
  responseUrl?: string;
  triggerId?: string;
  teamId?: string;
}

/** A message shortcut ("…" menu on a message), shaped like Slack's message_action payload. */
export function messageShortcutPayload(o: MessageShortcutOptions) {
  const teamId = o.teamId ?? DEFAULTS.teamId;
  const channelId = o.channelId ?? DEFAULTS.channelId;
  const messageTs = o.messageTs ?? '1700000000.000200';
  return {
    type: 'message_action',
    token: DEFAULTS.verificationToken,
    action_ts: actionTs(),
    team: { id: teamId, domain: DEFAULTS.teamDomain },
    user: user(o.userId ?? DEFAULTS.userId, teamId),
    channel: { id: channelId, name: DEFAULTS.channelName },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: o.callbackId,
    trigger_id: o.triggerId ?? fakeTriggerId(),
    response_url: o.responseUrl ?? `https://hooks.slack.com/app/${teamId}/1/${randomBytes(12).toString('hex')}`,
    message_ts: messageTs,
    message: { type: 'message', user: o.messageUser ?? o.userId ?? DEFAULTS.userId, ts: messageTs, text: o.messageText, team: teamId,
      ...(o.messageBlocks ? { blocks: o.messageBlocks } : {}), ...(o.messageAttachments ? { attachments: o.messageAttachments } : {}) },
  };
}

export interface EventEnvelopeOptions {
  eventId?: string;
  eventTime?: number;
  teamId?: string;
}

/** An Events API `event_callback` envelope around one event. Keep `eventId` to test redelivery. */
export function eventEnvelope(event: Record<string, unknown>, o: EventEnvelopeOptions = {}) {
  const teamId = o.teamId ?? DEFAULTS.teamId;
  return {
    token: DEFAULTS.verificationToken,
    team_id: teamId,
    api_app_id: DEFAULTS.appId,
    event,
    type: 'event_callback',
    event_id: o.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: o.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: DEFAULTS.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString('hex')}`,
  };
}

/** The element an action inside a view reports: a button's value, a text input's text, an overflow's or a select's choice. */
export type ViewActionElement =
  | { type: 'button'; value?: string }
  | { type: 'plain_text_input'; value: string }
  | { type: 'overflow' | 'static_select'; selectedValue: string };

export interface ViewActionOptions {
  actionId: string;
  blockId: string;
  element: ViewActionElement;
  /** The view the action happened in: a modal (with its state) or the Home tab. */
  view: {
    type: 'modal' | 'home';
    id?: string;
    hash?: string;
    callbackId?: string;
    privateMetadata?: string;
    /** block_id → action_id → value, as in a view submission. */
    values?: Record<string, Record<string, ViewValue>>;
  };
  userId?: string;
  triggerId?: string;
  teamId?: string;
}

/**
 * An action inside a view, shaped like Slack's block_actions payload from a modal or the Home tab:
 * `container.type` is `view`, the view comes whole with its state, and there is no channel nor message.
 */
export function viewActionPayload(o: ViewActionOptions) {
  const teamId = o.teamId ?? DEFAULTS.teamId;
  const viewId = o.view.id ?? 'V0VIEW0001';
  const action: Record<string, unknown> = { type: o.element.type, action_id: o.actionId, block_id: o.blockId, action_ts: actionTs() };
  if (o.element.type === 'button') {
    action.text = { type: 'plain_text', text: o.actionId, emoji: true };
    if (o.element.value !== undefined) action.value = o.element.value;
  } else if (o.element.type === 'plain_text_input') {
    action.value = o.element.value;
  } else {
    action.selected_option = { text: { type: 'plain_text', text: o.element.selectedValue, emoji: true }, value: o.element.selectedValue };
  }
  const submitted = viewSubmissionPayload({ callbackId: o.view.callbackId ?? '', privateMetadata: o.view.privateMetadata, values: o.view.values, viewId, teamId });
  return {
    type: 'block_actions',
    user: user(o.userId ?? DEFAULTS.userId, teamId),
    api_app_id: DEFAULTS.appId,
    token: DEFAULTS.verificationToken,
    container: { type: 'view', view_id: viewId },
    trigger_id: o.triggerId ?? fakeTriggerId(),
    team: { id: teamId, domain: DEFAULTS.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: { ...submitted.view, type: o.view.type, hash: o.view.hash ?? submitted.view.hash },
    actions: [action],
  };
}
