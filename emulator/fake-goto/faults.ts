/**
 * Per-test fault injection. A rule answers matching requests instead of (`when: 'before'`, the
 * default) or after (`'after'`: the request changes the state, then its response is lost)
 * the normal handling. Rules are tried in the order they were injected; the first matching rule
 * with uses left applies, and only one rule applies to a request.
 */

export type FaultResponse =
  | {
      status: number;
      /** Sent as is. Omitted: an empty body below 400, a GoTo error body from 400 on. */
      body?: string;
      /** Default `application/json` when a body is sent; '' sends no content-type. */
      contentType?: string;
      headers?: Record<string, string>;
    }
  | { networkError: true }
  /** Delays the normal answer. */
  | { delayMs: number };

export interface FaultRule {
  /** Case-insensitive; any method when omitted. */
  method?: string;
  /**
   * Matched against the path after the base URL, query included (e.g.
   * `/accounts/1/users?filter=…`). A string matches that path exactly, or, when the string has
   * no `?`, the path without its query. A RegExp is tested against the path with its query.
   */
  path?: RegExp | string;
  /** Default 1; Infinity = always. */
  times?: number;
  when?: 'before' | 'after';
  respond: FaultResponse;
}

export interface ActiveFault {
  when: 'before' | 'after';
  respond: FaultResponse;
}

interface QueuedFault {
  rule: FaultRule;
  left: number;
}

export class FaultQueue {
  private readonly queue: QueuedFault[] = [];

  inject(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!(times >= 1) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new Error(`fake GoTo: fault times must be a whole number >= 1 or Infinity`);
    }
    validate(rule.respond);
    this.queue.push({ rule, left: times });
  }

  /** The fault for a request, using up one of its times; undefined when none matches. */
  take(method: string, path: string): ActiveFault | undefined {
    const index = this.queue.findIndex((q) => q.left > 0 && matches(q.rule, method, path));
    const queued = this.queue[index];
    if (queued === undefined) return undefined;
    queued.left -= 1;
    if (queued.left <= 0) this.queue.splice(index, 1);
    return { when: queued.rule.when ?? 'before', respond: queued.rule.respond };
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  const want = rule.path;
  if (want === undefined) return true;
  if (typeof want === 'string') {
    return want === path || (!want.includes('?') && want === path.split('?')[0]);
  }
  want.lastIndex = 0;
  return want.test(path);
}

const NO_BODY_STATUSES = new Set([204, 205, 304]);

function validate(respond: FaultResponse): void {
  if ('status' in respond) {
    const { status } = respond;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new Error(`fake GoTo: fault status ${status} is not 200..599`);
    }
    if (NO_BODY_STATUSES.has(status) && respond.body !== undefined && respond.body !== '') {
      throw new Error(`fake GoTo: status ${status} cannot carry a body`);
    }
  } else if ('delayMs' in respond) {
    if (!(respond.delayMs >= 0)) throw new Error('fake GoTo: delayMs must be >= 0');
  }
}
