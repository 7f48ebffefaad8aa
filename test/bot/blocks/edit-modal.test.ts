import { describe, expect, it } from 'vitest';
import { buildEditModal, readEditSubmission } from '../../../src/bot/blocks/edit-modal';
import { EDIT_INPUT, VIEWS } from '../../../src/bot/ids';
import { viewErrors } from '../../../src/sandbox/slack';
import { viewSubmissionPayload } from '../../../src/sandbox/slack-request';

const draft = 'Thank you for following, Ada!\nOur rye guide: https://acme.example/rye';

function submitted(text: string | null, privateMetadata: string, callbackId: string = VIEWS.editWelcome) {
  return viewSubmissionPayload({ callbackId, privateMetadata, values: { [EDIT_INPUT.blockId]: { [EDIT_INPUT.actionId]: text } } }).view;
}

describe('the edit modal', () => {
  const modal = buildEditModal({ welcomeId: 42, draft, channel: 'dm', lang: 'en' });
  const input = modal.blocks[0];

  it('is prefilled with the draft in a multiline text box', () => {
    expect(input).toMatchObject({
      type: 'input',
      block_id: EDIT_INPUT.blockId,
      label: { text: 'Direct message' },
      element: { type: 'plain_text_input', action_id: EDIT_INPUT.actionId, multiline: true, initial_value: draft, max_length: 3000 },
    });
  });

  it('carries the welcome and the channel in its private metadata', () => {
    expect(modal.callback_id).toBe(VIEWS.editWelcome);
    expect(JSON.parse(modal.private_metadata as string)).toEqual({ welcomeId: 42, channel: 'dm', seenEditedAt: null });
  });

  it('leaves room for long links in a public welcome, which X counts as 23', () => {
    const mention = buildEditModal({ welcomeId: 42, draft: '@ada_bakes welcome!', channel: 'mention', lang: 'en' });
    expect(mention.blocks[0]).toMatchObject({ element: { max_length: 1000 }, label: { text: 'Public welcome' } });
  });

  it('never accepts less than the draft it is prefilled with', () => {
    const long = buildEditModal({ welcomeId: 42, draft: 'x'.repeat(1500), channel: 'mention', lang: 'en' });
    expect(long.blocks[0]).toMatchObject({ element: { max_length: 1500 } });
  });

  it('shows the audit findings under the text', () => {
    const withFindings = buildEditModal({
      welcomeId: 42,
      draft,
      channel: 'dm',
      lang: 'fr',
      findings: [{ ruleId: 'max-one-link', severity: 'error', message: 'Deux liens : gardez-en un.', start: 0, end: 5 }],
    });
    expect(withFindings.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'plain_text', text: '⛔ Bloque l’envoi : Deux liens : gardez-en un.', emoji: true }] });
    expect(withFindings.title.text).toBe('Modifier l’accueil');
  });

  it('is accepted by Slack, even with many findings', () => {
    const findings = Array.from({ length: 40 }, (_, i) => ({ ruleId: 'r', severity: 'warning' as const, message: `finding ${i}`, start: 0, end: 1 }));
    expect(viewErrors(buildEditModal({ welcomeId: 42, draft, channel: 'dm', lang: 'en', findings }), 'modal')).toEqual([]);
  });
});

describe('reading an edit submission', () => {
  it('gives back the welcome, the channel and the edited text', () => {
    const view = submitted('Thanks, Ada!\r\nEnjoy the rye.  ', JSON.stringify({ welcomeId: 42, channel: 'mention' }));
    expect(readEditSubmission(view)).toEqual({ welcomeId: 42, channel: 'mention', text: 'Thanks, Ada!\nEnjoy the rye.' });
  });

  it('round-trips what the modal was built with', () => {
    const modal = buildEditModal({ welcomeId: 7, draft, channel: 'dm', lang: 'en' });
    expect(readEditSubmission(submitted(draft, modal.private_metadata as string))).toEqual({ welcomeId: 7, channel: 'dm', text: draft, seenEditedAt: null });
  });

  it('refuses another modal, tampered metadata or an empty text', () => {
    const meta = JSON.stringify({ welcomeId: 42, channel: 'dm' });
    expect(() => readEditSubmission(submitted('hi', meta, 'other_modal'))).toThrow(/callback_id/);
    expect(() => readEditSubmission(submitted('hi', '{not json'))).toThrow(/not JSON/);
    expect(() => readEditSubmission(submitted('hi', JSON.stringify({ welcomeId: -1, channel: 'fax' })))).toThrow(/welcomeId|channel/);
    expect(() => readEditSubmission(submitted(null, meta))).toThrow(/empty/);
    expect(() => readEditSubmission(submitted('   ', meta))).toThrow(/empty/);
  });
});
