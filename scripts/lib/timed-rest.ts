import type { Rest } from '../../src/host/rest';

/**
 * Wraps a host `rest` for the local runner: times each attempt, keeps the JSON body a write
 * sent, tells when the script asks to wait before a retry, and may send the requests to another
 * base URL than the one the script was built with. Paths are shown relative to the base URL;
 * headers (and so the token) are never recorded.
 */

export interface CallTiming {
  method: string;
  path: string;
  status: number | null;
  ms: number;
  /** The decoded JSON body the request carried, if any. */
  body?: unknown;
}

export interface TimedRestOptions {
  /** The base URL the script was built with. */
  baseUrl: string;
  /** Where the requests go instead; default: the built base URL. */
  sendTo?: string;
  /** Called when the script asks to repeat a request after `ms` milliseconds. */
  onWait?(ms: number, call: { method: string; path: string }): void;
}

export function timedRest(rest: Rest, timings: CallTiming[], options: TimedRestOptions): Rest {
  const { baseUrl, sendTo = baseUrl } = options;
  const wrap =
    (method: string, send: Rest['get']): Rest['get'] =>
    (url, requestOptions) => {
      const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
      const target = url.startsWith(baseUrl) ? sendTo + path : url;
      // Read before sending: restler turns `data` into a Buffer as it sends.
      const body =
        typeof requestOptions?.data === 'string' ? decoded(requestOptions.data) : undefined;
      let started = performance.now();
      const request = send(target, requestOptions);
      request.on('complete', (_result, response) => {
        const timing: CallTiming = {
          method,
          path,
          status: response && typeof response.statusCode === 'number' ? response.statusCode : null,
          ms: Math.round(performance.now() - started),
        };
        if (body !== undefined) timing.body = body;
        timings.push(timing);
      });
      const retry = request.retry?.bind(request);
      if (retry) {
        request.retry = (ms: number) => {
          options.onWait?.(ms, { method, path });
          retry(ms);
          started = performance.now() + Math.max(0, ms);
        };
      }
      return request;
    };
  return {
    get: wrap('GET', (url, options) => rest.get(url, options)),
    post: wrap('POST', (url, options) => rest.post(url, options)),
    del: wrap('DELETE', (url, options) => rest.del(url, options)),
  };
}

function decoded(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
