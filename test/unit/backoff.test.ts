import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuildRequest } from '../../cli/build/flags';
import { seededRandom } from '../../emulator';
import { hostContext } from '../../emulator/contexts';
import { MIN_WAIT_MS, nextWait, TIERS, tierAfter } from '../../src/goto/backoff';
import { DEFAULT_OPTIONS } from '../../src/options';
import { fakeAccount } from '../support/accounts';
import { buildWith } from '../support/builds';
import { runInProcess } from '../support/cli';
import { expectCleanEnd } from '../support/expectations';
import { type RunOptions, runScript } from '../support/scenario';

const USERS = /\/users\?/;
const CREATE = /\/users$/;

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The shortest and the longest wait once a request has been retried `retries` times (0: after its
 * first refusal), written out rather
 * than read from TIERS: 1, 3 and 9 s from 100 ms up, then 12 s from its half, then 60 s and
 * 120 s from their quarter.
 */
function bounds(retries: number): [number, number] {
  if (retries === 0) return [MIN_WAIT_MS, 1000];
  if (retries === 1) return [MIN_WAIT_MS, 3000];
  if (retries === 2) return [MIN_WAIT_MS, 9000];
  if (retries < 8) return [6000, 12_000];
  if (retries < 11) return [15_000, 60_000];
  return [30_000, 120_000];
}

describe('nextWait: a random wait within a tier that rises with the refusals, within the budget', () => {
  const plan = { retries: 0, waitedMs: 0, budgetMs: 600_000 };

  it("draws from the tier's floor up to just below its ceiling, for every retry", () => {
    for (let retries = 0; retries < 20; retries += 1) {
      const [low, ceiling] = bounds(retries);
      expect(nextWait({ ...plan, retries }, () => 0)).toEqual({ kind: 'wait', ms: low });
      expect(nextWait({ ...plan, retries }, () => 0.999_999_999)).toEqual({
        kind: 'wait',
        ms: ceiling - 1,
      });
    }
  });

  it('keeps every seeded draw inside its bounds', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 3000; i += 1) {
      const retries = i % 15;
      const [low, ceiling] = bounds(retries);
      const wait = nextWait({ ...plan, retries }, random);
      if (wait.kind !== 'wait') throw new Error('expected a wait');
      expect(Number.isInteger(wait.ms)).toBe(true);
      expect(wait.ms).toBeGreaterThanOrEqual(low);
      expect(wait.ms).toBeLessThan(ceiling);
    }
  });

  it('never lowers the ceiling as refusals go on, and passes 10 s, 60 s and 120 s', () => {
    const ceilings = Array.from({ length: 30 }, (_, retries) => tierAfter(retries).ceilingMs);
    for (let i = 1; i < ceilings.length; i += 1) {
      expect(ceilings[i]).toBeGreaterThanOrEqual(ceilings[i - 1] ?? 0);
    }
    expect(ceilings.indexOf(12_000)).toBe(3);
    expect(ceilings.indexOf(60_000)).toBe(8);
    expect(ceilings.indexOf(120_000)).toBe(11);
    expect(ceilings[29]).toBe(120_000);
    expect(TIERS.map((tier) => tier.after)).toEqual([0, 1, 2, 3, 8, 11]);
  });

  it('lets 200 waiting runs offer less than 10 requests per second once they reach 60 s', () => {
    // A run offers one request per mean wait; 200 runs refused a 9th time offer 200 / 37.5 s.
    const meanWait = (retries: number) => sum(bounds(retries)) / 2;
    expect(200 / (meanWait(3) / 1000)).toBeGreaterThan(10);
    expect(200 / (meanWait(8) / 1000)).toBeLessThan(10);
    expect(500 / (meanWait(11) / 1000)).toBeLessThan(10);
  });

  it('waits at least Retry-After, even above the ceiling', () => {
    expect(nextWait({ ...plan, retryAfterSeconds: 1 }, () => 0)).toEqual({
      kind: 'wait',
      ms: 1000,
    });
    expect(nextWait({ ...plan, retryAfterSeconds: 30 }, () => 0.5)).toEqual({
      kind: 'wait',
      ms: 30_000,
    });
  });

  it('keeps its own back-off when that is longer than Retry-After: Retry-After is a floor', () => {
    const [low, ceiling] = bounds(3);
    expect(nextWait({ ...plan, retries: 3, retryAfterSeconds: 1 }, () => 0.9)).toEqual({
      kind: 'wait',
      ms: low + Math.floor(0.9 * (ceiling - low)),
    });
  });

  it('blames Retry-After when it asks for more than the little that is left', () => {
    expect(
      nextWait({ ...plan, waitedMs: plan.budgetMs - 50, retryAfterSeconds: 1 }, () => 0),
    ).toEqual({
      kind: 'give-up',
      retryAfterTooLong: true,
    });
  });

  it('cuts the last wait to what is left of the budget, then gives up', () => {
    const nearEnd = { retries: 5, waitedMs: 178_500, budgetMs: 180_000 };
    expect(nextWait(nearEnd, () => 0.9)).toEqual({ kind: 'wait', ms: 1500 });
    expect(nextWait({ ...nearEnd, waitedMs: 179_950 }, () => 0.9)).toEqual({
      kind: 'give-up',
      retryAfterTooLong: false,
    });
  });

  it('gives up at once when Retry-After asks for more than is left', () => {
    const late = { ...plan, waitedMs: 150_000, budgetMs: 180_000 };
    expect(nextWait({ ...late, retryAfterSeconds: 31 }, () => 0)).toEqual({
      kind: 'give-up',
      retryAfterTooLong: true,
    });
    expect(nextWait({ ...late, retryAfterSeconds: 30 }, () => 0)).toEqual({
      kind: 'wait',
      ms: 30_000,
    });
  });
});

