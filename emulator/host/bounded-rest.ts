import type { Rest, RestRequest } from '../../src/host/rest';

/**
 * The bounds of one emulated run: at most MAX_ATTEMPTS attempts (requests and retries), and no
 * answer reaches the script once the run is over (what it sends still reaches the API, so a
 * test sees a request made after the end). A script that keeps sending (a read-back that never ends)
 * is stopped here: its run never reaches `done`, which the test reports, and nothing keeps
 * running after the test, where it would otherwise grow until the worker runs out of memory.
 */

/** Far above any run's attempts: a run within the retry budget makes at most a few hundred. */
export const MAX_ATTEMPTS = 5000;

export interface Bounds {
  rest: Rest;
  /** Ends the run: no answer reaches the script after this, so it cannot go on. */
  close(): void;
  /** Whether the run was stopped for making more attempts than allowed. */
  exceeded(): boolean;
}

export function boundedRest(rest: Rest, maxAttempts = MAX_ATTEMPTS): Bounds {
  let open = true;
  let attempts = 0;
  let over = false;
  /** One more attempt, unless the run is past the bound. */
  const admit = () => {
    attempts += 1;
    if (attempts > maxAttempts) over = true;
    return !over;
  };
  const silent: RestRequest = { on: () => silent };
  const wrap =
    (send: Rest['get']): Rest['get'] =>
    (url, options) => {
      if (!admit()) return silent;
      const request = send(url, options);
      const wrapped: RestRequest = {
        on(event, handler) {
          request.on(event, function (this: unknown, result, response) {
            if (open && !over) handler.call(this, result, response);
          });
          return wrapped;
        },
      };
      const retry = request.retry?.bind(request);
      if (retry) {
        wrapped.retry = (ms: number) => {
          if (admit()) retry(ms);
        };
      }
      return wrapped;
    };
  return {
    rest: {
      get: wrap((url, options) => rest.get(url, options)),
      post: wrap((url, options) => rest.post(url, options)),
      del: wrap((url, options) => rest.del(url, options)),
    },
    close: () => {
      open = false;
    },
    exceeded: () => over,
  };
}
