import { VirtualClock } from './clock';
import { hostContext, STANDARD } from './contexts';
import { createFakeGoto, type FakeGoto, type RateLimitMode } from './fake-goto';
import type { HostRun } from './host/vm-host';
import { runBuiltScript } from './index';
import { seededRandom } from './seeded-random';

/**
 * A bulk assignment as GoTo would see it if the host ran every workflow at once: `runs` new
 * users, all provisioning runs started at the same instant of simulated time, against one fake
 * account that admits `perSecond` requests in any rolling second, counting the refused ones too
 * when `limiter` is `strict`. One seeded generator stands in
 * for `Math.random` in every run, so each run draws different waits and the whole scenario
 * replays identically.
 */

export interface SimultaneousOptions {
  runs: number;
  perSecond: number;
  /** Whether refused requests count against the window; default `lenient`, they do not. */
  limiter?: RateLimitMode;
  /** Simulated round trip of one request. */
  latencyMs: number;
  /** Sent with every 429; GoTo documents none. */
  retryAfterSeconds?: number;
  seed: number;
}

export interface SimultaneousResult {
  fake: FakeGoto;
  runs: HostRun[];
  /** Per run, in the order of `runs`: the sum of the waits it asked `retry(ms)` for. */
  waitedMs: number[];
  /**
   * When the last run called `done`: a run ends in the `complete` handler of its last answer,
   * and the last event on the clock is that answer.
   */
  lastDoneMs: number;
}

export async function runSimultaneous(
  script: string,
  options: SimultaneousOptions,
): Promise<SimultaneousResult> {
  const clock = new VirtualClock(options.latencyMs);
  const fake = createFakeGoto({
    licenses: [{ key: STANDARD, seats: options.runs }],
    rateLimit: {
      perSecond: options.perSecond,
      clock,
      ...(options.limiter === undefined ? {} : { mode: options.limiter }),
      ...(options.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: options.retryAfterSeconds }),
    },
  });
  const random = seededRandom(options.seed);
  const started = Array.from({ length: options.runs }, (_, i) =>
    runBuiltScript({
      script,
      context: hostContext({
        email: `user${String(i).padStart(4, '0')}@example.com`,
        firstName: 'Bulk',
        lastName: `User ${i}`,
      }),
      api: fake,
      rest: 'instant',
      clock,
      random,
    }),
  );
  await clock.run();
  const runs = await Promise.all(started);
  return {
    fake,
    runs,
    waitedMs: runs.map((run) => run.retryDelays.reduce((sum, ms) => sum + ms, 0)),
    lastDoneMs: clock.now(),
  };
}
