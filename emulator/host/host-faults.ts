/**
 * Faults of the host rather than of the GoTo API, which the scripts must survive: a `rest` that fires
 * `complete` twice (restler issue #155, or a faulty host), a response whose use throws inside
 * the script's handler, a host shim without `retry` or without `response.raw` (a .NET host).
 */

import type { Rest, RestRequest, RestResponse } from '../../src/host/rest';

export interface HostFaults {
  /**
   * Every attempt of a matching request fires `complete` twice: the same arguments again, `null`
   * after (#155), or the same answer in a new response object (a host that marshals the
   * response afresh for each event).
   */
  completeTwice?: { match: RequestMatch; second: 'same' | 'null' | 'copy' };
  /**
   * Reading `statusCode` of a matching response throws, as a hostile or broken host object
   * would, with `message` (by default "host response object is broken").
   */
  throwingResponse?: RequestMatch & { message?: string };
  /**
   * A matching response reports `status` as its `statusCode` instead of GoTo's: a host that hands
   * over a number HTTP has no final answer for (0, 1xx).
   */
  statusCode?: RequestMatch & { status: number };
  /** The host's requests have no `retry(ms)`. */
  noRetry?: boolean;
  /** Responses carry only `statusCode` and `headers`: no raw body text. */
  noRaw?: boolean;
}

export interface RequestMatch {
  method?: 'GET' | 'POST' | 'DELETE';
  url?: RegExp;
}

export function withHostFaults(rest: Rest, faults: HostFaults): Rest {
  const wrap =
    (method: 'GET' | 'POST' | 'DELETE', send: Rest['get']): Rest['get'] =>
    (url, options) => {
      const request = send(url, options);
      const matches = (match: RequestMatch | undefined) =>
        match !== undefined &&
        (match.method === undefined || match.method === method) &&
        (match.url === undefined || match.url.test(url));
      const wrapped: RestRequest = {
        on(event, handler) {
          if (event !== 'complete') {
            request.on(event, handler);
            return wrapped;
          }
          request.on(event, (result, response) => {
            const kept = faults.noRaw ? withoutRaw(response) : response;
            const seen =
              kept && faults.statusCode && matches(faults.statusCode)
                ? withStatus(kept, faults.statusCode.status)
                : kept;
            const given = matches(faults.throwingResponse)
              ? throwing(seen, faults.throwingResponse?.message ?? 'host response object is broken')
              : seen;
            handler.call(wrapped, result, given);
            if (faults.completeTwice && matches(faults.completeTwice.match)) {
              const { second } = faults.completeTwice;
              if (second === 'same') handler.call(wrapped, result, given);
              else if (second === 'copy')
                handler.call(wrapped, result, given && Object.create(given));
              else handler.call(wrapped, null, null);
            }
          });
          return wrapped;
        },
      };
      if (!faults.noRetry && request.retry) {
        wrapped.retry = (ms: number) => request.retry?.(ms);
      }
      return wrapped;
    };
  return {
    get: wrap('GET', (url, options) => rest.get(url, options)),
    post: wrap('POST', (url, options) => rest.post(url, options)),
    del: wrap('DELETE', (url, options) => rest.del(url, options)),
  };
}

function withStatus(response: RestResponse, statusCode: number): RestResponse {
  const { headers, raw } = response;
  return {
    statusCode,
    ...(headers === undefined ? {} : { headers }),
    ...(raw === undefined ? {} : { raw }),
  };
}

function withoutRaw(response: RestResponse | null | undefined): RestResponse | null | undefined {
  if (!response) return response;
  const { statusCode, headers } = response;
  return headers === undefined ? { statusCode } : { statusCode, headers };
}

function throwing(
  response: RestResponse | null | undefined,
  message: string,
): RestResponse | null | undefined {
  if (!response) return response;
  return new Proxy(response, {
    get(target, property, receiver) {
      if (property === 'statusCode') throw new Error(message);
      return Reflect.get(target, property, receiver);
    },
  });
}
