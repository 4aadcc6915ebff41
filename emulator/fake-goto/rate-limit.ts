/**
 * GoTo's documented rate limit: at most `perSecond` requests per second per API, 429 above it,
 * with GoTo's error body and no Retry-After (none is documented; `retryAfterSeconds` adds one, to
 * see how the scripts would use it).
 *
 * The window slides on an injected clock, so a benchmark can push thousands of requests through
 * on simulated time without sleeping. Only admitted requests count: a rejected one never reaches
 * the API, so it neither uses up the allowance nor changes any state.
 */

export interface RateLimitOptions {
  /** Requests admitted in any window of 1000 ms. */
  perSecond: number;
  /** Milliseconds; the fake only ever reads it. */
  clock: { now(): number };
  /** Sent as `Retry-After` with every 429; none when omitted, as GoTo documents. */
  retryAfterSeconds?: number;
}

export const RATE_LIMIT_WINDOW_MS = 1000;

export class RateLimiter {
  /** When each request still inside the window was admitted, oldest first. */
  private readonly admitted: number[] = [];

  constructor(private readonly options: RateLimitOptions) {
    const { perSecond } = options;
    if (!Number.isInteger(perSecond) || perSecond < 1) {
      throw new Error(`fake GoTo: rateLimit.perSecond must be a whole number >= 1`);
    }
  }

  get perSecond(): number {
    return this.options.perSecond;
  }

  get retryAfterSeconds(): number | undefined {
    return this.options.retryAfterSeconds;
  }

  /** True when a request arriving now is admitted (and counted); false means answer 429. */
  admit(): boolean {
    const now = this.options.clock.now();
    // A request admitted at t counts until t + 1000 ms, excluded: the window is (now - 1000, now].
    while (this.admitted.length > 0 && (this.admitted[0] ?? 0) <= now - RATE_LIMIT_WINDOW_MS) {
      this.admitted.shift();
    }
    if (this.admitted.length >= this.options.perSecond) return false;
    this.admitted.push(now);
    return true;
  }
}
