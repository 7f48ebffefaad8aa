// A fake Slack Web API over HTTP on loopback, for the tests and the demo. It answers the
// methods the bot uses the way Slack does, and checks what it receives (the token, the form
// or JSON body @slack/web-api sends, required arguments, Block Kit limits), so a bug in the
// bot shows up as Slack's own error rather than passing silently.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSocketModeSide, type FakeSocketMode } from './slack-socket';

// ─── Block Kit as Slack checks it ──────────────────────────────────────────────────────────
// Written independently of src/bot/blocks, so the fake catches a builder that drifts past
// Slack's limits. Messages mimic Slack's "[ERROR] … [json-pointer:…]".
export type Surface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

const BLOCK_TYPES = new Set([
  'actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const err = (message: string, pointer: string) => `[ERROR] ${message} [json-pointer:${pointer}]`;

function checkLength(value: unknown, max: number, pointer: string, errors: string[], min = 0): void {
  if (value === undefined) return;
  if (typeof value !== 'string') errors.push(err('must be a string', pointer));
  else if (value.length < min) errors.push(err(`must be more than ${min - 1} characters`, pointer));
  else if (value.length > max) errors.push(err(`must be less than ${max + 1} characters`, pointer));
}

function checkText(value: unknown, pointer: string, errors: string[], opts: { max: number; plainOnly?: boolean; required?: boolean }): void {
  if (value === undefined) {
    if (opts.required) errors.push(err('missing required field: text', pointer));
    return;
  }
  if (!isObj(value)) return void errors.push(err('must be a text object', pointer));
  const allowed = opts.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(String(value.type))) errors.push(err(`must be one of ${allowed.join(', ')}`, `${pointer}/type`));
  if (typeof value.text !== 'string') return void errors.push(err('missing required field: text', `${pointer}/text`));
  checkLength(value.text, opts.max, `${pointer}/text`, errors, 1);
}

function checkElement(el: unknown, pointer: string, errors: string[]): void {
  if (!isObj(el)) return void errors.push(err('must be an object', pointer));
  checkLength(el.action_id, 255, `${pointer}/action_id`, errors, 1);
  if (el.type === 'button') {
    checkText(el.text, `${pointer}/text`, errors, { max: 75, plainOnly: true, required: true });
    checkLength(el.url, 3000, `${pointer}/url`, errors, 1);
    checkLength(el.value, 2000, `${pointer}/value`, errors, 1);
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
      errors.push(err('must be one of primary, danger', `${pointer}/style`));
    }
    if (el.confirm !== undefined) checkConfirm(el.confirm, `${pointer}/confirm`, errors);
  } else if (el.type === 'plain_text_input') {
    for (const key of ['min_length', 'max_length'] as const) {
      const n = el[key];
      const min = key === 'max_length' ? 1 : 0;
      if (n !== undefined && (typeof n !== 'number' || n < min || n > 3000)) {
        errors.push(err(`must be between ${min} and 3000`, `${pointer}/${key}`));
      }
    }
    if (el.placeholder !== undefined) checkText(el.placeholder, `${pointer}/placeholder`, errors, { max: 150, plainOnly: true });
  } else if (typeof el.type !== 'string') {
    errors.push(err('missing required field: type', `${pointer}/type`));
  }
}

function checkConfirm(confirm: unknown, pointer: string, errors: string[]): void {
  if (!isObj(confirm)) return void errors.push(err('must be an object', pointer));
  checkText(confirm.title, `${pointer}/title`, errors, { max: 100, plainOnly: true, required: true });
  checkText(confirm.text, `${pointer}/text`, errors, { max: 300, required: true });
  checkText(confirm.confirm, `${pointer}/confirm`, errors, { max: 30, plainOnly: true, required: true });
  checkText(confirm.deny, `${pointer}/deny`, errors, { max: 30, plainOnly: true, required: true });
}

