import type { Rest } from '../../src/host/rest';

/**
 * Wraps a host `rest` to time each attempt for the local runner's call listing. The path is
 * shown relative to the API base URL; headers (and so the token) are never recorded.
 */

export interface CallTiming {
  method: string;
  path: string;
  status: number | null;
  ms: number;
}

export function timedRest(rest: Rest, baseUrl: string, timings: CallTiming[]): Rest {
  const wrap =
    (method: string, send: Rest['get']): Rest['get'] =>
    (url, options) => {
      let started = performance.now();
      const request = send(url, options);
      request.on('complete', (_result, response) => {
        timings.push({
          method,
          path: url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url,
          status: response && typeof response.statusCode === 'number' ? response.statusCode : null,
          ms: Math.round(performance.now() - started),
        });
      });
      const retry = request.retry?.bind(request);
      if (retry) {
        request.retry = (ms: number) => {
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
