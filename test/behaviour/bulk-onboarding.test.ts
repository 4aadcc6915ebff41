import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSimultaneous } from '../../emulator/simultaneous';
import { DEFAULT_OPTIONS } from '../../src/options';
import { builtScript } from '../support/scenario';

/**
 * A group assigned at once: provisioning runs of the built script start at the same instant of
 * simulated time against one account that admits 10 requests per rolling second and sends no
 * Retry-After, as GoTo documents; with a limiter that does not count the requests it refuses,
 * and with one that does.
 */

const scenario = { runs: 50, perSecond: 10, latencyMs: 50, seed: 1 };

describe('50 new users assigned at once', () => {
  it('creates every one of them, each run calling done exactly once', async () => {
    const { runs, fake, lastDoneMs } = await runSimultaneous(builtScript('provisioning'), scenario);
    expect(runs.map((run) => run.doneCalls)).toEqual(Array(50).fill(1));
    expect(runs.map((run) => run.result?.outcome)).toEqual(Array(50).fill('created'));
    expect(fake.users()).toHaveLength(50);
    expect(fake.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    // 100 calls at 10 per second need 10 s; the jitter's gaps may not double that.
    expect(lastDoneMs).toBeLessThan(20_000);
  });

  it('waits at least a Retry-After of 1 s after every 429, and longer when its back-off is longer', async () => {
    const code = builtScript('provisioning');
    const { runs, waitedMs } = await runSimultaneous(code, { ...scenario, retryAfterSeconds: 1 });
    expect(runs.map((run) => run.result?.outcome)).toEqual(Array(50).fill('created'));
    const refusals = runs.map((run) => run.result?.calls.filter((c) => c.status === 429).length);
    expect(refusals.some((n) => (n ?? 0) > 0)).toBe(true);
    runs.forEach((_, i) => {
      expect(waitedMs[i]).toBeGreaterThanOrEqual(1000 * (refusals[i] ?? 0));
    });
    // Retry-After is the floor of the jittered wait, not its replacement: a run refused again
    // draws below a doubled ceiling, and some draws land above the second asked for.
    expect(runs.some((_, i) => (waitedMs[i] ?? 0) > 1000 * (refusals[i] ?? 0))).toBe(true);
  });

  it('lost runs with the fixed 1, 2, 4 s back-off of version 1.0.0', async () => {
    const baseline = readFileSync(
      'scripts/bench/baseline/gotomeeting-provisioning-1.0.0.js',
      'utf8',
    );
    const { runs } = await runSimultaneous(baseline, scenario);
    const lost = runs.filter((run) => run.result?.outcome !== 'created');
    expect(lost.length).toBeGreaterThan(10);
    expect(lost.every((run) => run.result?.error === 'rate-limited')).toBe(true);
  });
});

describe('100 new users assigned at once, under a limiter that counts refused requests', () => {
  it('creates every one of them within the default budget, each run calling done exactly once', async () => {
    const code = builtScript('provisioning');
    const strict = { ...scenario, runs: 100, limiter: 'strict' as const };
    const { runs, fake, waitedMs } = await runSimultaneous(code, strict);
    expect(runs.map((run) => run.doneCalls)).toEqual(Array(100).fill(1));
    expect(runs.map((run) => run.result?.outcome)).toEqual(Array(100).fill('created'));
    expect(fake.users()).toHaveLength(100);
    // The limiter was full for a while: most requests were refused, and the runs waited into
    // the back-off's higher tiers without running out of their budget.
    expect(fake.requests.filter((r) => r.status === 429).length).toBeGreaterThan(200);
    expect(Math.max(...waitedMs)).toBeGreaterThan(60_000);
    expect(Math.max(...waitedMs)).toBeLessThan(DEFAULT_OPTIONS.retryBudgetSeconds * 1000);
  });

  it('loses runs with the back-off capped at 10 s that came before', async () => {
    const previous = readFileSync(
      'scripts/bench/baseline/gotomeeting-provisioning-full-jitter-10s-cap.js',
      'utf8',
    );
    const { runs } = await runSimultaneous(previous, { ...scenario, runs: 100, limiter: 'strict' });
    const lost = runs.filter((run) => run.result?.outcome !== 'created');
    expect(lost.length).toBeGreaterThan(50);
    expect(lost.every((run) => run.result?.error === 'rate-limited')).toBe(true);
  });
});
