/**
 * GoTo's documented rate limit: at most `perSecond` requests per second per API, 429 above it,
 * with GoTo's error body and no Retry-After (none is documented; `retryAfterSeconds` adds one, to
 * see how the scripts would use it).
 *
 * The window slides on an injected clock, so a benchmark can push thousands of requests through
 * on simulated time without sleeping. A rejected request never reaches the API: it changes no
 * state. GoTo does not say whether it counts against the window, so there are two modes:
 * `lenient` counts only admitted requests (a refused one costs nothing); `strict` counts every
 * request that arrives, refused or not, as a sliding log kept by the gateway does, so a limiter
 * offered more than `perSecond` stays full for as long as the offer lasts.
 */

export type RateLimitMode = 'lenient' | 'strict';

export interface RateLimitOptions {
  /** Requests admitted in any window of 1000 ms. */
  perSecond: number;
  /** Milliseconds; the fake only ever reads it. */
  clock: { now(): number };
  /** Sent as `Retry-After` with every 429; none when omitted, as GoTo documents. */
  retryAfterSeconds?: number;
  /** Whether refused requests count against the window; default `lenient`, they do not. */
  mode?: RateLimitMode;
}

export const RATE_LIMIT_WINDOW_MS = 1000;

export class RateLimiter {
  /** When each request still inside the window arrived (admitted ones only when lenient), oldest first. */
  private readonly counted: number[] = [];

  constructor(private readonly options: RateLimitOptions) {
    const { perSecond, mode } = options;
    if (!Number.isInteger(perSecond) || perSecond < 1) {
      throw new Error(`fake GoTo: rateLimit.perSecond must be a whole number >= 1`);
    }
    if (mode !== undefined && mode !== 'lenient' && mode !== 'strict') {
      throw new Error(`fake GoTo: rateLimit.mode must be "lenient" or "strict"`);
    }
  }

  get perSecond(): number {
    return this.options.perSecond;
  }

  get retryAfterSeconds(): number | undefined {
    return this.options.retryAfterSeconds;
  }

  get mode(): RateLimitMode {
    return this.options.mode ?? 'lenient';
  }

  /** True when a request arriving now is admitted; false means answer 429. */
  admit(): boolean {
    const now = this.options.clock.now();
    // A request counted at t counts until t + 1000 ms, excluded: the window is (now - 1000, now].
    while (this.counted.length > 0 && (this.counted[0] ?? 0) <= now - RATE_LIMIT_WINDOW_MS) {
      this.counted.shift();
    }
    const admitted = this.counted.length < this.options.perSecond;
    if (admitted || this.mode === 'strict') this.counted.push(now);
    return admitted;
  }
}
