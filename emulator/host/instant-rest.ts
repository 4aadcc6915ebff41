import { getResponse, type RequestHandler } from 'msw';
import type { Rest, RestOptions, RestRequest } from '../../src/host/rest';
import type { Clock } from '../clock';
import { restler } from './restler';

/**
 * A `rest` that hands each request straight to msw handlers, with no HTTP stack in between:
 * for thousands of property-test runs and for measuring the script's own CPU time. It keeps what
 * the scripts rely on from restler: one `complete(result, response)` per attempt on a later turn
 * of the event loop, the body parsed by restler's own `parsers.auto`, `response.raw`, and
 * `retry(ms)` and each request's round trip on the given clock, and restler's `timeout` option:
 * an answer that has not come within it fires `timeout` and never `complete` (measured in real
 * time, the only time a slow handler takes here). Redirects are never followed, as with
 * `followRedirects: false`. The HTTP details (headers on the wire, compression) are restler's,
 * not this one's.
 */
export interface InstantRest extends Rest {
  /**
   * Settles once no attempt is on its way and no retry is waiting, after the next turn of the
   * event loop: from then on nothing more can happen to a run on the instant clock.
   */
  whenQuiet(): Promise<void>;
}

export function createInstantRest(handlers: readonly RequestHandler[], clock: Clock): InstantRest {
  /** Attempts sent and not yet handled, and retries not yet fired. */
  let pending = 0;
  const waiting: (() => void)[] = [];
  const checkQuiet = () => {
    if (pending > 0 || waiting.length === 0) return;
    setImmediate(() => {
      if (pending === 0) for (const resolve of waiting.splice(0)) resolve();
    });
  };
  const open =
    (method: string): Rest['get'] =>
    (url: string, options: RestOptions = {}) => {
      const listeners: ((result: unknown, response: never) => void)[] = [];
      const timeoutListeners: ((ms: unknown, response: never) => void)[] = [];
      /** As restler: once timed out, a request stays aborted and reports nothing more. */
      let aborted = false;
      const deliver = () => {
        const init: RequestInit = { method, headers: options.headers ?? {} };
        if (options.data !== undefined) init.body = options.data;
        const limit = options.timeout;
        const timer =
          limit === undefined
            ? undefined
            : setTimeout(() => {
                aborted = true;
                for (const listener of timeoutListeners)
                  listener.call(request, limit, null as never);
              }, limit);
        const settle = (result: unknown, response: unknown) => {
          clearTimeout(timer);
          if (aborted) return;
          for (const listener of listeners) listener.call(request, result, response as never);
        };
        return answer(handlers, new Request(url, init)).then(
          ([result, response]) => settle(result, response),
          (error: unknown) => settle(error, null),
        );
      };
      const tracked = () =>
        deliver().finally(() => {
          pending -= 1;
          checkQuiet();
        });
      const send = () => {
        pending += 1;
        if (clock.transmit) clock.transmit(tracked);
        else setImmediate(tracked);
      };
      const request: RestRequest = {
        on(event, handler) {
          if (event === 'complete') listeners.push(handler);
          if (event === 'timeout') timeoutListeners.push(handler);
          return request;
        },
        retry(ms) {
          pending += 1;
          clock.retry(ms, () => {
            send();
            pending -= 1;
          });
        },
      };
      send();
      return request;
    };
  return {
    get: open('GET'),
    post: open('POST'),
    del: open('DELETE'),
    whenQuiet: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        // Checked on a later turn: the script that is about to start sends in between.
        setImmediate(checkQuiet);
      }),
  };
}

async function answer(
  handlers: readonly RequestHandler[],
  request: Request,
): Promise<[unknown, unknown]> {
  const response = await getResponse([...handlers], request);
  if (!response) throw new Error(`no handler for ${request.method} ${request.url}`);
  if (response.type === 'error') {
    return [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), null];
  }
  const raw = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const restResponse = { statusCode: response.status, headers, raw };
  const result = await new Promise<unknown>((resolve) => {
    restler.parsers.auto.call(restResponse, raw.toString('utf8'), (error, parsed) =>
      resolve(error ?? parsed),
    );
  });
  return [result, restResponse];
}
