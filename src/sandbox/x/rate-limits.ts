// Rate limits: fixed windows per endpoint, per user, with the headers X sends.

export const FIFTEEN_MINUTES = 15 * 60_000;
export const ONE_DAY = 24 * 60 * 60_000;

export interface RateLimitedRoute {
  key: string;
  /** Requests per 15-minute window. */
  limit: number;
  dailyLimit?: number;
  /** Limits answered with 429 when the fake enforces rate limits. */
  enforced?: boolean;
}

interface Window {
  limit: number;
  span: number;
  start: number;
  used: number;
}

export class RateLimits {
  private windows = new Map<string, Window>();
  constructor(private now: () => number) {}

  private window(key: string, limit: number, span: number): Window {
    let w = this.windows.get(key);
    if (!w || this.now() >= w.start + w.span) {
      w = { limit, span, start: this.now(), used: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  /** Counts one request; returns the headers to send and whether a limit was already spent. */
  take(route: RateLimitedRoute, enforce: boolean): { headers: Record<string, string>; exceeded: boolean } {
    const short = this.window(route.key, route.limit, FIFTEEN_MINUTES);
    const daily = route.dailyLimit ? this.window(`${route.key}#day`, route.dailyLimit, ONE_DAY) : null;
    const exceeded = enforce && route.enforced === true && (short.used >= short.limit || (daily !== null && daily.used >= daily.limit));
    if (!exceeded) {
      short.used += 1;
      if (daily) daily.used += 1;
    }
    const reset = (w: Window) => String(Math.ceil((w.start + w.span) / 1000));
    const remaining = (w: Window) => String(Math.max(0, w.limit - w.used));
    const headers: Record<string, string> = {
      'x-rate-limit-limit': String(short.limit),
      'x-rate-limit-remaining': remaining(short),
      'x-rate-limit-reset': reset(short),
    };
    if (daily) {
      headers['x-user-limit-24hour-limit'] = String(daily.limit);
      headers['x-user-limit-24hour-remaining'] = remaining(daily);
      headers['x-user-limit-24hour-reset'] = reset(daily);
    }
    return { headers, exceeded };
  }
}
