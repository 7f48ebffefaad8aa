// Failures the desk reports as data (an X error's kind and facts, a failed send's stored kind and
// X's detail), put into words in the desk's language. Pure.
import type { Lang, SendError, XFailure } from '../../domain';
import { t } from '../../i18n';

/** X's reason in plain words: the catalogue's sentence for its kind, filled with its facts. */
export function xErrorText(lang: Lang, error: XFailure): string {
  return t(lang).xError[error.kind](error);
}

/** Rate limits, X outages and network trouble are worth trying again (as XApiError says by default). */
const RETRYABLE = new Set<SendError['kind']>(['rate-limited', 'server', 'network']);

/** A failed send's reason, as `welcomes.error_kind` / `error_detail` hold it, in words. */
export function sendErrorText(lang: Lang, error: SendError): string {
  switch (error.kind) {
    case 'gave-up':
      return t(lang).replies.sendGaveUp;
    case 'do-not-contact':
      return t(lang).conversation.dmRefusedDoNotContact;
    case 'legacy':
      // Written before kinds were stored: the sentence as it was written then.
      return error.detail ?? t(lang).replies.unexpectedError;
    default:
      return xErrorText(lang, { kind: error.kind, status: null, resetAt: null, detail: error.detail, retryable: RETRYABLE.has(error.kind) });
  }
}
