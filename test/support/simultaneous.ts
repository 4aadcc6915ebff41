import { createFakeGoto, type FakeGoto } from '../fake-goto';
import { hostContext, STANDARD } from './contexts';
import { seededRandom } from './seeded-random';
import { VirtualClock, virtualRest } from './virtual-clock';
import { type HostRun, runInHost } from './vm-host';

/**
 * A bulk assignment as GoTo would see it if the host ran every workflow at once: `runs` new
 * users, all provisioning runs started at the same instant of simulated time, against one fake
 * account that admits `perSecond` requests in any rolling second. One seeded generator stands in
 * for `Math.random` in every run, so each run draws different waits and the whole scenario
 * replays identically.
 */

export interface SimultaneousOptions {
  runs: number;
  perSecond: number;
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
   * so that is when its last answer arrived.
   */
  lastDoneMs: number;
}

export async function runSimultaneous(
  code: string,
  options: SimultaneousOptions,
): Promise<SimultaneousResult> {
  const clock = new VirtualClock();
  const fake = createFakeGoto({
    licenses: [{ key: STANDARD, seats: options.runs }],
    rateLimit: {
      perSecond: options.perSecond,
      clock,
      ...(options.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: options.retryAfterSeconds }),
    },
  });
  const random = seededRandom(options.seed);
  const waitedMs: number[] = [];
  let lastDoneMs = 0;
  const started: Promise<HostRun>[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    waitedMs.push(0);
    const rest = virtualRest(clock, fake.handlers, options.latencyMs, {
      onRetry: (ms) => {
        waitedMs[i] = (waitedMs[i] ?? 0) + ms;
      },
      onAnswer: () => {
        lastDoneMs = Math.max(lastDoneMs, clock.now());
      },
    });
    const context = hostContext({
      email: `user${String(i).padStart(4, '0')}@example.com`,
      firstName: 'Bulk',
      lastName: `User ${i}`,
    });
    started.push(runInHost(code, context, rest, { random, idle: clock.idle }));
  }
  await clock.run();
  return { fake, runs: await Promise.all(started), waitedMs, lastDoneMs };
}
