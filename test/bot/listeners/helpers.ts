// Slash commands and message shortcuts sent to the running bot as Slack sends them, and the
// private answer the bot posts back on the request's response_url.
import { renderBlocksAsText } from '../../../src/bot/blocks/render-text';
import type { FakeResponse } from '../../../src/sandbox/slack';
import { DESK_CHANNEL, SIGNING_SECRET, type TestDesk } from '../../helpers/desk';
import {
  DEFAULTS,
  messageShortcutPayload,
  postInteraction,
  postSlashCommand,
  slashCommandFields,
  type SendOptions,
  type SlackHttpResponse,
} from '../../../src/sandbox/slack-request';

export interface Sent {
  http: SlackHttpResponse;
  /** Waits for the bot's answer on this request's response_url. */
  reply(timeoutMs?: number): Promise<FakeResponse>;
  /** Whether anything was posted on this request's response_url (so far). */
  replied(): boolean;
}

function tracked(desk: TestDesk, userId: string, channel: string = DESK_CHANNEL) {
  const responseUrl = desk.slack.responseUrl({ channel, userId });
  const id = responseUrl.slice(responseUrl.indexOf('/response/') + '/response/'.length);
  const find = () => desk.slack.responses.find((response) => response.id === id);
  return {
    responseUrl,
    reply: (timeoutMs = 10_000) => desk.slack.waitFor(find, timeoutMs),
    replied: () => find() !== undefined,
  };
}

/** A teammate types `command text` in the desk channel. */
export async function slash(
  desk: TestDesk,
  command: string,
  text: string,
  opts: { userId?: string; triggerId?: string; send?: SendOptions } = {},
): Promise<Sent> {
  const userId = opts.userId ?? DEFAULTS.userId;
  const target = tracked(desk, userId);
  const fields = slashCommandFields({ command, text, userId, responseUrl: target.responseUrl, triggerId: opts.triggerId });
  const http = await postSlashCommand(desk.eventsUrl, SIGNING_SECRET, fields, opts.send);
  return { http, reply: target.reply, replied: target.replied };
}

/** A teammate picks a message shortcut on a message whose stored text is `messageText`. */
export async function messageShortcut(
  desk: TestDesk,
  callbackId: string,
  messageText: string,
  opts: { userId?: string; channelId?: string; responseUrl?: string; blocks?: unknown[]; attachments?: unknown[] } = {},
): Promise<Sent> {
  const userId = opts.userId ?? DEFAULTS.userId;
  const channel: string = opts.channelId ?? DESK_CHANNEL;
  const target = tracked(desk, userId, channel);
  const payload = messageShortcutPayload({
    callbackId, messageText, userId, channelId: channel, responseUrl: opts.responseUrl ?? target.responseUrl,
    messageBlocks: opts.blocks, messageAttachments: opts.attachments,
  });
  const http = await postInteraction(desk.eventsUrl, SIGNING_SECRET, payload);
  return { http, reply: target.reply, replied: target.replied };
}

/** An answer as the teammate reads it in Slack. */
export function readable(body: Record<string, unknown>): string {
  return renderBlocksAsText((body.blocks ?? []) as never);
}
