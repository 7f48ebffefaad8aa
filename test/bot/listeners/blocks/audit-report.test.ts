import { describe, expect, it } from 'vitest';
import { buildFollowerHistory, buildManualWelcomeReply } from '../../../../src/bot/blocks/audit-history';
import { slackTextToPlain } from '../../../../src/bot/blocks/audit-input';
import { buildAuditModal, readAuditSubmission, AUDIT_MODAL } from '../../../../src/bot/blocks/audit-modal';
import { buildAuditReport } from '../../../../src/bot/blocks/audit-report';
import { renderBlocksAsText } from '../../../../src/bot/blocks/render-text';
import type { FollowerHistory } from '../../../../src/desk/history';
import { handleFromInput, profileHandleInText } from '../../../../src/desk/manual';
import type { AuditReport, Finding } from '../../../../src/rules/types';
import { t } from '../../../../src/i18n';
import { blockKitErrors, viewErrors } from '../../../../src/sandbox/slack';

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'sales-pitch',
  severity: 'error',
  message: 'Sales talk in a welcome: give first, sell later.',
  start: 0,
  end: 7,
  suggestion: 'Drop the offer.',
  ...over,
});
const report = (findings: Finding[], over: Partial<AuditReport> = {}): AuditReport => ({
  verdict: findings.some((f) => f.severity === 'error') ? 'fail' : findings.length > 0 ? 'warn' : 'pass',
  lang: 'en',
  kind: 'dm',
  findings,
  skipped: ['copy-paste', 'one-dm-per-follower'],
  ...over,
});
const sections = (blocks: unknown[]) =>
  blocks.flatMap((b) => {
    const block = b as { type: string; text?: { text: string }; elements?: { text: string }[] };
    return block.type === 'section' ? [block.text!.text] : block.type === 'context' ? block.elements!.map((e) => e.text) : [];
  });

