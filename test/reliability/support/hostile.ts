// Hostile input for the fuzz tests: bodies for the Slack endpoint, follower profiles for the card,
// and the check that nothing on a card reaches Slack's mrkdwn parser unescaped. Seeded, so a failure
// can be replayed.
import type { Random } from '../../../src/demo/random';
import type { FollowerProfile } from '../../../src/domain';
import { blockActionsPayload } from '../../../src/sandbox/slack-request';
import { mrkdwnTexts } from '../../helpers/blocks';


const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Pieces that mean something to Slack's mrkdwn, or hide, reorder or break text. */
export const HOSTILE_PIECES = [
  '<!channel>', '<!here>', '<!everyone>', '<!subteam^S0GROUP01>', '<@U0BOSS001>', '<#C0SECRET1>',
  '<https://evil.example|click here>', '<mailto:a@b.c|mail>', '*bold*', '_italic_', '~strike~', '`code`', '```block```',
  '> quote', '&lt;', '&amp;', '&', '<', '>', '|', '\u202Egnp.exe', '\u202D', '\u2066', '\u2067', '\u2069', '\u200B', '\u200D',
  '\u200E', '\u200F', '\uFEFF', '\u0000', '\u0007', '\r\n', '\u2028', '\u0085', '\uD83D\uDE00', '\uD800', 'e\u0301', 'שלום',
  'مرحبا', '@channel', '@here', 'https://t.co/abc', '{{prenom}}', '%FIRST_NAME%', '\\', '"', "'", '$(rm -rf /)', '${x}',
] as const;

export function hostileText(random: Random, maxLength: number): string {
  let text = '';
  const target = random() < 0.15 ? maxLength : Math.floor(random() * Math.min(maxLength, 400));
  while (text.length < target) text += random() < 0.5 ? pick(random, HOSTILE_PIECES) : pick(random, ['a', 'é', ' ', '字', '🙂', 'Z', '\n']);
  return text.slice(0, maxLength);
}

/** A follower whose every free-text field is hostile; some fields 10,000 characters long. */
export function hostileProfile(random: Random): Partial<FollowerProfile> {
  return {
    name: hostileText(random, random() < 0.3 ? 10_000 : 50),
    bio: hostileText(random, 10_000),
    location: hostileText(random, random() < 0.3 ? 10_000 : 30),
    url: pick(random, ['https://evil.example/<script>|x', 'javascript:alert(1)', 'https://ok.example/path?a=<b>&c=|d', null, `https://x.example/${'a'.repeat(9_000)}`]),
  };
}

/** Percent-encodes any string, lone surrogates included (as U+FFFD, which is what UTF-8 can carry). */
const encodeForm = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

export interface HostileBody {
  name: string;
  contentType: string;
  raw: string;
  signed: boolean;
}

