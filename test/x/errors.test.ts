import { xErrorText } from '../../src/bot/blocks/failures';
import { describe, expect, it } from 'vitest';
import { createXClient, getAuthenticatedUser, sendDirectMessage, XApiError, X_API_ERROR_KINDS } from '../../src/x/api';
import { toXApiError } from '../../src/x/errors';
import { startFakeX } from '../../src/sandbox/x';

describe('explaining X\'s refusals on the card', () => {
  it.each(X_API_ERROR_KINDS)('says what "%s" means, in French and in English', (kind) => {
    const error = new XApiError({ kind, operation: 'send-dm', status: 400, resetAt: new Date('2026-03-01T14:30:00Z') });

    const fr = xErrorText('fr', error);
    const en = xErrorText('en', error);

    expect(fr.length).toBeGreaterThan(20);
    expect(en.length).toBeGreaterThan(20);
    expect(fr).not.toBe(en);
  });

  it('quotes X\'s own reason when it gave one', () => {
    const error = new XApiError({ kind: 'invalid', operation: 'post', status: 400, detail: 'Your Tweet text is too long.' });

    expect(xErrorText('en', error)).toBe('X rejected the request as invalid. (Your Tweet text is too long.)');
  });

  it('lets faults in our own code through untouched rather than blaming X', () => {
    const bug = new TypeError('cannot read properties of undefined');

    expect(() => toXApiError(bug, 'read-account')).toThrow(bug);
  });
});

describe('when X cannot be reached at all', () => {
  async function unreachableClient() {
    const fake = await startFakeX();
    await fake.close();
    return createXClient(fake.clientCredentials);
  }

  it('a read is worth trying again', async () => {
    const error = await getAuthenticatedUser(await unreachableClient()).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'network', status: null, retryable: true });
  });

  it('a DM that never left is safe to try again', async () => {
    const error = await sendDirectMessage(await unreachableClient(), '1600000000000000001', 'Merci !').catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(xErrorText('fr', error as XApiError)).toContain('nouvel essai plus tard');
  });
});