describe('the audit report', () => {
  it('stays within a message’s 50 blocks and says how many findings it could not show', () => {
    const text = 'BUY NOW '.repeat(200);
    const many = Array.from({ length: 80 }, (_, i) => finding({ start: i * 8, end: i * 8 + 7 }));
    const { blocks } = buildAuditReport({ text, report: report(many), lang: 'en' });
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blockKitErrors(blocks, 'message')).toEqual([]);
    const shown = renderBlocksAsText(blocks).match(/sales-pitch/g)!.length;
    expect(renderBlocksAsText(blocks)).toContain(`…and ${80 - shown} more findings not shown.`);
  });

  it('keeps every section under 3,000 characters however long the message, excerpt and suggestion', () => {
    const text = '<'.repeat(20_000);
    const huge = finding({ message: '&'.repeat(10_000), suggestion: '>'.repeat(10_000), start: 5, end: 15_000 });
    const { blocks } = buildAuditReport({ text, report: report([huge]), lang: 'fr' });
    for (const part of sections(blocks)) expect(part.length).toBeLessThanOrEqual(3000);
    expect(blockKitErrors(blocks, 'message')).toEqual([]);
  });

  it('quotes the offending excerpt escaped: no live mention, link or formatting', () => {
    const text = 'Hi <!channel> and <https://evil.example|click me>, *buy* now';
    const quoted = '<!channel> and <https://evil.example|click me>';
    const f = finding({ start: 3, end: 3 + quoted.length, message: 'about <@U123>', suggestion: 'remove <!here>' });
    const { blocks } = buildAuditReport({ text, report: report([f]), lang: 'en' });
    const raw = sections(blocks).join('\n');
    expect(raw).not.toMatch(/<[!@#h]/);
    expect(raw).toContain('&lt;!channel');
    expect(renderBlocksAsText(blocks)).toContain(`Where: “${quoted}” (characters 4–${3 + quoted.length})`);
  });

  it('names the whole text, or a position, when the finding is not an excerpt', () => {
    const text = 'Hello there';
    const { blocks } = buildAuditReport({
      text,
      report: report([finding({ ruleId: 'missing-thanks', severity: 'warning', start: 0, end: text.length }), finding({ start: 5, end: 5 })]),
      lang: 'en',
    });
    const shown = renderBlocksAsText(blocks);
    expect(shown).toContain('Where: the whole text');
    expect(shown).toContain('Where: at character 6');
  });

  it('passes a clean text with nothing to fix, in the desk’s language', () => {
    const { text, blocks } = buildAuditReport({ text: 'Merci !', report: report([], { lang: 'fr' }), lang: 'fr' });
    expect(text).toBe('Audit : Conforme (rien à signaler)');
    expect(renderBlocksAsText(blocks)).toContain('Rien à corriger');
    expect(renderBlocksAsText(blocks)).toContain('`copy-paste` et `one-dm-per-follower` ont besoin de l’historique');
  });
});

describe('the audit modal', () => {
  it('is a valid modal before and after a report, within 100 blocks', () => {
    expect(viewErrors(buildAuditModal({ lang: 'en' }), 'modal')).toEqual([]);
    const many = Array.from({ length: 150 }, (_, i) => finding({ start: i, end: i + 1 }));
    const view = buildAuditModal({ lang: 'en', text: 'x'.repeat(5000), kind: 'mention', report: { text: 'x'.repeat(5000), report: report(many) } });
    expect(viewErrors(view, 'modal')).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('reads the text and kind back from a submission; DM when no kind was chosen', () => {
    const state = (text: string | null, kind?: string) => ({
      callback_id: AUDIT_MODAL.callbackId,
      state: {
        values: {
          [AUDIT_MODAL.textBlockId]: { [AUDIT_MODAL.textActionId]: { value: text } },
          ...(kind ? { [AUDIT_MODAL.kindBlockId]: { [AUDIT_MODAL.kindActionId]: { selected_option: { value: kind } } } } : {}),
        },
      },
    });
    expect(readAuditSubmission(state(' Merci !\r\n', 'mention'))).toEqual({ ok: true, text: 'Merci !', kind: 'mention' });
    expect(readAuditSubmission(state('Merci !'))).toEqual({ ok: true, text: 'Merci !', kind: 'dm' });
    expect(readAuditSubmission(state(null))).toEqual({ ok: false, reason: 'empty' });
    expect(readAuditSubmission(state('Merci', 'sms'))).toEqual({ ok: false, reason: 'malformed' });
    expect(readAuditSubmission({ callback_id: 'other' })).toEqual({ ok: false, reason: 'malformed' });
    const opened = buildAuditModal({ lang: 'en', slackChannelId: 'C0DESK002' });
    expect(readAuditSubmission({ ...state('Merci'), private_metadata: opened.private_metadata })).toEqual({ ok: true, text: 'Merci', kind: 'dm', slackChannelId: 'C0DESK002' });
    expect(readAuditSubmission({ ...state('Merci'), private_metadata: '{not json' })).toEqual({ ok: true, text: 'Merci', kind: 'dm' });
  });
});

const history = (over: Partial<FollowerHistory> = {}): FollowerHistory => ({
  accountHandle: 'maisonlumen',
  xUserId: '42',
  handle: 'camille_d',
  name: '<!channel> *Camille*',
  source: 'poll',
  firstSeenAt: new Date('2026-01-05T10:00:00Z'),
  unfollowedAt: null,
  engagedFirst: null,
  welcome: null,
  newWelcome: { allowed: true },
  ...over,
});

describe('a follower’s history', () => {
  it('shows the welcome text as plain text and the name escaped, so neither can ping anyone', () => {
    const welcome = {
      id: 1,
      status: 'sent' as const,
      channel: 'dm' as const,
      text: 'Merci <!here> @everyone',
      decidedBy: 'U0MARIE01',
      decidedAt: new Date('2026-01-06T09:00:00Z'),
      sentAt: new Date('2026-01-06T09:01:00Z'),
      createdAt: new Date('2026-01-05T10:00:00Z'),
      link: 'https://x.com/messages/1-42',
      error: null,
    };
    const { blocks } = buildFollowerHistory({ handle: 'camille_d', history: history({ welcome, newWelcome: { allowed: false, because: welcome } }), lang: 'en' });
    expect(blockKitErrors(blocks, 'message')).toEqual([]);
    const plain = blocks.find((b) => b.type === 'section' && (b as { text: { type: string } }).text.type === 'plain_text') as { text: { text: string } };
    expect(plain.text.text).toBe('Merci <!here> @everyone');
    const mrkdwn = sections(blocks.filter((b) => b !== (plain as unknown))).join('\n');
    expect(mrkdwn).not.toContain('<!channel>');
    const shown = renderBlocksAsText(blocks);
    expect(shown).toContain('@camille_d (https://x.com/camille_d) (<!channel> *Camille*) and @maisonlumen (https://x.com/maisonlumen)');
    expect(shown).toContain('Welcome: sent (DM) by @U0MARIE01, 2026-01-06 09:01 UTC');
    expect(shown).toContain('A new welcome: no — one welcome per follower, ever: already sent, approved by @U0MARIE01 on 2026-01-06 09:01 UTC.');
  });

  it('allows a new welcome when there is none, and says who wrote first and who left', () => {
    const shown = renderBlocksAsText(
      buildFollowerHistory({
        handle: 'camille_d',
        history: history({ engagedFirst: { via: 'dm', at: new Date('2026-01-05T11:00:00Z') }, unfollowedAt: new Date('2026-02-01T00:00:00Z') }),
        lang: 'en',
      }).blocks,
    );
    expect(shown).toContain('Wrote to you first: yes, by DM, 2026-01-05 11:00 UTC');
    expect(shown).toContain('Unfollowed: 2026-02-01 00:00 UTC');
    expect(shown).toContain('A new welcome: yes — no welcome yet.');
  });

  it('answers a manual welcome for an unknown handle or a failing X in words, escaped', () => {
    expect(buildManualWelcomeReply({ kind: 'not-found', handle: 'ghost' }, 'fr').text).toBe('Aucun compte X <https://x.com/ghost|@ghost> trouvé.');
    expect(buildManualWelcomeReply({ kind: 'suspended', handle: 'ghost' }, 'fr').text).toBe(
      'X a suspendu le compte <https://x.com/ghost|@ghost>, aucune carte publiée : un message d’accueil ne pourrait pas l’atteindre.',
    );
    expect(buildManualWelcomeReply({ kind: 'card-under-way', handle: 'nora' }, 'en').text).toContain('their card is already on its way');
    const failed = buildManualWelcomeReply({ kind: 'x-failed', handle: 'hugo', error: { kind: 'invalid', status: 400, resetAt: null, detail: 'X said <!channel>', retryable: false } }, 'en');
    expect(failed.text).toContain('X rejected the request as invalid. (X said &lt;!channel');
    expect(buildManualWelcomeReply({ kind: 'x-failed', handle: 'hugo', error: null }, 'fr').text).toContain(t('fr').replies.unexpectedError);
  });
});

describe('reading what Slack sends', () => {
  it('turns Slack markup back into the text the follower would see', () => {
    expect(slackTextToPlain('Merci &amp; bienvenue &lt;3 <https://maison-lumen.fr|maison-lumen.fr> <https://bit.ly/x> <@U0MARIE01|marie> <!here> <#C0DESK001|desk>')).toBe(
      'Merci & bienvenue <3 maison-lumen.fr https://bit.ly/x @marie @here #desk',
    );
  });

  it('finds the handle a teammate named: @handle, handle or a profile link — not a post, not another site', () => {
    expect(handleFromInput('@camille_d')).toBe('camille_d');
    expect(handleFromInput('  camille_d ')).toBe('camille_d');
    expect(handleFromInput('https://x.com/camille_d')).toBe('camille_d');
    expect(handleFromInput('<https://twitter.com/camille_d|twitter.com/camille_d>')).toBe('camille_d');
    expect(handleFromInput('@camille and @hugo')).toBeNull();
    expect(handleFromInput('@this_handle_is_too_long')).toBeNull();
    expect(profileHandleInText('see x.com/nora_c.')).toBe('nora_c');
    expect(profileHandleInText('https://x.com/nora_c/status/1')).toBeNull();
    expect(profileHandleInText('https://x.com/home https://x.com/i/flow')).toBeNull();
    expect(profileHandleInText('https://box.com/nora_c')).toBeNull();
  });
});
