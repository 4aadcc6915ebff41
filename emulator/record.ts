import type { Rest } from '../src/host/rest';

/** One attempt as the script made it; headers, and so the token, are never recorded. */
export interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** `null` when the attempt got no response (a network error). */
  status: number | null;
  /** Wall time from sending, or from the `retry(ms)` call, to the answer. */
  ms: number;
}

/** Wraps a `rest` to record each attempt and each `retry(ms)` delay. */
export function recordCalls(rest: Rest, calls: Call[], retryDelays: number[]): Rest {
  const wrap =
    (method: Call['method'], send: Rest['get']): Rest['get'] =>
    (url, options) => {
      let started = performance.now();
      const request = send(url, options);
      request.on('complete', (_result, response) => {
        calls.push({
          method,
          url,
          status: response && typeof response.statusCode === 'number' ? response.statusCode : null,
          ms: Math.round(performance.now() - started),
        });
      });
      const retry = request.retry?.bind(request);
      if (retry) {
        request.retry = (ms: number) => {
          retryDelays.push(ms);
          retry(ms);
          started = performance.now();
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