function checkBlock(block: unknown, pointer: string, errors: string[]): void {
  if (!isObj(block)) return void errors.push(err('must be an object', pointer));
  if (!BLOCK_TYPES.has(String(block.type))) return void errors.push(err('unsupported type', `${pointer}/type`));
  checkLength(block.block_id, 255, `${pointer}/block_id`, errors, 1);
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) errors.push(err('must provide either text or fields', pointer));
      checkText(block.text, `${pointer}/text`, errors, { max: 3000 });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) errors.push(err('must be an array', `${pointer}/fields`));
        else {
          if (block.fields.length > 10) errors.push(err('no more than 10 items allowed', `${pointer}/fields`));
          block.fields.forEach((f, i) => checkText(f, `${pointer}/fields/${i}`, errors, { max: 2000 }));
        }
      }
      if (block.accessory !== undefined) checkElement(block.accessory, `${pointer}/accessory`, errors);
      break;
    }
    case 'header':
      checkText(block.text, `${pointer}/text`, errors, { max: 150, plainOnly: true, required: true });
      break;
    case 'context': {
      const els = block.elements;
      if (!Array.isArray(els) || els.length === 0) errors.push(err('must provide at least 1 element', `${pointer}/elements`));
      else {
        if (els.length > 10) errors.push(err('no more than 10 items allowed', `${pointer}/elements`));
        els.forEach((e, i) => {
          if (isObj(e) && e.type === 'image') checkLength(e.alt_text, 2000, `${pointer}/elements/${i}/alt_text`, errors, 1);
          else checkText(e, `${pointer}/elements/${i}`, errors, { max: 3000, required: true });
        });
      }
      break;
    }
    case 'actions': {
      const els = block.elements;
      if (!Array.isArray(els) || els.length === 0) errors.push(err('must provide at least 1 element', `${pointer}/elements`));
      else {
        if (els.length > 25) errors.push(err('no more than 25 items allowed', `${pointer}/elements`));
        els.forEach((e, i) => checkElement(e, `${pointer}/elements/${i}`, errors));
        const ids = els.map((e) => (isObj(e) ? e.action_id : undefined)).filter((id) => id !== undefined);
        if (new Set(ids).size !== ids.length) errors.push(err('action_id must be unique within a block', `${pointer}/elements`));
      }
      break;
    }
    case 'input':
      checkText(block.label, `${pointer}/label`, errors, { max: 2000, plainOnly: true, required: true });
      checkText(block.hint, `${pointer}/hint`, errors, { max: 2000, plainOnly: true });
      if (block.element === undefined) errors.push(err('missing required field: element', `${pointer}/element`));
      else checkElement(block.element, `${pointer}/element`, errors);
      break;
    case 'image':
      checkLength(block.alt_text, 2000, `${pointer}/alt_text`, errors, 1);
      if (block.image_url === undefined && block.slack_file === undefined) errors.push(err('missing required field: image_url', pointer));
      checkLength(block.image_url, 3000, `${pointer}/image_url`, errors, 1);
      break;
    default:
      break;
  }
}

/** What Slack would object to in these blocks on this surface; empty when it would accept them. */
export function blockKitErrors(blocks: unknown, surface: Surface, pointer = '/blocks'): string[] {
  if (!Array.isArray(blocks)) return [err('must be an array', pointer)];
  const errors: string[] = [];
  if (blocks.length > MAX_BLOCKS[surface]) errors.push(err(`no more than ${MAX_BLOCKS[surface]} items allowed`, pointer));
  blocks.forEach((b, i) => checkBlock(b, `${pointer}/${i}`, errors));
  const ids = blocks.map((b) => (isObj(b) ? b.block_id : undefined)).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) errors.push(err('block_id must be unique within a message or view', pointer));
  return errors;
}

