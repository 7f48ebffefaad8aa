import { describe, expect, it } from 'vitest';
import { slackTextToPlain } from '../../../src/bot/blocks/audit-input';
import { messageText } from '../../../src/bot/blocks/message-text';

const plain = (message: Parameters<typeof messageText>[0]) => slackTextToPlain(messageText(message));

// A message typed in the Slack client: `text` is Slack's copy of the rich_text block.
const richText = {
  type: 'rich_text',
  elements: [
    {
      type: 'rich_text_section',
      elements: [
        { type: 'text', text: 'Thanks & welcome ' },
        { type: 'user', user_id: 'U0PAUL001' },
        { type: 'text', text: '! See ' },
        { type: 'link', url: 'https://instagram.com/maison', text: 'instagram.com/maison' },
        { type: 'text', text: ' ' },
        { type: 'emoji', name: 'wave', unicode: '1f44b' },
        { type: 'emoji', name: 'custom_party' },
      ],
    },
    { type: 'rich_text_list', style: 'bullet', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one <b>' }] }] },
    { type: 'rich_text_quote', elements: [{ type: 'link', url: 'https://maison-lumen.fr' }] },
  ],
};

describe('a message’s text wherever Slack holds it', () => {
  it('reads `text` alone as before', () => {
    expect(messageText({ text: 'Hello &amp; <https://a.fr|a.fr>' })).toBe('Hello &amp; <https://a.fr|a.fr>');
    expect(messageText({})).toBe('');
  });

  it('reads rich_text: text, links, people, emoji, lists and quotes, in wire format', () => {
    expect(messageText({ blocks: [richText] })).toBe(
      'Thanks &amp; welcome <@U0PAUL001>! See <https://instagram.com/maison|instagram.com/maison> 👋:custom_party:\none &lt;b&gt;\n<https://maison-lumen.fr>',
    );
    expect(plain({ blocks: [richText] })).toBe(
      'Thanks & welcome @U0PAUL001! See instagram.com/maison 👋:custom_party:\none <b>\nhttps://maison-lumen.fr',
    );
  });

  it('prefers the blocks to `text` (Slack’s copy of them, or a summary), and falls back to `text` when the blocks hold none', () => {
    expect(plain({ text: 'summary', blocks: [richText] })).not.toContain('summary');
    expect(plain({ text: 'Only text', blocks: [{ type: 'divider' }, { type: 'image', image_url: 'https://a.fr/x.png', alt_text: 'x' }] })).toBe('Only text');
  });

  it('reads section text and fields, context and header text; plain_text is escaped into wire format', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Draft <1>' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Bienvenue* <https://x.com/a|x.com/a>' }, fields: [{ type: 'plain_text', text: 'A & B' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'by <@U1>' }, { type: 'image', image_url: 'https://a.fr/i.png', alt_text: 'i' }, { type: 'plain_text', text: 'today' }] },
    ];
    expect(messageText({ blocks })).toBe('Draft &lt;1&gt;\n*Bienvenue* <https://x.com/a|x.com/a>\nA &amp; B\nby <@U1> today');
  });

  it('adds the attachments: pretext, text, fields; the fallback only when there is nothing else', () => {
    const attachments = [
      { pretext: 'Draft:', text: 'Merci et bienvenue !', fallback: 'Draft: Merci et bienvenue !', fields: [{ title: 'Link', value: '<https://t.co/x>', short: true }] },
      { fallback: 'Only a fallback' },
      { blocks: [richText], fallback: 'ignored' },
      { color: '#ff0000' },
    ];
    const text = messageText({ text: '', attachments });
    expect(text.split('\n').slice(0, 5)).toEqual(['Draft:', 'Merci et bienvenue !', 'Link', '<https://t.co/x>', 'Only a fallback']);
    expect(text).toContain('<https://instagram.com/maison|instagram.com/maison>');
    expect(text).not.toContain('ignored');
    expect(messageText({ text: 'Body', attachments: [{ text: 'More' }] })).toBe('Body\nMore');
  });

  it('ignores shapes it does not know rather than failing', () => {
    expect(messageText({ text: 'ok', blocks: 'nonsense', attachments: [null, 3, { fields: 'x' }] })).toBe('ok');
    expect(messageText({ blocks: [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'unknown_kind' }, null] }] }] })).toBe('');
  });
});
