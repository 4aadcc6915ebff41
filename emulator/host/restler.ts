import { createRequire } from 'node:module';
import type { Rest, RestOptions, RestRequest } from '../../src/host/rest';
import type { Clock } from '../clock';

/**
 * The host's `rest`: npm `restler` 3.4.0 itself, the library the MyWorkspace host exposes. msw
 * intercepts its Node `http` requests, so it talks to the fake GoTo API without a network. The
 * one change: `retry(ms)` fires on the given clock instead of restler's `setTimeout`, through
 * restler's own `_retry`, which re-sends the same request to the same listeners.
 * test/emulator/restler.conformance.test.ts pins the restler behaviour the scripts depend on.
 */

type Parser = (
  this: unknown,
  body: string,
  callback: (error: Error | null, result?: unknown) => void,
) => void;

interface RestlerRequest extends RestRequest {
  retry(ms: number): void;
  _retry(): void;
}

interface Restler {
  get(url: string, options?: RestOptions): RestlerRequest;
  post(url: string, options?: RestOptions): RestlerRequest;
  del(url: string, options?: RestOptions): RestlerRequest;
  parsers: { auto: Parser };
}

export const restler = createRequire(import.meta.url)('restler') as Restler;

/** restler with its own `setTimeout` retries when no clock is given (a run against the real API). */
export function restlerRest(clock?: Clock): Rest {
  if (!clock) return restler;
  const send =
    (method: 'get' | 'post' | 'del'): Rest['get'] =>
    (url, options) => {
      const request = restler[method](url, options);
      request.retry = (ms) => clock.retry(ms, () => request._retry());
      return request;
    };
  return { get: send('get'), post: send('post'), del: send('del') };
}