/** What Slack would object to in a modal or Home tab view. */
export function viewErrors(view: unknown, expected: 'modal' | 'home'): string[] {
  if (!isObj(view)) return [err('must be an object', '/view')];
  if (view.type !== expected) return [err(`must be ${expected}`, '/view/type')];
  const errors: string[] = [];
  if (expected === 'modal') {
    checkText(view.title, '/view/title', errors, { max: 24, plainOnly: true, required: true });
    checkText(view.submit, '/view/submit', errors, { max: 24, plainOnly: true });
    checkText(view.close, '/view/close', errors, { max: 24, plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) errors.push(err('submit is required when an input block is present', '/view/submit'));
  }
  checkLength(view.callback_id, 255, '/view/callback_id', errors);
  checkLength(view.private_metadata, 3000, '/view/private_metadata', errors);
  checkLength(view.external_id, 255, '/view/external_id', errors);
  errors.push(...blockKitErrors(view.blocks, expected, '/view/blocks'));
  return errors;
}

// ─── The fake Web API ──────────────────────────────────────────────────────────────────────

export interface FakeSlackOptions {
  token?: string;
  /** The app-level token (xapp-…) that `apps.connections.open` takes, for Socket Mode. */
  appToken?: string;
  /** How often the Socket Mode side pings each connection (ms); Slack does every few seconds. */
  socketPingIntervalMs?: number;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  teamDomain?: string;
  /** What conversations.members answers, for every channel. Default: the bot and the sandbox's teammates. */
  channelMembers?: string[];
  /** Usergroup id → member ids, for usergroups.users.list. */
  usergroups?: Record<string, string[]>;
  /** Extra users users.info knows about (the bot and channel members are always known). */
  users?: Record<string, { name?: string; realName?: string; tz?: string; locale?: string; isBot?: boolean }>;
  /**
   * views.open accepts only trigger ids issued by `triggerId()`, each once and within 3 s, as
   * Slack does. Default true; turn off only for tests that are not about modals.
   */
  strictTriggers?: boolean;
}

export interface MessageVersion {
  text: string;
  blocks: unknown[];
}

export interface FakeMessage extends MessageVersion {
  channel: string;
  ts: string;
  threadTs: string | null;
  user: string;
  deleted: boolean;
  /** Every version of the message, as posted first, then after each update. */
  history: MessageVersion[];
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[];
  messageTs: string;
}

export interface FakeView {
  id: string;
  triggerId: string | null;
  view: Record<string, unknown>;
  hash: string;
  /** Every version of the view, as opened, then after each views.update. */
  history: Record<string, unknown>[];
}

export interface FakePublishedView {
  userId: string;
  view: Record<string, unknown>;
}

export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  status: number;
}

export interface FakeResponse {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  bytes: Buffer | null;
  title: string | null;
  channelId: string | null;
  initialComment: string | null;
  threadTs: string | null;
  completed: boolean;
}

export interface Failure {
  /** Answer `{ ok: false, error }` (HTTP 200 unless `status` says otherwise). */
  error?: string;
  /** An HTTP status: 429 answers `ratelimited` with Retry-After; 5xx a server error. */
  status?: number;
  /** Seconds, sent as Retry-After with a 429. Default 1. */
  retryAfter?: number;
}

export interface FakeSlack {
  /** Ends in '/api/': pass it as Bolt's clientOptions.slackApiUrl or WebClient's slackApiUrl. */
  apiUrl: string;
  /** http://127.0.0.1:port, no trailing slash. */
  baseUrl: string;
  token: string;
  appToken: string;
  /** Slack's Socket Mode side: the WebSocket `apps.connections.open` points to. */
  socket: FakeSocketMode;
  botUserId: string;
  botId: string;
  teamId: string;
  /** Channel id → its messages, in the order they were posted. */
  messages: Map<string, FakeMessage[]>;
  ephemerals: FakeEphemeral[];
  openedViews: FakeView[];
  publishedViews: FakePublishedView[];
  /** Posts received on response URLs. */
  responses: FakeResponse[];
  files: FakeFile[];
  /** Every Web API call, in order, with how it was answered. */
  calls: FakeCall[];
  /** Calls to methods the fake does not know: a test asserts this stays empty. */
  unknownCalls(): FakeCall[];
  /** Requests that matched no route at all (wrong path, wrong verb). */
  strayRequests: { method: string; path: string }[];
  /** The messages in one channel (empty when none). */
  messagesIn(channel: string): FakeMessage[];
  /** One message by channel and ts. */
  message(channel: string, ts: string): FakeMessage | undefined;
  /** A trigger id that views.open accepts once, within 3 seconds, as Slack's are. */
  triggerId(): string;
  /**
   * A response_url on the fake. Tied to a message, `replace_original` and `delete_original`
   * act on it; `response_type: in_channel` posts to its channel; otherwise the response is
   * ephemeral to `userId`. Like Slack's, it takes 5 posts at most.
   */
  responseUrl(target?: { channel?: string; messageTs?: string; userId?: string }): string;
  /** The next `times` calls to `method` fail this way. */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Resolves with the predicate's first truthy value; rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | null | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * The teammates who click cards in the tests, the demo and the benchmarks: members of every
 * channel unless a test names the members itself (APPROVERS defaults to the desk channel's members).
 */
export const DESK_TEAMMATES = ['U0MARIE01', 'U0PAUL001', 'U0ANNE001', 'U0BRUNO01', 'U0ALICE1', 'U0BOB001'];

/** Methods called with the app-level token. */
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

/** Arguments whose values @slack/web-api sends as JSON strings inside a form body. */
const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata', 'unfurls']);

class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly messages: string[] = [],
  ) {
    super(code);
  }
}

