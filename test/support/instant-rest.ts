import { getResponse, type RequestHandler } from 'msw';
import { parsers, type RestShimResponse, type ScheduleRetry, simulatedRetries } from './rest-shim';

/**
 * A `rest` that hands each request straight to msw handlers, with no HTTP stack in between:
 * for thousands of property-test runs and for measuring the script's own CPU time. It keeps what
 * the scripts rely on from restler (host-contract.md §4.5): one `complete(result, response)` per
 * attempt, the body parsed by restler's own `parsers.auto`, `response.raw`, and `retry(ms)`.
 * The HTTP details (headers on the wire, compression, redirects) are the shim's job, not this one's.
 */

type Handler = (result: unknown, response: unknown) => void;

export interface InstantRequest {
  on(event: string, handler: Handler): InstantRequest;
  retry(ms: number): void;
}

export interface InstantRest {
  get(url: string, options?: InstantOptions): InstantRequest;
  post(url: string, options?: InstantOptions): InstantRequest;
  del(url: string, options?: InstantOptions): InstantRequest;
}

interface InstantOptions {
  headers?: Record<string, string>;
  data?: string;
}

export interface InstantRestOptions {
  /** Default: simulated, the retry runs at once. */
  scheduleRetry?: ScheduleRetry;
  /**
   * How an attempt reaches the API: `deliver` answers it and fires `complete`, settling once the
   * script's handler has run. Default: on the next turn of the event loop.
   */
  transmit?: (deliver: () => Promise<void>) => void;
}

export function createInstantRest(
  handlers: RequestHandler[],
  options: InstantRestOptions = {},
): InstantRest {
  const schedule = options.scheduleRetry ?? simulatedRetries();
  const transmit = options.transmit ?? ((deliver) => setImmediate(deliver));
  const open =
    (method: string) =>
    (url: string, requestOptions: InstantOptions = {}) => {
      const listeners: { event: string; handler: Handler }[] = [];
      const emit = (event: string, result: unknown, response: unknown) => {
        for (const listener of listeners) {
          if (listener.event === event) listener.handler.call(request, result, response);
        }
      };
      const send = () =>
        transmit(() => {
          const init: RequestInit = { method, headers: requestOptions.headers ?? {} };
          if (requestOptions.data !== undefined) init.body = requestOptions.data;
          return answer(handlers, new Request(url, init)).then(
            ([result, response]) => emit('complete', result, response),
            (error: unknown) => emit('complete', error, null),
          );
        });
      const request: InstantRequest = {
        on(event, handler) {
          listeners.push({ event, handler });
          return request;
        },
        retry(ms) {
          schedule(ms, send);
        },
      };
      send();
      return request;
    };
  return { get: open('GET'), post: open('POST'), del: open('DELETE') };
}

async function answer(handlers: RequestHandler[], request: Request): Promise<[unknown, unknown]> {
  const response = await getResponse(handlers, request);
  if (!response) throw new Error(`no handler for ${request.method} ${request.url}`);
  if (response.type === 'error') {
    return [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), null];
  }
  const raw = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const restResponse = { statusCode: response.status, headers, raw } as unknown as RestShimResponse;
  const result = await new Promise<unknown>((resolve) => {
    parsers.auto.call(restResponse, raw.toString('utf8'), (error, parsed) =>
      resolve(error ?? parsed),
    );
  });
  return [result, restResponse];
}
