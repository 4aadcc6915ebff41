import type { Rest } from '../src/host/rest';

/** One attempt as the script made it; headers, and so the token, are never recorded. */
export interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** `null` when the attempt got no response (a network error). */
  status: number | null;
  /** Wall time from sending, or from the `retry(ms)` call, to the answer. */
  ms: number;
  /** The JSON body the attempt sent, decoded, so a reader sees the names and keys of a write. */
  body?: unknown;
}

/** Told as soon as the script asks to repeat a request, before the wait. */
export type OnRetry = (ms: number, call: { method: Call['method']; url: string }) => void;

/** Wraps a `rest` to record each attempt and each `retry(ms)` delay. */
export function recordCalls(
  rest: Rest,
  calls: Call[],
  retryDelays: number[],
  onRetry?: OnRetry,
): Rest {
  const wrap =
    (method: Call['method'], send: Rest['get']): Rest['get'] =>
    (url, options) => {
      // Read before sending: restler turns `data` into a Buffer as it sends.
      const body = typeof options?.data === 'string' ? decoded(options.data) : undefined;
      let started = performance.now();
      const request = send(url, options);
      request.on('complete', (_result, response) => {
        const call: Call = {
          method,
          url,
          status: response && typeof response.statusCode === 'number' ? response.statusCode : null,
          ms: Math.round(performance.now() - started),
        };
        if (body !== undefined) call.body = body;
        calls.push(call);
      });
      const retry = request.retry?.bind(request);
      if (retry) {
        request.retry = (ms: number) => {
          retryDelays.push(ms);
          onRetry?.(ms, { method, url });
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

function decoded(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
