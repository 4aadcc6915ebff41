import { parseJsonLossless } from '../common/lossless-json';
import type { Rest, RestOptions, RestRequest, RestResponse } from '../host/rest';
import type { CallRecord } from '../host/result';
import { nextWait, type WaitPlan } from './backoff';

/**
 * One GoTo Admin API request over the host's `rest`: headers, the body as a JSON string, reading
 * restler's `complete` into an answer, and bounded retries through the request's own `retry(ms)`
 * (the script has no timer of its own).
 */

export type Method = CallRecord['method'];

export interface ApiRequest {
  method: Method;
  /** Relative to the base URL, query included, every value already encoded. */
  path: string;
  body?: unknown;
}

export type Body =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string };

/** `retries` of this request, and `waitedMs`, what the whole run had waited by then. */
export type Answer =
  | {
      kind: 'response';
      status: number;
      body: Body;
      retries: number;
      waitedMs: number;
      retryAfterSeconds?: number;
      /** The retries ended because Retry-After asked for more than was left of the budget. */
      retryAfterTooLong?: boolean;
      /** A 3xx's `Location`: the host it names, '' for a path on the API's own host. */
      redirectHost?: string;
    }
  | { kind: 'no-response'; error: string; retries: number; waitedMs: number };

export interface Transport {
  send(request: ApiRequest, onAnswer: (answer: Answer) => void): void;
}

export interface TransportConfig {
  rest: Rest;
  baseUrl: string;
  accessToken: string;
  /** Retries of one request after a 502/503/504 or no answer. */
  maxRetries: number;
  /** What one run may wait in all, 429s included, in seconds. */
  retryBudgetSeconds: number;
  record(call: CallRecord): void;
  /** Called when handling an answer throws: the run must still end exactly once. */
  crash(error: unknown): void;
  /** True once the run has ended: nothing more is sent or handled. */
  ended(): boolean;
}

export function createTransport(config: TransportConfig): Transport {
  let waitedMs = 0;
  return {
    send(request, onAnswer) {
      if (config.ended()) return;
      const pending = startRequest(config, request);
      let retries = 0;
      // 429s have the budget as their bound; only the other retries count against maxRetries,
      // so that a request refused a few times for the rate limit still gets its gateway retries.
      let otherRetries = 0;
      let settled = false;
      const handled: unknown[] = [];
      pending.on('complete', (result, response) => {
        try {
          // restler may fire `complete` twice for one attempt (issue #155: an Error, then null),
          // and a faulty host could repeat it: act once per attempt, identified by its objects.
          // Each attempt brings a new response or error object, as in restler and any host that
          // marshals a new HTTP response into the script.
          const attempt = response || result;
          if (settled || config.ended() || !attempt || handled.indexOf(attempt) >= 0) return;
          handled.push(attempt);
          const answer = readAnswer(result, response, retries, waitedMs);
          config.record({
            method: request.method,
            path: request.path,
            status: answer.kind === 'response' ? answer.status : null,
          });
          const delay = retryDelay(answer, request.method, otherRetries, config);
          if (delay !== undefined && typeof pending.retry === 'function') {
            retries += 1;
            if (answer.kind === 'no-response' || answer.status !== 429) otherRetries += 1;
            waitedMs += delay;
            pending.retry(delay);
            return;
          }
          settled = true;
          onAnswer(answer);
        } catch (error) {
          settled = true;
          config.crash(error);
        }
      });
    },
  };
}

function startRequest(config: TransportConfig, request: ApiRequest): RestRequest {
  const headers: { [name: string]: string } = {
    Authorization: `Bearer ${config.accessToken}`,
    Accept: 'application/json',
  };
  // The token goes to the API's host only: no redirect is followed (docs/host-contract.md).
  const options: RestOptions = { headers, followRedirects: false };
  if (request.body !== undefined) {
    // A string body: restler would send an object as a form (docs/host-contract.md).
    headers['Content-Type'] = 'application/json';
    options.data = JSON.stringify(request.body);
  }
  const url = config.baseUrl + request.path;
  if (request.method === 'GET') return config.rest.get(url, options);
  if (request.method === 'POST') return config.rest.post(url, options);
  return config.rest.del(url, options);
}

