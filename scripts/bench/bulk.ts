import { performance } from 'node:perf_hooks';
import { http } from 'msw';
import { SimulatedClock, seededRandom } from '../../emulator';
import { hostContext, STANDARD } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { benchRun, outcomeLabel } from './run';
import { median } from './stats';

/**
 * Section 5: a bulk assignment (N distinct new users, provisioning script) through the fake with
 * GoTo's 10 requests/second limit enforced on a simulated clock, so nothing actually sleeps.
 *
 * Simulated time moves only two ways: each HTTP attempt costs a fixed round-trip latency, and
 * each `retry(ms)` the script asks for costs those ms (the clock moves, then the retry fires at
 * once). The runs are sequential, one after another, as a host that
 * runs the workflows of one app one at a time would; section 6 starts them all at once instead.
 * Host overhead between runs is taken as zero, the worst case for the rate limit here.
 */

export interface BulkOptions {
  users: number;
  perSecond: number;
  /** Simulated round trip of one request, ms. */
  latencyMs: number;
}

export const BULK_DEFAULTS: BulkOptions = { users: 1000, perSecond: 10, latencyMs: 50 };
const BULK_SEED = 1;

export interface BulkResult extends BulkOptions {
  totalCalls: number;
  total429: number;
  /** Which requests the limit turned away: `GET` lookups or `POST` creates. */
  total429ByMethod: Record<string, number>;
  totalRetries: number;
  rateLimitedRuns: number;
  /** Runs that saw at least one 429. */
  runsWith429: number;
  max429InOneRun: number;
  outcomes: Record<string, number>;
  simulatedMs: number;
  usersPerMinute: number;
  /** Admitted (non-429) requests per simulated second. */
  admittedPerSecond: number;
  /** Per-run simulated duration. */
  runMedianMs: number;
  runMaxMs: number;
  /** Upper bounds: the limit alone, and the latency alone, at 2 calls per new user. */
  ceilingByLimitUsersPerMinute: number;
  ceilingByLatencyUsersPerMinute: number;
  wallMs: number;
}

export async function runBulk(
  code: string,
  options: BulkOptions = BULK_DEFAULTS,
): Promise<BulkResult> {
  const clock = new SimulatedClock();
  const fake = createFakeGoto({
    licenses: [{ key: STANDARD, seats: options.users }],
    rateLimit: { perSecond: options.perSecond, clock },
  });
  // Charges the latency as each attempt arrives, then falls through (no response) to the fake.
  const latency = http.all('*', () => {
    clock.advance(options.latencyMs);
  });
  const handlers = [latency, ...fake.handlers];
  // Seeded, so that the jittered waits, and with them every simulated figure, repeat exactly.
  const random = seededRandom(BULK_SEED);

  const outcomes: Record<string, number> = {};
  const runDurations: number[] = [];
  let totalCalls = 0;
  let total429 = 0;
  const total429ByMethod: Record<string, number> = {};
  let totalRetries = 0;
  let runsWith429 = 0;
  let max429InOneRun = 0;
  // Each retry moves the shared clock by its delay, and is counted.
  const retries = {
    retry(ms: number, fire: () => void) {
      totalRetries += 1;
      clock.retry(ms, fire);
    },
  };
  const wallStart = performance.now();
  for (let i = 0; i < options.users; i += 1) {
    const started = clock.now();
    const context = hostContext({
      email: `user${String(i).padStart(4, '0')}@example.com`,
      firstName: 'Bulk',
      lastName: `User ${i}`,
    });
    const result = await benchRun(code, { handlers }, context, retries, random);
    const label = outcomeLabel(result);
    outcomes[label] = (outcomes[label] ?? 0) + 1;
    const rejectedCalls = result.calls.filter((c) => c.status === 429);
    for (const call of rejectedCalls) {
      total429ByMethod[call.method] = (total429ByMethod[call.method] ?? 0) + 1;
    }
    const rejected = rejectedCalls.length;
    totalCalls += result.calls.length;
    total429 += rejected;
    if (rejected > 0) runsWith429 += 1;
    max429InOneRun = Math.max(max429InOneRun, rejected);
    runDurations.push(clock.now() - started);
  }
  const wallMs = performance.now() - wallStart;

  if (totalCalls !== fake.requests.length) {
    throw new Error(
      `the results list ${totalCalls} calls, the fake answered ${fake.requests.length}`,
    );
  }
  const simulatedMs = clock.now();
  const callsPerUser = 2;
  return {
    ...options,
    totalCalls,
    total429,
    total429ByMethod,
    totalRetries,
    rateLimitedRuns: Object.entries(outcomes)
      .filter(([label]) => label.endsWith('/rate-limited'))
      .reduce((sum, [, n]) => sum + n, 0),
    runsWith429,
    max429InOneRun,
    outcomes,
    simulatedMs,
    usersPerMinute: (options.users / simulatedMs) * 60_000,
    admittedPerSecond: ((totalCalls - total429) / simulatedMs) * 1000,
    runMedianMs: median(runDurations),
    runMaxMs: Math.max(...runDurations),
    ceilingByLimitUsersPerMinute: (options.perSecond * 60) / callsPerUser,
    ceilingByLatencyUsersPerMinute: 60_000 / (callsPerUser * options.latencyMs),
    wallMs,
  };
}
