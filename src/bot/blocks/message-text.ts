// A Slack message's whole text, wherever it is held: its `text`, its blocks (rich text, section and
// context text) and its legacy attachments. Messages from the Slack client carry rich_text blocks;
// apps and integrations often put everything in blocks or attachments and leave `text` as a summary.
// The result is in Slack's wire format (links as <url|label>, people as <@U…>, `& < >` as entities),
// so slackTextToPlain and the profile-link reader take it as they take `text`.

/** The parts of a message this reads; anything else Slack sends is ignored. */
export interface SlackMessageLike {
  text?: unknown;
  blocks?: unknown;
  attachments?: unknown;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Plain text written into the wire format: its `& < >` become the entities Slack sends. */
const escapeWire = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A text object (mrkdwn is already in wire format; plain_text is not). */
function textObject(value: unknown): string {
  if (!isObject(value)) return '';
  return value.type === 'plain_text' ? escapeWire(str(value.text)) : str(value.text);
}

/** An emoji as the reader sees it: its character when Slack gives the code points, else :name:. */
function emoji(element: Json): string {
  const unicode = str(element.unicode);
  if (/^[0-9a-f]{1,6}(-[0-9a-f]{1,6})*$/i.test(unicode)) {
    const points = unicode.split('-').map((hex) => Number.parseInt(hex, 16));
    if (points.every((point) => point <= 0x10ffff)) return String.fromCodePoint(...points);
  }
  return str(element.name) ? `:${str(element.name)}:` : '';
}

/** One inline element of a rich_text section. */
function inline(element: Json): string {
  switch (element.type) {
    case 'text':
      return escapeWire(str(element.text));
    case 'link': {
      const url = str(element.url);
      const label = str(element.text);
      return label ? `<${url}|${escapeWire(label)}>` : `<${url}>`;
    }
    case 'user':
      return `<@${str(element.user_id)}>`;
    case 'channel':
      return `<#${str(element.channel_id)}>`;
    case 'usergroup':
      return `<!subteam^${str(element.usergroup_id)}>`;
    case 'broadcast':
      return `<!${str(element.range)}>`;
    case 'emoji':
      return emoji(element);
    case 'date':
      return escapeWire(str(element.fallback));
    case 'color':
      return escapeWire(str(element.value));
    default:
      return escapeWire(str(element.text));
  }
}

/** A rich_text block's element: a section, quote or preformatted run, or a list of sections. */
function richTextPart(part: Json): string {
  if (part.type === 'rich_text_list') return list(part.elements).map(richTextPart).join('\n');
  return list(part.elements).map(inline).join('');
}

function blockText(block: Json): string {
  switch (block.type) {
    case 'rich_text':
      return list(block.elements).map(richTextPart).join('\n');
    case 'section':
      return [textObject(block.text), ...list(block.fields).map(textObject)].filter(Boolean).join('\n');
    case 'context':
      return list(block.elements).map(textObject).filter(Boolean).join(' ');
    case 'header':
      return textObject(block.text);
    default:
      return '';
  }
}

const blocksText = (blocks: unknown) => list(blocks).map(blockText).filter((text) => text.trim() !== '').join('\n');

/** A legacy attachment's words: pretext, title, text and fields (title and value), or its blocks; the fallback only when it has nothing else. */
function attachmentText(attachment: Json): string {
  const fields = list(attachment.fields).map((field) => [str(field.title), str(field.value)].filter(Boolean).join('\n'));
  const parts = [str(attachment.pretext), str(attachment.title), str(attachment.text), ...fields, blocksText(attachment.blocks)].filter((text) => text.trim() !== '');
  return parts.length ? parts.join('\n') : str(attachment.fallback);
}

/**
 * The message's text in Slack's wire format. When the blocks hold text they are the message
 * (`text` is then Slack's copy of them, or a notification summary); else `text`. Attachments add to either.
 */
export function messageText(message: SlackMessageLike): string {
  const body = blocksText(message.blocks) || str(message.text);
  const attachments = list(message.attachments).map(attachmentText).filter((text) => text.trim() !== '');
  return [body, ...attachments].filter((text) => text.trim() !== '').join('\n');
}
