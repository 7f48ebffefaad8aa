import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import type { XErrorKind } from '../domain';

export { X_ERROR_KINDS as X_API_ERROR_KINDS } from '../domain';
export type XApiErrorKind = XErrorKind;

/** What we were asking X to do, so a 403 can be read in context. */
export type XOperation =
  | 'read-account'
  | 'read-followers'
  | 'lookup-users'
  | 'send-dm'
  | 'post'
  | 'read-dm-events'
  | 'read-mentions'
  | 'read-posts'
  | 'manage-webhooks';

interface XApiErrorInit {
  kind: XApiErrorKind;
  operation: XOperation;
  status: number | null;
  resetAt?: Date | null;
  detail?: string | null;
  /** Overrides the kind's default, e.g. when a retry could send something twice. */
  retryable?: boolean;
}

/**
 * Any failure talking to X, reduced to what the product acts on. It deliberately keeps no
 * reference to the library's request object, whose headers hold the OAuth signature.
 */
export class XApiError extends Error {
  override readonly name = 'XApiError';
  readonly kind: XApiErrorKind;
  readonly operation: XOperation;
  /** HTTP status, or null when no answer came back. */
  readonly status: number | null;
  /** When X's rate-limit window reopens (429 only). */
  readonly resetAt: Date | null;
  /** Worth trying again later: rate limits (after resetAt), X outages, network trouble. */
  readonly retryable: boolean;
  /** X's own explanation when it gave one beyond the bare status. */
  readonly detail: string | null;

  constructor(init: XApiErrorInit) {
    super(summary(init));
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.resetAt = init.resetAt ?? null;
    this.detail = init.detail ?? null;
    this.retryable = init.retryable ?? (init.kind === 'rate-limited' || init.kind === 'server' || init.kind === 'network');
  }
}

function summary({ kind, operation, status, detail }: XApiErrorInit): string {
  const head = `X ${operation} failed (${kind}${status === null ? '' : `, HTTP ${status}`})`;
  return detail ? `${head}: ${detail}` : head;
}

// Problem types meaning the app itself may not call the endpoint, whatever the recipient's settings.
const APP_LEVEL_PROBLEM = /client-forbidden|unsupported-authentication|usage-capped|credits/i;

/** Turns whatever the X client threw into an XApiError. */
export function toXApiError(error: unknown, operation: XOperation): XApiError {
  if (error instanceof XApiError) return error;
  if (error instanceof ApiResponseError) return fromResponse(error, operation);
  if (error instanceof ApiRequestError || error instanceof ApiPartialResponseError) {
    return fromNetworkFailure(error, operation);
  }
  // Anything else is a fault in our code, not an answer from X: let it surface as it is.
  throw error;
}

function fromResponse(error: ApiResponseError, operation: XOperation): XApiError {
  const status = error.code;
  const detail = explanation(error.data);
  const base = { operation, status, detail };
  if (status === 429) return new XApiError({ ...base, kind: 'rate-limited', resetAt: resetTime(error) });
  if (status === 401) return new XApiError({ ...base, kind: 'unauthorized' });
  if (status === 403) {
    const appLevel = APP_LEVEL_PROBLEM.test(`${error.data?.type ?? ''} ${detail ?? ''}`);
    // X answers a DM the recipient's settings refuse with a bare 403.
    const kind = operation === 'send-dm' && !appLevel ? 'dm-refused' : 'forbidden';
    return new XApiError({ ...base, kind });
  }
  if (status === 402) return new XApiError({ ...base, kind: 'forbidden' });
  if (status === 404) return new XApiError({ ...base, kind: 'not-found' });
  if (status >= 500) return new XApiError({ ...base, kind: 'server' });
  return new XApiError({ ...base, kind: 'invalid' });
}

// Failures that prove the request never reached X, so even a write is safe to repeat.
const NEVER_REACHED_X = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const WRITES: ReadonlySet<XOperation> = new Set(['send-dm', 'post']);

function fromNetworkFailure(error: ApiRequestError | ApiPartialResponseError, operation: XOperation): XApiError {
  const code = (socketError(error) as NodeJS.ErrnoException | undefined)?.code;
  if (!WRITES.has(operation) || (error instanceof ApiRequestError && code && NEVER_REACHED_X.has(code))) {
    return new XApiError({ kind: 'network', operation, status: null, detail: code ?? null });
  }
  // The connection broke after X may have acted: repeating a DM or a post could send it twice.
  return new XApiError({
    kind: 'network',
    operation,
    status: null,
    retryable: false,
    detail: 'the connection broke mid-request; it may have been sent, check X before sending again',
  });
}

function socketError(error: ApiRequestError | ApiPartialResponseError): unknown {
  if (error instanceof ApiPartialResponseError) return error.responseError;
  // twitter-api-v2 1.29 stores the cause as `error` but its `requestError` getter reads another key.
  return error.requestError ?? (error as unknown as { _options?: { error?: unknown } })._options?.error;
}

/** X's words beyond the status line, or null when it only repeated the status. */
function explanation(data: ApiResponseError['data'] | undefined): string | null {
  if (!data || typeof data !== 'object') return null;
  const first = data.errors?.[0];
  // An invalid-request problem's `detail` is always the same sentence; its errors say what was wrong.
  const candidates = [first && 'message' in first ? first.message : undefined, data.detail, data.error];
  const text = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  if (!text) return null;
  const bare = [data.title, 'Forbidden', 'Unauthorized', 'Not Found', 'Too Many Requests'];
  if (bare.some((b) => typeof b === 'string' && b.toLowerCase() === text.trim().toLowerCase())) return null;
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** The later of the 15-minute and the 24-hour windows when the daily one is spent. */
function resetTime(error: ApiResponseError): Date | null {
  const seconds = [Number(error.headers?.['x-rate-limit-reset'])];
  if (error.headers?.['x-user-limit-24hour-remaining'] === '0') {
    seconds.push(Number(error.headers['x-user-limit-24hour-reset']));
  }
  const valid = seconds.filter((s) => Number.isFinite(s) && s > 0);
  return valid.length ? new Date(Math.max(...valid) * 1000) : null;
}

/** Runs one call to X, turning its failures into XApiError. */
export async function callX<T>(operation: XOperation, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toXApiError(error, operation);
  }
}
