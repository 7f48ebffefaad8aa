import { describe, expect, it } from 'vitest';
import { cleanText, escapeMrkdwn, handleLabel, handleMrkdwn, mrkdwnLink, truncate } from '../../../src/bot/blocks/escape';
import { mrkdwnAsText } from '../../../src/bot/blocks/render-text';
import { formattedSpans, quotedLines } from './fixtures';

describe('escapeMrkdwn', () => {
  it('escapes &, < and > as Slack requires', () => {
    expect(escapeMrkdwn('R&D <lab>')).toBe('R&amp;D &lt;lab\u200B&gt;');
  });

  it('turns a broadcast, a user mention and a disguised link into text', () => {
    const escaped = escapeMrkdwn('<!channel> <@U0CEO0001> <https://evil.example|click>');
    expect(escaped).not.toMatch(/<[!@h]/);
    expect(mrkdwnAsText(escaped)).toBe('<!channel> <@U0CEO0001> <https://evil.example|click>');
  });

  it('leaves no formatting live, yet shows the markers as typed', () => {
    const escaped = escapeMrkdwn('*bold* _it_ ~s~ `code`');
    expect(formattedSpans(escaped)).toEqual([]);
    expect(mrkdwnAsText(escaped)).toBe('*bold* _it_ ~s~ `code`');
  });

  it('never starts a line with a quote marker', () => {
    expect(quotedLines(escapeMrkdwn('> quoted\n>> twice'))).toEqual([]);
  });

  it('keeps within a budget counted after escaping, with an ellipsis', () => {
    const escaped = escapeMrkdwn('<'.repeat(100), 50);
    expect(escaped.length).toBeLessThanOrEqual(50);
    expect(escaped).toBe(`${'&lt;'.repeat(12)}…`);
  });

  it('puts a name or a location on one line', () => {
    expect(escapeMrkdwn('Paris\n\nFrance', 100, { singleLine: true })).toBe('Paris France');
  });
});

describe('handles', () => {
  it('link a checked handle to its profile with a clean label, and only escape anything else', () => {
    expect(handleMrkdwn('@rita_skip')).toBe('<https://x.com/rita_skip|@rita_skip>');
    expect(handleLabel('rita_skip')).toBe('@rita_skip');
    expect(handleMrkdwn('evil|<!channel>')).toBe('@\u200Bevil|&lt;!channel\u200B&gt;');
    expect(handleLabel('a_b.c')).toBe('@\u200Ba\u200B_\u200Bb.c');
  });
});

describe('cleanText', () => {
  it('drops control characters, zero-width spaces and direction overrides', () => {
    expect(cleanText('a\u0007b\u200Bc\u202Ed\u2066e\uFEFF')).toBe('abcde');
  });

  it('keeps the joiners emoji and scripts need', () => {
    expect(cleanText('👩\u200D👩\u200D👧 می\u200Cخواهم')).toBe('👩\u200D👩\u200D👧 می\u200Cخواهم');
  });

  it('caps runs of blank lines at one', () => {
    expect(cleanText('a\n\n\n\n\nb\r\nc')).toBe('a\n\nb\nc');
  });
});

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('hello', 5)).toBe('hello');
  });

  it('cuts long text to the limit, ellipsis included', () => {
    expect(truncate('hello world', 8)).toBe('hello w…');
    expect(truncate('hello world', 7)).toBe('hello…');
  });

  it('never splits an emoji or an accented letter', () => {
    const family = '👩\u200D👩\u200D👧';
    expect(truncate(`${family}${family}`, 10)).toBe(`${family}…`);
    expect(truncate('e\u0301e\u0301e\u0301', 4)).toBe('e\u0301…');
  });
});

describe('mrkdwnLink', () => {
  it('builds a link whose URL cannot end early or carry a mention', () => {
    expect(mrkdwnLink('https://shop.example/a|b><!channel>?x=1&y=2', 'shop')).toBe('<https://shop.example/a%7Cb%3E%3C!channel%3E?x=1&amp;y=2|shop>');
  });

  it('refuses anything but http and https', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBeNull();
    expect(mrkdwnLink('not a url', 'x')).toBeNull();
  });
});
