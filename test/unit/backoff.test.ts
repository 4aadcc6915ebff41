import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuildRequest } from '../../cli/build/flags';
import { seededRandom } from '../../emulator';
import { hostContext } from '../../emulator/contexts';
import { MAX_CEILING_MS, MIN_WAIT_MS, nextWait } from '../../src/goto/backoff';
import { DEFAULT_OPTIONS } from '../../src/options';
import { fakeAccount } from '../support/accounts';
import { buildWith } from '../support/builds';
import { runInProcess } from '../support/cli';
import { expectCleanEnd } from '../support/expectations';
import { type RunOptions, runScript } from '../support/scenario';

const USERS = /\/users\?/;
const CREATE = /\/users$/;

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The ceiling of the wait after the request's `retries`-th retry: 1 s, 2 s, 4 s… up to 10 s. */
const ceiling = (retries: number) => Math.min(MAX_CEILING_MS, 1000 * 2 ** retries);

describe('nextWait: full jitter below a doubling ceiling, within the budget', () => {
  const plan = { retries: 0, waitedMs: 0, budgetMs: 180_000 };

  it('draws between the floor and the ceiling, which doubles per retry up to the cap', () => {
    for (let retries = 0; retries < 8; retries += 1) {
      const low = nextWait({ ...plan, retries }, () => 0);
      const high = nextWait({ ...plan, retries }, () => 0.999_999_999);
      expect(low).toEqual({ kind: 'wait', ms: MIN_WAIT_MS });
      expect(high).toEqual({ kind: 'wait', ms: ceiling(retries) - 1 });
    }
  });

  it('keeps every seeded draw inside its bounds', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 2000; i += 1) {
      const retries = i % 6;
      const wait = nextWait({ ...plan, retries }, random);
      if (wait.kind !== 'wait') throw new Error('expected a wait');
      expect(Number.isInteger(wait.ms)).toBe(true);
      expect(wait.ms).toBeGreaterThanOrEqual(MIN_WAIT_MS);
      expect(wait.ms).toBeLessThan(ceiling(retries));
    }
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
    expect(nextWait({ ...plan, retries: 3, retryAfterSeconds: 1 }, () => 0.9)).toEqual({
      kind: 'wait',
      ms: MIN_WAIT_MS + Math.floor(0.9 * (ceiling(3) - MIN_WAIT_MS)),
    });
  });

  it('blames Retry-After when it asks for more than the little that is left', () => {
    expect(nextWait({ ...plan, waitedMs: 179_950, retryAfterSeconds: 1 }, () => 0)).toEqual({
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
    expect(nextWait({ ...plan, waitedMs: 150_000, retryAfterSeconds: 31 }, () => 0)).toEqual({
      kind: 'give-up',
      retryAfterTooLong: true,
    });
    expect(nextWait({ ...plan, waitedMs: 150_000, retryAfterSeconds: 30 }, () => 0)).toEqual({
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
    const expected = [999, 1999, 3999, 7999];
    expect(run.retryDelays.slice(0, 4)).toEqual(expected);
    // Then at the 10 s cap, until the 180 s budget is used up: the last wait is cut to fit.
    const capped = run.retryDelays.slice(4, -1);
    expect(capped.length).toBeGreaterThan(10);
    expect(new Set(capped)).toEqual(new Set([MAX_CEILING_MS - 1]));
    expect(sum(run.retryDelays)).toBe(180_000);
    expect(run.result.error).toBe('rate-limited');
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
    // With every draw at the 100 ms floor, 5 s allow exactly 50 retries.
    expect(run.retryDelays).toEqual(Array(50).fill(MIN_WAIT_MS));
    expect(run.result.calls).toHaveLength(51);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'rate-limited' });
    expect(run.result.message).toContain('after 50 retries (5 s waited in this run)');
  });

  it('retryBudgetSeconds 0 turns the retries of a 429 off', async () => {
    const { provisioning } = await buildWith({ retryBudgetSeconds: 0 });
    const run = await provision(provisioning, {}, alwaysRateLimited());
    expect(run.retryDelays).toEqual([]);
    expect(run.result.calls.map((c) => c.status)).toEqual([429]);
    expect(run.result.error).toBe('rate-limited');
  });

  it('shares one budget between the requests of a run', async () => {
    const { provisioning } = await buildWith({ retryBudgetSeconds: 3 });
    const fake = fakeAccount();
    fake.inject({ path: USERS, times: 20, respond: { status: 429 } });
    fake.inject({ method: 'POST', path: CREATE, times: Infinity, respond: { status: 429 } });
    const run = await provision(provisioning, { random: () => 0 }, fake);
    // 20 lookups refused, then the create has the remaining 1 s: 10 more waits of 100 ms.
    expect(run.result.calls.map((c) => `${c.method} ${c.status}`)).toEqual([
      ...Array(20).fill('GET 429'),
      'GET 200',
      ...Array(11).fill('POST 429'),
    ]);
    expect(sum(run.retryDelays)).toBe(3000);
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
    expect(run.retryDelays).toEqual([550, 1050, 2050]);
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

  it('defaults to 180 s and is set by a flag', () => {
    expect(DEFAULT_OPTIONS.retryBudgetSeconds).toBe(180);
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