async function provision(code: string | undefined, options: RunOptions = {}, fake = fakeAccount()) {
  const run = await runScript('provisioning', fake, hostContext(), {
    ...options,
    ...(code === undefined ? {} : { code }),
  });
  expectCleanEnd(run);
  return { ...run, fake };
}

function alwaysRateLimited(headers?: Record<string, string>) {
  const fake = fakeAccount();
  fake.inject({
    path: USERS,
    times: Infinity,
    respond: { status: 429, ...(headers === undefined ? {} : { headers }) },
  });
  return fake;
}

describe('the built script: jittered waits from Math.random, a budget for 429s', () => {
  it("takes its waits from the host's Math.random, below each ceiling", async () => {
    const run = await provision(undefined, { random: () => 0.999_999_999 }, alwaysRateLimited());
    // 1, 3 and 9 s, five times 12 s, then 60 s until the 240 s budget is used up: the last wait
    // is cut to fit, before the 120 s tier is reached.
    expect(run.retryDelays).toEqual([
      999,
      2999,
      8999,
      ...Array(5).fill(11_999),
      59_999,
      59_999,
      240_000 - 12_997 - 5 * 11_999 - 2 * 59_999,
    ]);
    expect(sum(run.retryDelays)).toBe(DEFAULT_OPTIONS.retryBudgetSeconds * 1000);
    expect(run.result.error).toBe('rate-limited');
  });

  it('reaches the 120 s tier with a longer budget, and keeps it', async () => {
    const { provisioning } = await buildWith({ retryBudgetSeconds: 600 });
    const run = await provision(provisioning, { random: () => 0 }, alwaysRateLimited());
    // Every draw at its tier's floor: 100 ms three times, 6 s, 15 s, then 30 s to the end.
    expect(run.retryDelays.slice(0, 14)).toEqual([
      100,
      100,
      100,
      ...Array(5).fill(6000),
      ...Array(3).fill(15_000),
      ...Array(3).fill(30_000),
    ]);
    expect(new Set(run.retryDelays.slice(11, -1))).toEqual(new Set([30_000]));
    expect(sum(run.retryDelays)).toBe(600_000);
  });

  it('makes simultaneous runs wait differently: no two seeds give the same waits', async () => {
    const waits = [];
    for (const seed of [1, 2]) {
      const fake = fakeAccount();
      fake.inject({ path: USERS, times: 3, respond: { status: 429 } });
      waits.push((await provision(undefined, { random: seededRandom(seed) }, fake)).retryDelays);
    }
    expect(waits[0]).toHaveLength(3);
    expect(waits[1]).toHaveLength(3);
    expect(waits[0]).not.toEqual(waits[1]);
  });

  it('retryBudgetSeconds bounds the sum of the waits of one run', async () => {
    const { provisioning } = await buildWith({ retryBudgetSeconds: 5 });
    const run = await provision(provisioning, { random: () => 0 }, alwaysRateLimited());
    // With every draw at its tier's floor: 100 ms three times, then the 12 s tier's 6 s, cut
    // to the 4.7 s left.
    expect(run.retryDelays).toEqual([100, 100, 100, 4700]);
    expect(run.result.calls).toHaveLength(5);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'rate-limited' });
    expect(run.result.message).toContain('after 4 retries (5 s waited in this run)');
  });

  it('a budget used up by 429s without Retry-After says no asked-for wait, only the retries', async () => {
    const { provisioning } = await buildWith({ retryBudgetSeconds: 5 });
    const fake = fakeAccount();
    fake.inject({ path: USERS, times: Infinity, respond: { status: 429, body: '' } });
    const run = await provision(provisioning, { random: () => 0 }, fake);
    expect(run.result.message).toBe(
      'GoTo kept rate-limiting the requests (429) while looking up jane.doe@example.com, after 4 retries (5 s waited in this run); run the workflow again later.',
    );
  });

  it('retryBudgetSeconds 0 turns the retries of a 429 off', async () => {
    const { provisioning } = await buildWith({ retryBudgetSeconds: 0 });
    const run = await provision(provisioning, {}, alwaysRateLimited());
    expect(run.retryDelays).toEqual([]);
    expect(run.result.calls.map((c) => c.status)).toEqual([429]);
    expect(run.result.error).toBe('rate-limited');
  });

  it('shares one budget between the requests of a run; each request starts at the first tier', async () => {
    const { provisioning } = await buildWith({ retryBudgetSeconds: 10 });
    const fake = fakeAccount();
    fake.inject({ path: USERS, times: 4, respond: { status: 429 } });
    fake.inject({ method: 'POST', path: CREATE, times: Infinity, respond: { status: 429 } });
    const run = await provision(provisioning, { random: () => 0 }, fake);
    // 4 lookups refused (6.3 s of waits), then the create starts again at 100 ms and has the
    // remaining 3.7 s: its fourth wait is cut to the 3.4 s left.
    expect(run.result.calls.map((c) => `${c.method} ${c.status}`)).toEqual([
      ...Array(4).fill('GET 429'),
      'GET 200',
      ...Array(5).fill('POST 429'),
    ]);
    expect(run.retryDelays).toEqual([100, 100, 100, 6000, 100, 100, 100, 3400]);
    expect(fake.users()).toEqual([]);
  });

  it('takes Retry-After as the floor of each wait', async () => {
    const fake = fakeAccount();
    fake.inject({
      path: USERS,
      times: 3,
      respond: { status: 429, headers: { 'Retry-After': '2' } },
    });
    const run = await provision(undefined, { random: () => 0 }, fake);
    expect(run.result.outcome).toBe('created');
    expect(run.retryDelays).toEqual([2000, 2000, 2000]);
  });

  it('ends the retries when Retry-After asks for more than is left of the budget', async () => {
    const { provisioning } = await buildWith({ retryBudgetSeconds: 30 });
    const fake = alwaysRateLimited({ 'Retry-After': '31' });
    const run = await provision(provisioning, {}, fake);
    expect(run.retryDelays).toEqual([]);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'rate-limited' });
    expect(run.result.message).toContain('asked to wait 31 s');
  });

  it('still retries a 503 at most maxRetries times, with jittered waits', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, times: Infinity, respond: { status: 503 } });
    const run = await provision(undefined, { random: () => 0.5 }, fake);
    expect(run.retryDelays).toEqual([550, 1550, 4550]);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
  });
});

