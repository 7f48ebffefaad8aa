import { describe, expect, it } from 'vitest';
import { sendErrorText, xErrorText } from '../../../src/bot/blocks/failures';
import { SEND_ERROR_KINDS } from '../../../src/domain';
import { t } from '../../../src/i18n';

describe('a failed send, stored as a kind and X’s detail, in words', () => {
  it.each(SEND_ERROR_KINDS.filter((kind) => kind !== 'legacy'))('words "%s" in each language', (kind) => {
    const fr = sendErrorText('fr', { kind, detail: null });
    const en = sendErrorText('en', { kind, detail: null });
    expect(fr.length).toBeGreaterThan(20);
    expect(en.length).toBeGreaterThan(20);
    expect(fr).not.toBe(en);
  });

  it('follows the reader’s language, with X’s own detail quoted', () => {
    const stored = { kind: 'dm-refused', detail: 'You cannot send messages to users who are not following you.' } as const;
    expect(sendErrorText('en', stored)).toBe('X refused the DM: this person does not accept direct messages from you. (You cannot send messages to users who are not following you.)');
    expect(sendErrorText('fr', stored)).toBe('X a refusé le message privé : cette personne n’accepte pas vos messages privés. (You cannot send messages to users who are not following you.)');
    expect(sendErrorText('fr', { kind: 'gave-up', detail: null })).toBe(t('fr').replies.sendGaveUp);
  });

  it('shows a sentence stored before kinds were as it was written', () => {
    expect(sendErrorText('en', { kind: 'legacy', detail: 'X a refusé le message privé.' })).toBe('X a refusé le message privé.');
  });

  it('words an X failure the same way as the stored kind', () => {
    const failure = { kind: 'not-found', status: 404, resetAt: null, detail: null, retryable: false } as const;
    expect(xErrorText('en', failure)).toBe(sendErrorText('en', { kind: 'not-found', detail: null }));
  });
});