/** Bodies a broken client or an attacker might post to /slack/events. */
export function hostileSlackBodies(random: Random, count: number): HostileBody[] {
  const form = 'application/x-www-form-urlencoded';
  const click = (over: Record<string, unknown>) => `payload=${encodeForm(JSON.stringify({ ...blockActionsPayload({ actionId: 'welcome_skip', value: '1' }), ...over }))}`;
  const fixed: HostileBody[] = [
    { name: 'malformed JSON in payload', contentType: form, raw: 'payload=%7B%22type%22%3A', signed: true },
    { name: 'malformed JSON body', contentType: 'application/json', raw: '{"type": "event_callback",', signed: true },
    { name: 'empty body', contentType: form, raw: '', signed: true },
    { name: 'wrong content type', contentType: 'text/plain', raw: 'hello', signed: true },
    { name: 'xml', contentType: 'application/xml', raw: '<?xml version="1.0"?><a/>', signed: true },
    { name: 'json array', contentType: 'application/json', raw: '[1,2,3]', signed: true },
    { name: 'json null', contentType: 'application/json', raw: 'null', signed: true },
    { name: 'payload null', contentType: form, raw: 'payload=null', signed: true },
    { name: 'json null with spaces', contentType: 'application/json', raw: ' null\n', signed: true },
    { name: 'payload not an object', contentType: form, raw: 'payload=42', signed: true },
    { name: 'block_actions without actions', contentType: form, raw: click({ actions: undefined }), signed: true },
    { name: 'block_actions with an empty action', contentType: form, raw: click({ actions: [{}] }), signed: true },
    { name: 'block_actions without user', contentType: form, raw: click({ user: undefined }), signed: true },
    { name: 'value not a welcome id', contentType: form, raw: click({ actions: [{ action_id: 'welcome_send_dm', value: '1; drop table welcomes' }] }), signed: true },
    { name: 'value a huge number', contentType: form, raw: click({ actions: [{ action_id: 'welcome_post_mention', value: '99999999999999999999' }] }), signed: true },
    { name: 'value of an unknown welcome', contentType: form, raw: click({ actions: [{ action_id: 'welcome_post_mention', value: '987654' }] }), signed: true },
    { name: 'view_submission without view', contentType: form, raw: `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: 'U0X' } }))}`, signed: true },
    { name: 'view_submission with bad metadata', contentType: form, raw: `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: 'U0X' }, view: { callback_id: 'welcome_edit_modal', private_metadata: '{{', state: { values: {} } } }))}`, signed: true },
    { name: 'event without event', contentType: 'application/json', raw: JSON.stringify({ type: 'event_callback', event_id: 'Ev0FUZZ' }), signed: true },
    { name: 'unknown type', contentType: 'application/json', raw: JSON.stringify({ type: 'nonsense' }), signed: true },
    { name: 'lone surrogate and NUL', contentType: 'application/json', raw: '{"type":"event_callback","event":{"type":"app_mention","text":"\\ud800\\u0000"},"event_id":"Ev0FUZZ2"}', signed: true },
    { name: 'url_verification unsigned', contentType: 'application/json', raw: JSON.stringify({ type: 'url_verification', challenge: 'abc' }), signed: false },
    { name: 'click unsigned', contentType: form, raw: click({}), signed: false },
  ];
  const out = [...fixed];
  while (out.length < count) {
    const kind = Math.floor(random() * 4);
    const text = hostileText(random, 2_000);
    if (kind === 0) out.push({ name: 'random form', contentType: form, raw: `payload=${encodeForm(text)}`, signed: true });
    else if (kind === 1) out.push({ name: 'random json', contentType: 'application/json', raw: JSON.stringify({ type: text, event: { text } }), signed: true });
    else if (kind === 2) out.push({ name: 'click with hostile fields', contentType: form, raw: click({ user: { id: text.slice(0, 50) }, actions: [{ action_id: text.slice(0, 30), value: text.slice(0, 30) }] }), signed: true });
    else out.push({ name: 'random unsigned', contentType: pick(random, [form, 'application/json', 'text/plain']), raw: text, signed: false });
  }
  return out.slice(0, count);
}

// What the bot itself writes inside <…>: a user it names, a date, a link it built or percent-encoded.
const OURS = [/^<@[UW][A-Z0-9]{2,}>$/, /^<!date\^\d+\^[^|<>]*\|[^<>]*>$/, /^<https?:\/\/[^\s|<>]+\|[^<>]*>$/];
// Joiners (U+200C, U+200D) are kept on purpose by the escaper: emoji and some scripts need them.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\uFEFF\u0000-\u0008]/;

/**
 * What would let untrusted text act on Slack: a `<…>` the bot did not build (a ping, a forged
 * link), a mention of someone the bot did not name, a bare `&`, direction overrides, or a text
 * over Slack's limit. Zero-width spaces are the escaper's own and allowed around markers.
 */
export function mrkdwnProblems(blocks: unknown, opts: { actors: string[] }): string[] {
  const problems: string[] = [];
  for (const text of mrkdwnTexts(blocks)) {
    if (text.length > 3000) problems.push(`over 3,000 characters: ${text.length}`);
    for (const [construct] of text.matchAll(/<[^>]*>?/g)) {
      if (!OURS.some((shape) => shape.test(construct))) problems.push(`unescaped: ${JSON.stringify(construct.slice(0, 80))}`);
      const user = /^<@([UW][A-Z0-9]+)>$/.exec(construct)?.[1];
      if (user && !opts.actors.includes(user)) problems.push(`mentions someone the bot did not name: ${user}`);
      if (/^<https?:/.test(construct) && /evil|javascript/i.test(construct.split('|')[1] ?? '') && /[<>]/.test(construct.slice(1, -1))) {
        problems.push(`forged link: ${construct.slice(0, 80)}`);
      }
    }
    if (/&(?!(amp|lt|gt);)/.test(text)) problems.push(`bare &: ${JSON.stringify(text.slice(text.search(/&(?!(amp|lt|gt);)/), 40))}`);
    const hidden = INVISIBLE.exec(text.replace(/\u200B/g, ''));
    if (hidden) problems.push(`invisible or reordering character U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase()}`);
  }
  return problems;
}