/**
 * Reads and 429s are re-sent as they are. A write that got no answer, or a gateway error that
 * may hide a write that went through, is not: the caller reads the state back first. A 429 is
 * retried while the run's wait budget lasts; the others at most `maxRetries` times, within it too.
 */
function retryDelay(
  answer: Answer,
  method: Method,
  otherRetries: number,
  config: TransportConfig,
): number | undefined {
  const rateLimited = answer.kind === 'response' && answer.status === 429;
  const retryable =
    answer.kind === 'no-response'
      ? method === 'GET'
      : rateLimited || (method === 'GET' && isGatewayStatus(answer.status));
  if (!retryable || (!rateLimited && otherRetries >= config.maxRetries)) return undefined;
  const plan: WaitPlan = {
    retries: answer.retries,
    waitedMs: answer.waitedMs,
    budgetMs: config.retryBudgetSeconds * 1000,
  };
  if (answer.kind === 'response' && answer.retryAfterSeconds !== undefined) {
    plan.retryAfterSeconds = answer.retryAfterSeconds;
  }
  const wait = nextWait(plan);
  if (wait.kind === 'wait') return wait.ms;
  if (wait.retryAfterTooLong && answer.kind === 'response') answer.retryAfterTooLong = true;
  return undefined;
}

export function isGatewayStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

function readAnswer(
  result: unknown,
  response: RestResponse | null | undefined,
  retries: number,
  waitedMs: number,
): Answer {
  const status = response ? response.statusCode : undefined;
  if (!response || typeof status !== 'number') {
    return { kind: 'no-response', error: describeError(result), retries, waitedMs };
  }
  const body = readBody(result, response);
  const answer: Answer = { kind: 'response', status, body, retries, waitedMs };
  const retryAfter = retryAfterSeconds(response);
  if (retryAfter !== undefined) answer.retryAfterSeconds = retryAfter;
  const location = status >= 300 && status < 400 ? header(response, 'location') : undefined;
  if (location !== undefined) answer.redirectHost = hostOf(location);
  return answer;
}

function header(response: RestResponse, name: string): string | undefined {
  const value = response.headers ? response.headers[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** The host of an absolute or scheme-relative URL, without any user:password@; '' for a path. */
function hostOf(url: string): string {
  const authority = /^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/([^/?#\s]*)/.exec(url);
  if (!authority || authority[1] === undefined) return '';
  const host = authority[1].slice(authority[1].lastIndexOf('@') + 1);
  return host.length > 100 ? `${host.slice(0, 100)}…` : host;
}

/** The raw text when the host gives it (exact 64-bit keys), else what restler parsed. */
function readBody(result: unknown, response: RestResponse): Body {
  if (response.raw !== undefined && response.raw !== null)
    return bodyFromText(String(response.raw));
  if (typeof result === 'string') return bodyFromText(result);
  if (result === null || result === undefined) return { kind: 'empty' };
  if (isError(result)) return { kind: 'text', text: describeError(result) };
  return { kind: 'json', value: result };
}

function bodyFromText(text: string): Body {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: parseJsonLossless(text) };
  } catch (_) {
    return { kind: 'text', text };
  }
}

function retryAfterSeconds(response: RestResponse): number | undefined {
  const value = header(response, 'retry-after');
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return parseInt(value, 10);
  const date = Date.parse(value);
  return isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Errors may come from another realm (a .NET host's engine, a vm context): no `instanceof`. */
export function isError(value: unknown): value is { message?: unknown; code?: unknown } {
  return Object.prototype.toString.call(value) === '[object Error]';
}

function describeError(value: unknown): string {
  if (isError(value)) {
    if (typeof value.code === 'string' && value.code !== '') return value.code;
    if (typeof value.message === 'string' && value.message !== '') return value.message;
  }
  return 'no response';
}
