// Small Block Kit builders that keep every object within Slack's limits, so the card and the
// modal cannot be refused for a long bio or a long name.
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { cleanText, escapeMrkdwn, truncate } from './escape';

export type KnownBlock = types.KnownBlock;

/** Slack's documented limits, counted in characters of what we send. */
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonUrl: 3000,
  buttonValue: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  inputMaxLength: 3000,
  /** The top-level `text` of a message: Slack truncates beyond this. */
  messageText: 40_000,
} as const;

/** Untrusted or own text as plain_text: never parsed by Slack. Empty text is refused by Slack, hence the fallback. */
export function plainText(text: string, max: number, fallback = '—'): types.PlainTextElement {
  const clean = truncate(cleanText(text), max);
  return { type: 'plain_text', text: clean === '' ? fallback : clean, emoji: true };
}

/** mrkdwn we composed ourselves, every untrusted part already escaped. */
export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text };
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: plainText(cleanText(text, { singleLine: true }), LIMITS.headerText) };
}

export function plainSection(text: string): types.SectionBlock {
  return { type: 'section', text: plainText(text, LIMITS.sectionText) };
}

export function mrkdwnSection(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function divider(): types.DividerBlock {
  return { type: 'divider' };
}

/** A context block, folding the overflow into a last "and N more" element so it stays within ten. */
export function context(
  elements: (types.PlainTextElement | types.MrkdwnElement)[],
  more: (n: number) => string,
): types.ContextBlock {
  if (elements.length <= LIMITS.contextElements) return { type: 'context', elements };
  const kept = elements.slice(0, LIMITS.contextElements - 1);
  return { type: 'context', elements: [...kept, plainText(more(elements.length - kept.length), 200)] };
}

export function button(opts: {
  text: string;
  actionId: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: { title: string; text: string; confirm: string; deny: string };
}): types.Button {
  const b: types.Button = { type: 'button', action_id: opts.actionId, text: plainText(opts.text, LIMITS.buttonText) };
  if (opts.value !== undefined) b.value = opts.value;
  if (opts.url !== undefined) b.url = opts.url;
  if (opts.style) b.style = opts.style;
  if (opts.confirm) {
    b.confirm = {
      title: plainText(opts.confirm.title, LIMITS.confirmTitle),
      text: plainText(opts.confirm.text, LIMITS.confirmText),
      confirm: plainText(opts.confirm.confirm, LIMITS.confirmButton),
      deny: plainText(opts.confirm.deny, LIMITS.confirmButton),
      style: 'danger',
    };
  }
  return b;
}

/** An input block of a modal, its label and hint cut to Slack's limits. `dispatch`: Slack sends each change at once. */
export function inputBlock(
  ids: { blockId: string; actionId: string },
  label: string,
  element: types.InputBlockElement,
  opts: { hint?: string; optional?: boolean; dispatch?: boolean } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: ids.blockId,
    label: plainText(label, LIMITS.inputLabel),
    element,
    ...(opts.hint ? { hint: plainText(opts.hint, LIMITS.inputHint) } : {}),
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.dispatch ? { dispatch_action: true } : {}),
  };
}

/**
 * A time in the reader's own time zone and language: `<!date^unix^format|fallback>`. The
 * fallback (UTC) is what clients that cannot format dates, and notifications, show.
 */
export function slackDate(iso: string, format = '{date_short_pretty} {time}'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso, 100, { singleLine: true });
  const fallback = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^${format}|${fallback}>`;
}

/** `<@U…>` for a well-formed Slack user id; anything else is shown as text, never parsed. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId, 100, { singleLine: true });
}

/** A modal's private_metadata: a JSON string parsed, then checked against `schema`. */
export function jsonMetadata<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'private_metadata is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