describe('429s and gateway errors on one request', () => {
  it('a request refused three times for the rate limit still gets its maxRetries for a 502', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, times: 3, respond: { status: 429 } });
    fake.inject({ path: USERS, times: 3, respond: { status: 502 } });
    const run = await provision(undefined, { random: () => 0.5 }, fake);
    expect(run.result.calls.map((call) => call.status)).toEqual([
      429, 429, 429, 502, 502, 502, 200, 201,
    ]);
    expect(run.result.outcome).toBe('created');
  });
});

describe('the retryBudgetSeconds option', () => {
  const problemsOf = async (argv: string[]): Promise<string[]> => {
    const done = await runInProcess([
      'build',
      ...argv,
      '--out',
      mkdtempSync(join(tmpdir(), 'goto-b-')),
    ]);
    expect(done.code).toBe(2);
    return done.err.trim().split('\n');
  };

  it('defaults to 240 s and is set by a flag', () => {
    expect(DEFAULT_OPTIONS.retryBudgetSeconds).toBe(240);
    expect(parseBuildRequest({ retryBudgetSeconds: '90' }).options.retryBudgetSeconds).toBe(90);
  });

  it.each([
    ['-1', 'build: --retry-budget-seconds must be a whole number from 0 to 600, not "-1"'],
    ['601', 'not 601'],
    ['1.5', 'not "1.5"'],
  ])('rejects %s', async (value, words) => {
    const problems = await problemsOf([`--retry-budget-seconds=${value}`]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(words);
  });
});
