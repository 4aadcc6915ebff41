import { restlerRest } from '../../emulator';
import type { Callback, Reply } from '../../src/goto/client';
import { type ApiRequest, createTransport, type Transport } from '../../src/goto/transport';
import type { RestResponse } from '../../src/host/rest';
import { DEFAULT_OPTIONS } from '../../src/options';

/**
 * The administrator's tools talk to GoTo through the product's own transport (headers, retries
 * with back-off, lossless keys, failure messages) over the host's `rest` as the emulator provides
 * it (npm restler on Node's HTTPS), its retries on real timers. On top, every attempt, retries
 * included, waits for a slot so that the tools stay under GoTo's 10 requests per second.
 */

export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * GoTo allows 10 requests per second per API, shared with the workflows running in MyWorkspace
 * at the same time: the tools keep a margin and use at most 8.
 */
export const REQUESTS_PER_SECOND = 8;
const WINDOW_MS = 1000;

export interface ConnectionOptions {
  apiBaseUrl: string;
  accessToken: string;
  timer?: Timer;
  requestsPerSecond?: number;
}

export interface Connection {
  /** Runs one read from `src/goto` to its reply; rejects only when handling an answer threw. */
  ask<T>(read: (transport: Transport, callback: Callback<T>) => void): Promise<Reply<T>>;
  /**
   * Sends `count` GETs of `path` at once, neither paced nor retried, and gives each one's answer:
   * only for probing the rate limit itself, which the pacing is there to avoid.
   */
  burst(path: string, count: number): Promise<RawAnswer[]>;
}

/** One attempt as it came back: `status` null when there was no answer; lower-case header names. */
export interface RawAnswer {
  status: number | null;
  headers: Record<string, string>;
}

export function connect(options: ConnectionOptions): Connection {
  const timer = options.timer ?? realTimer;
  const slot = pacer(options.requestsPerSecond ?? REQUESTS_PER_SECOND, timer);
  const pending = new Set<(error: unknown) => void>();
  const rest = restlerRest({
    retry: (ms, fire) => {
      timer
        .sleep(ms)
        .then(slot)
        .then(fire, (error: unknown) => crash(error));
    },
  });
  const crash = (error: unknown) => {
    for (const reject of pending) reject(error);
    pending.clear();
  };
  const transport = createTransport({
    rest,
    baseUrl: options.apiBaseUrl,
    accessToken: options.accessToken,
    maxRetries: DEFAULT_OPTIONS.maxRetries,
    retryBudgetSeconds: DEFAULT_OPTIONS.retryBudgetSeconds,
    // The tools report what they found, not the calls a workflow result lists.
    record: () => {},
    crash,
    ended: () => false,
  });
  const paced: Transport = {
    send(request: ApiRequest, onAnswer) {
      slot().then(
        () => transport.send(request, onAnswer),
        (error: unknown) => crash(error),
      );
    },
  };
  return {
    ask<T>(read: (transport: Transport, callback: Callback<T>) => void) {
      return new Promise<Reply<T>>((resolve, reject) => {
        pending.add(reject);
        read(paced, (reply) => {
          pending.delete(reject);
          resolve(reply);
        });
      });
    },
    burst(path, count) {
      const sent = {
        headers: { Authorization: `Bearer ${options.accessToken}`, Accept: 'application/json' },
      };
      return Promise.all(
        Array.from(
          { length: count },
          () =>
            new Promise<RawAnswer>((resolve) => {
              rest.get(options.apiBaseUrl + path, sent).on('complete', (_result, response) => {
                resolve({
                  status: response ? response.statusCode : null,
                  headers: flatHeaders(response?.headers),
                });
              });
            }),
        ),
      );
    },
  };
}

function flatHeaders(headers: RestResponse['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) flat[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return flat;
}

/**
 * At most `perSecond` request starts in any window of one second, in the order asked: a request
 * started at t counts until t + 1000 ms, as GoTo's limit is described.
 */
export function pacer(perSecond: number, timer: Timer): () => Promise<void> {
  const started: number[] = [];
  let queue = Promise.resolve();
  return () => {
    const turn = queue.then(async () => {
      for (;;) {
        const now = timer.now();
        while (started.length > 0 && (started[0] ?? 0) <= now - WINDOW_MS) started.shift();
        if (started.length < perSecond) {
          started.push(now);
          return;
        }
        await timer.sleep((started[0] ?? now) + WINDOW_MS - now);
      }
    });
    queue = turn;
    return turn;
  };
}
