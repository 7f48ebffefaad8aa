// A terminal rendering of Block Kit, for the demo that prints each card as Slack would show it:
// headers, sections, fields, context lines, buttons as [ Send DM ], links as "label (url)".
import type { types } from '@slack/bolt';

type AnyBlock = types.KnownBlock | types.Block;
type TextObject = { type: string; text: string };

const RULE = '─'.repeat(48);

export function renderBlocksAsText(blocks: readonly AnyBlock[]): string {
  return blocks.flatMap((b) => renderBlock(b as unknown as Record<string, unknown>)).join('\n');
}

function renderBlock(block: Record<string, unknown>): string[] {
  switch (block.type) {
    case 'header': {
      const title = renderText(block.text);
      return [title, '═'.repeat(Math.min(48, Math.max(3, [...title].length)))];
    }
    case 'section': {
      const lines: string[] = [];
      if (block.text) lines.push(renderText(block.text));
      if (Array.isArray(block.fields)) lines.push(...block.fields.map(renderField));
      if (block.accessory) lines.push(renderElement(block.accessory as Record<string, unknown>));
      return lines;
    }
    case 'context': {
      const elements = Array.isArray(block.elements) ? (block.elements as Record<string, unknown>[]) : [];
      return [`  ${elements.map((e) => (e.type === 'image' ? `[image: ${String(e.alt_text ?? '')}]` : renderText(e))).join('  ')}`];
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? (block.elements as Record<string, unknown>[]) : [];
      return [elements.map(renderElement).join('  ')];
    }
    case 'divider':
      return [RULE];
    case 'input': {
      const element = (block.element ?? {}) as Record<string, unknown>;
      const value = typeof element.initial_value === 'string' ? element.initial_value : '';
      const lines = [`${renderText(block.label)}:`, ...value.split('\n').map((l) => `  │ ${l}`)];
      if (block.hint) lines.push(`  ${renderText(block.hint)}`);
      return lines;
    }
    case 'image':
      return [`[image: ${String(block.alt_text ?? '')}] (${String(block.image_url ?? '')})`];
    default:
      return [`[${String(block.type)}]`];
  }
}

/** A field is usually "*Label*\nvalue": shown as "Label: value" on one line. */
function renderField(field: TextObject): string {
  const [label, ...rest] = renderText(field).split('\n');
  return rest.length > 0 ? `${label}: ${rest.join(' ')}` : (label ?? '');
}

function renderElement(element: Record<string, unknown>): string {
  const label = element.text ? renderText(element.text) : element.placeholder ? `${renderText(element.placeholder)} ▾` : String(element.type);
  return typeof element.url === 'string' ? `[ ${label} ] (${element.url})` : `[ ${label} ]`;
}

function renderText(text: unknown): string {
  const t = text as TextObject | undefined;
  if (!t || typeof t.text !== 'string') return '';
  return t.type === 'mrkdwn' ? mrkdwnAsText(t.text) : t.text;
}

/** mrkdwn as a reader sees it: Slack's <…> tokens resolved, formatting markers dropped, entities decoded. */
export function mrkdwnAsText(text: string): string {
  return text
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, name?: string) => `@${name ?? id}`)
    .replace(/<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]+))?>/g, (_m, handle?: string) => handle ?? '@group')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, (_m, url: string, label: string) => (label === url ? url : `${label} (${url})`))
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    // Bold, italic and strikethrough only at word boundaries, as Slack applies them; escaped
    // markers carry zero-width spaces and so are left in place.
    .replace(/(^|[\s(])([*_~])([^\s*_~](?:[^\n]*?[^\s])?)\2(?=$|[\s.,:;!?)])/gm, '$1$3')
    .replace(/\u200B/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