type Args = Record<string, unknown>;
type Handler = (args: Args) => Record<string, unknown>;

const TRIGGER_TTL_MS = 3000;
const RESPONSE_URL_USES = 5;

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = opts.token ?? 'xoxb-fake-token';
  const appToken = opts.appToken ?? 'xapp-1-A0APP0001-1-fake-app-token';
  const botUserId = opts.botUserId ?? 'U0BOT0001';
  const botId = opts.botId ?? 'B0BOT0001';
  const teamId = opts.teamId ?? 'T0TEAM001';
  const teamDomain = opts.teamDomain ?? 'accueil-fake';
  const appId = 'A0APP0001';
  const channelMembers = opts.channelMembers ?? [botUserId, ...DESK_TEAMMATES];
  const usergroups = opts.usergroups ?? {};
  const strictTriggers = opts.strictTriggers ?? true;

  const messages = new Map<string, FakeMessage[]>();
  const ephemerals: FakeEphemeral[] = [];
  const openedViews: FakeView[] = [];
  const publishedViews: FakePublishedView[] = [];
  const responses: FakeResponse[] = [];
  const files: FakeFile[] = [];
  const calls: FakeCall[] = [];
  const strayRequests: { method: string; path: string }[] = [];
  const failures = new Map<string, { failure: Failure; left: number }[]>();
  const triggers = new Map<string, { issuedAt: number; used: boolean }>();
  const responseUrls = new Map<string, { channel?: string; messageTs?: string; userId?: string; uses: number }>();
  let counter = 0;
  let lastTs = 0;
  let baseUrl = '';

  const nextId = (prefix: string) => `${prefix}${String(++counter).padStart(8, '0')}`;

  /** Slack timestamps: seconds and a 6-digit suffix, unique and increasing per workspace. */
  function nextTs(): string {
    const micros = Math.max(Date.now() * 1000, lastTs + 1);
    lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  const knownUsers = (): string[] => [botUserId, ...channelMembers, ...Object.keys(opts.users ?? {})];

  function str(args: Args, key: string): string | undefined {
    const v = args[key];
    if (v === undefined || v === null || v === '') return undefined;
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }
  function required(args: Args, key: string, error = 'invalid_arguments'): string {
    const v = str(args, key);
    if (v === undefined) throw new SlackError(error, [`[ERROR] missing required field: ${key}`]);
    return v;
  }
  function blocksArg(args: Args, surface: Surface): unknown[] | undefined {
    if (args.blocks === undefined) return undefined;
    if (typeof args.blocks === 'string' || !Array.isArray(args.blocks)) throw new SlackError('invalid_blocks_format');
    const errors = blockKitErrors(args.blocks, surface);
    if (errors.length > 0) throw new SlackError('invalid_blocks', errors);
    return args.blocks;
  }
  /** A user id as channel opens the DM with that user, as Slack does: the answer names the D… channel. */
  function resolveChannel(args: Args, key = 'channel'): string {
    const channel = required(args, key, 'channel_not_found');
    if (/^[UW][A-Z0-9]{2,}$/.test(channel)) return `D${channel.slice(1)}`;
    if (!/^[CGD][A-Z0-9]{2,}$/.test(channel)) throw new SlackError('channel_not_found');
    return channel;
  }
  function findMessage(channel: string, ts: string): FakeMessage {
    const m = messages.get(channel)?.find((x) => x.ts === ts && !x.deleted);
    if (!m) throw new SlackError('message_not_found');
    return m;
  }
  function messageJson(m: FakeMessage): Record<string, unknown> {
    return {
      type: 'message',
      user: m.user,
      bot_id: botId,
      app_id: appId,
      team: teamId,
      text: m.text,
      blocks: m.blocks,
      ts: m.ts,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    };
  }
  function postMessage(channel: string, text: string, blocks: unknown[], threadTs: string | null): FakeMessage {
    const m: FakeMessage = { channel, ts: nextTs(), text, blocks, threadTs, user: botUserId, deleted: false, history: [] };
    m.history.push({ text, blocks });
    messages.set(channel, [...(messages.get(channel) ?? []), m]);
    return m;
  }
  function viewArg(args: Args, kind: 'modal' | 'home'): Record<string, unknown> {
    const view = args.view;
    if (typeof view !== 'object' || view === null || Array.isArray(view)) {
      throw new SlackError('invalid_arguments', ['[ERROR] missing required field: view']);
    }
    const errors = viewErrors(view, kind);
    if (errors.length > 0) throw new SlackError('invalid_arguments', errors);
    return view as Record<string, unknown>;
  }
  function viewJson(v: FakeView): Record<string, unknown> {
    return {
      id: v.id,
      team_id: teamId,
      app_id: appId,
      bot_id: botId,
      app_installed_team_id: teamId,
      type: v.view.type,
      title: v.view.title,
      submit: v.view.submit ?? null,
      close: v.view.close ?? null,
      blocks: v.view.blocks,
      private_metadata: v.view.private_metadata ?? '',
      callback_id: v.view.callback_id ?? '',
      external_id: v.view.external_id ?? '',
      state: { values: {} },
      hash: v.hash,
      clear_on_close: false,
      notify_on_close: false,
      previous_view_id: null,
      root_view_id: v.id,
    };
  }
  function userJson(id: string): Record<string, unknown> {
    const extra = opts.users?.[id] ?? {};
    const name = extra.name ?? (id === botUserId ? 'accueil' : id.toLowerCase());
    const realName = extra.realName ?? name;
    return {
      id,
      team_id: teamId,
      name,
      real_name: realName,
      deleted: false,
      is_bot: extra.isBot ?? id === botUserId,
      tz: extra.tz ?? 'Europe/Paris',
      tz_label: 'Central European Time',
      tz_offset: 3600,
      ...(extra.locale ? { locale: extra.locale } : {}),
      profile: { real_name: realName, display_name: name, image_48: `https://avatars.example.test/${id}.png` },
    };
  }

  const socket = createSocketModeSide({ baseUrl: () => baseUrl, appId, pingIntervalMs: opts.socketPingIntervalMs });

  const handlers: Record<string, Handler> = {
    'apps.connections.open': () => ({ url: socket.openUrl() }),
    'auth.test': () => ({
      url: `https://${teamDomain}.slack.com/`,
      team: 'Accueil (fake)',
      user: 'accueil',
      team_id: teamId,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    }),
    'chat.postMessage': (args) => {
      const channel = resolveChannel(args);
      const blocks = blocksArg(args, 'message');
      const text = str(args, 'text');
      if (text === undefined && blocks === undefined && args.attachments === undefined) throw new SlackError('no_text');
      const m = postMessage(channel, text ?? '', blocks ?? [], str(args, 'thread_ts') ?? null);
      return { channel, ts: m.ts, message: messageJson(m) };
    },
    'chat.update': (args) => {
      const channel = resolveChannel(args);
      const ts = required(args, 'ts', 'message_not_found');
      const blocks = blocksArg(args, 'message');
      const text = str(args, 'text');
      if (text === undefined && blocks === undefined && args.attachments === undefined) throw new SlackError('no_text');
      const m = findMessage(channel, ts);
      // Slack keeps what an update leaves out: blocks stay unless replaced (an empty array clears them).
      if (text !== undefined) m.text = text;
      if (blocks !== undefined) m.blocks = blocks;
      m.history.push({ text: m.text, blocks: m.blocks });
      return { channel, ts, text: m.text, message: messageJson(m) };
    },
    'chat.postEphemeral': (args) => {
      const channel = resolveChannel(args);
      const user = required(args, 'user', 'user_not_found');
      const blocks = blocksArg(args, 'message');
      const text = str(args, 'text');
      if (text === undefined && blocks === undefined && args.attachments === undefined) throw new SlackError('no_text');
      const messageTs = nextTs();
      ephemerals.push({ channel, user, text: text ?? '', blocks: blocks ?? [], messageTs });
      return { message_ts: messageTs };
    },
    'chat.getPermalink': (args) => {
      const channel = resolveChannel(args);
      const ts = required(args, 'message_ts', 'message_not_found');
      findMessage(channel, ts);
      return { channel, permalink: `https://${teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}` };
    },
    'views.open': (args) => {
      const pointer = str(args, 'trigger_id') ?? str(args, 'interactivity_pointer');
      if (pointer === undefined) throw new SlackError('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
      const view = viewArg(args, 'modal');
      useTrigger(pointer);
      const v: FakeView = { id: nextId('V'), triggerId: pointer, view, hash: nextHash(), history: [view] };
      openedViews.push(v);
      return { view: viewJson(v) };
    },
    'views.update': (args) => {
      const id = str(args, 'view_id');
      const externalId = str(args, 'external_id');
      if (id === undefined && externalId === undefined) throw new SlackError('invalid_arguments', ['[ERROR] missing required field: view_id']);
      const view = viewArg(args, 'modal');
      const v = openedViews.find((x) => (id !== undefined ? x.id === id : x.view.external_id === externalId));
      if (!v) throw new SlackError('not_found');
      const hash = str(args, 'hash');
      if (hash !== undefined && hash !== v.hash) throw new SlackError('hash_conflict');
      v.view = view;
      v.hash = nextHash();
      v.history.push(view);
      return { view: viewJson(v) };
    },
    'views.publish': (args) => {
      const userId = required(args, 'user_id', 'invalid_arguments');
      const view = viewArg(args, 'home');
      publishedViews.push({ userId, view });
      return { view: viewJson({ id: nextId('V'), triggerId: null, view, hash: nextHash(), history: [view] }) };
    },
    'conversations.members': (args) => {
      resolveChannel(args);
      const limit = Math.max(1, Math.min(1000, Number(str(args, 'limit') ?? 100)));
      const offset = Number(Buffer.from(str(args, 'cursor') ?? '', 'base64').toString() || 0);
      const page = channelMembers.slice(offset, offset + limit);
      const next = offset + limit < channelMembers.length ? Buffer.from(String(offset + limit)).toString('base64') : '';
      return { members: page, response_metadata: { next_cursor: next } };
    },
    'usergroups.users.list': (args) => {
      const group = required(args, 'usergroup', 'no_such_subteam');
      const users = usergroups[group];
      if (!users) throw new SlackError('no_such_subteam');
      return { users };
    },
    'bots.info': (args) => {
      const bot = required(args, 'bot', 'bot_not_found');
      if (bot !== botId) throw new SlackError('bot_not_found');
      return { bot: { id: botId, deleted: false, name: 'accueil', updated: 1700000000, app_id: appId, user_id: botUserId, icons: {} } };
    },
    'users.info': (args) => {
      const user = required(args, 'user', 'user_not_found');
      if (!knownUsers().includes(user)) throw new SlackError('user_not_found');
      return { user: userJson(user) };
    },
    'files.getUploadURLExternal': (args) => {
      const filename = required(args, 'filename');
      const length = Number(required(args, 'length'));
      if (!Number.isInteger(length) || length <= 0) throw new SlackError('invalid_arguments', ['[ERROR] length must be a positive integer']);
      const id = nextId('F');
      files.push({ id, filename, length, bytes: null, title: null, channelId: null, initialComment: null, threadTs: null, completed: false });
      return { upload_url: `${baseUrl}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (args) => {
      const list = args.files;
      if (!Array.isArray(list) || list.length === 0) throw new SlackError('invalid_arguments', ['[ERROR] missing required field: files']);
      const channelId = str(args, 'channel_id') ?? str(args, 'channels') ?? null;
      const done = list.map((entry: unknown) => {
        const { id, title } = (entry ?? {}) as { id?: string; title?: string };
        const file = files.find((f) => f.id === id);
        if (!file || file.bytes === null) throw new SlackError('file_not_found', [`[ERROR] file ${String(id)} was not uploaded`]);
        Object.assign(file, { title: title ?? file.filename, channelId, initialComment: str(args, 'initial_comment') ?? null, threadTs: str(args, 'thread_ts') ?? null, completed: true });
        return { id: file.id, name: file.filename, title: file.title, size: file.bytes.length, channels: channelId ? [channelId] : [] };
      });
      return { files: done };
    },
  };

  function nextHash(): string {
    return `${Date.now()}.${nextId('h')}`;
  }

  function useTrigger(id: string): void {
    if (!strictTriggers) return;
    const trigger = triggers.get(id);
    if (!trigger) throw new SlackError('invalid_trigger_id');
    if (trigger.used) throw new SlackError('exchanged_trigger_id');
    if (Date.now() - trigger.issuedAt > TRIGGER_TTL_MS) throw new SlackError('expired_trigger_id');
    trigger.used = true;
  }

  function takeFailure(method: string): Failure | undefined {
    const queue = failures.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.left -= 1;
    if (head.left <= 0) queue.shift();
    return head.failure;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const call: FakeCall = { method, args: {}, ok: false, status: 200 };
    calls.push(call);
    const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      call.status = status;
      call.ok = body.ok === true;
      if (typeof body.error === 'string') call.error = body.error;
      send(res, status, body, headers);
    };
    let args: Args;
    try {
      args = await readArgs(req);
    } catch (e) {
      return answer(200, { ok: false, error: e instanceof SlackError ? e.code : 'invalid_form_data' });
    }
    call.args = args;
    const handler = handlers[method];
    if (!handler) return answer(200, { ok: false, error: 'unknown_method' });

    const auth = req.headers.authorization;
    const presented = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : str(args, 'token');
    if (presented === undefined) return answer(200, { ok: false, error: 'not_authed' });
    // Socket Mode's method takes the app-level token and only that; every other method a bot token.
    const expected = APP_TOKEN_METHODS.has(method) ? appToken : token;
    if (presented !== expected) {
      const wrongType = presented === appToken || presented === token;
      return answer(200, { ok: false, error: wrongType ? 'not_allowed_token_type' : 'invalid_auth' });
    }

    const failure = takeFailure(method);
    if (failure) {
      if (failure.status === 429) {
        return answer(429, { ok: false, error: failure.error ?? 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 1) });
      }
      return answer(failure.status ?? 200, { ok: false, error: failure.error ?? 'internal_error' });
    }
    try {
      answer(200, { ok: true, ...handler(args) });
    } catch (e) {
      if (!(e instanceof SlackError)) throw e;
      const body: Record<string, unknown> = { ok: false, error: e.code };
      if (e.messages.length > 0) {
        body.errors = e.messages;
        body.response_metadata = { messages: e.messages };
      }
      answer(200, body);
    }
  }

  async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const target = responseUrls.get(id);
    if (!target) return sendText(res, 404, 'no_such_url');
    if (target.uses >= RESPONSE_URL_USES) return sendText(res, 404, 'used_url');
    target.uses += 1;
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse((await readBody(req)).toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return sendText(res, 400, 'invalid_payload');
    }
    if (body.blocks !== undefined && blockKitErrors(body.blocks, 'message').length > 0) return sendText(res, 400, 'invalid_blocks');
    responses.push({ id, body });
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    const original = target.channel && target.messageTs ? messages.get(target.channel)?.find((m) => m.ts === target.messageTs) : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (original) original.deleted = true;
    } else if (body.replace_original === true || body.replace_original === 'true') {
      if (original) {
        original.text = text;
        original.blocks = blocks ?? [];
        original.history.push({ text: original.text, blocks: original.blocks });
      }
    } else if (body.response_type === 'in_channel' && target.channel) {
      postMessage(target.channel, text, blocks ?? [], typeof body.thread_ts === 'string' ? body.thread_ts : null);
    } else if (target.channel && target.userId) {
      ephemerals.push({ channel: target.channel, user: target.userId, text, blocks: blocks ?? [], messageTs: nextTs() });
    }
    send(res, 200, { ok: true });
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const file = files.find((f) => f.id === id);
    if (!file) return sendText(res, 404, 'file_not_found');
    const raw = await readBody(req);
    const type = String(req.headers['content-type'] ?? '');
    // @slack/web-api posts the bytes as multipart/form-data; a raw body is accepted too, as Slack does.
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://upload.invalid/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
      const part = [...form.values()][0];
      file.bytes = part === undefined ? Buffer.alloc(0) : typeof part === 'string' ? Buffer.from(part) : Buffer.from(await part.arrayBuffer());
    } else {
      file.bytes = raw;
    }
    sendText(res, 200, `OK - ${file.bytes.length}`);
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
    const route = /^\/api\/([\w.]+)$/.exec(path) ?? null;
    const work =
      route && (req.method === 'POST' || req.method === 'GET')
        ? handleApi(req, res, route[1] as string)
        : req.method === 'POST' && path.startsWith('/response/')
          ? handleResponseUrl(req, res, path.slice('/response/'.length))
          : req.method === 'POST' && path.startsWith('/upload/')
            ? handleUpload(req, res, path.slice('/upload/'.length))
            : (strayRequests.push({ method: req.method ?? '', path }), Promise.resolve(sendText(res, 404, 'not_found')));
    work.catch((e: unknown) => {
      if (!res.headersSent) sendText(res, 500, String(e));
    });
  });
  socket.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    token,
    appToken,
    socket,
    botUserId,
    botId,
    teamId,
    messages,
    ephemerals,
    openedViews,
    publishedViews,
    responses,
    files,
    calls,
    strayRequests,
    unknownCalls: () => calls.filter((c) => c.error === 'unknown_method'),
    messagesIn: (channel) => messages.get(channel) ?? [],
    message: (channel, ts) => messages.get(channel)?.find((m) => m.ts === ts),
    triggerId() {
      const id = `${Date.now()}.${counter + 1}.${randomBytes(16).toString('hex')}`;
      counter += 1;
      triggers.set(id, { issuedAt: Date.now(), used: false });
      return id;
    },
    responseUrl(target = {}) {
      const id = `${teamId}/${nextId('R')}/${randomBytes(12).toString('hex')}`;
      responseUrls.set(id, { ...target, uses: 0 });
      return `${baseUrl}/response/${id}`;
    },
    failNext(method, failure, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), { failure, left: times }]);
    },
    waitFor(predicate, timeoutMs = 5000) {
      return waitFor(predicate, timeoutMs);
    },
    close: async () => {
      await socket.close();
      await new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

async function waitFor<T>(predicate: () => T | null | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition still false after ${timeoutMs} ms: ${predicate.toString()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The call's arguments, from the query string and a form or JSON body, JSON-string fields decoded. */
async function readArgs(req: IncomingMessage): Promise<Args> {
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const args: Args = Object.fromEntries(url.searchParams);
  const raw = await readBody(req);
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length > 0) {
    if (type === 'application/x-www-form-urlencoded') {
      Object.assign(args, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
    } else if (type === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new SlackError('invalid_json');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackError('invalid_json');
      Object.assign(args, parsed);
    } else {
      throw new SlackError('invalid_form_data');
    }
  }
  for (const key of JSON_ARGS) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    try {
      args[key] = JSON.parse(value) as unknown;
    } catch {
      throw new SlackError(key === 'blocks' ? 'invalid_blocks_format' : 'invalid_arguments');
    }
  }
  return args;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
