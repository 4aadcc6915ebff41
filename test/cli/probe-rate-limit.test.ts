import { describe, expect, it } from 'vitest';
import { type CheckReport, checkCommand } from '../../cli/account/check';
import { connect } from '../../cli/account/connection';
import { MAX_REQUESTS, probeRateLimit } from '../../cli/account/probe-rate-limit';
import { serveApi } from '../../emulator';
import type { FakeGoto, RateLimitMode } from '../../emulator/fake-goto';
import { DEFAULT_OPTIONS } from '../../src/options';
import { fakeAccount } from '../support/accounts';
import { callCommand, settingsFile, simulatedTimer } from '../support/admin-tools';
import { runInProcess } from '../support/cli';

/**
 * `check --probe-rate-limit` against the fake GoTo API with its rate limit on the tool's own
 * simulated clock: both kinds of limiter, with and without Retry-After.
 */

function limited(mode: RateLimitMode, retryAfterSeconds?: number) {
  const clock = simulatedTimer();
  const fake = fakeAccount({
    rateLimit: {
      perSecond: 10,
      clock,
      mode,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    },
  });
  return { fake, clock };
}

async function check(fake: FakeGoto, clock = simulatedTimer(), flags = ['--probe-rate-limit']) {
  const run = await callCommand(fake, checkCommand, [settingsFile(), '--json', ...flags], {
    timer: clock,
  });
  return { ...run, report: JSON.parse(run.stdout) };
}

const meCalls = (fake: FakeGoto) => fake.requests.filter((r) => r.path === '/me');
const limiterLine = (report: CheckReport) => report.checks.find((line) => line.check === 'limiter');
/** The limiter line's message; '' when there is none, which every test that reads it rules out. */
const limiterSays = (report: CheckReport) => limiterLine(report)?.message ?? '';

describe('check --probe-rate-limit', () => {
  it.each([
    ['lenient', 'no', undefined, 'pass', 26, 15],
    ['lenient', 'a', 1, 'pass', 26, 15],
    ['strict', 'no', undefined, 'warn', 27, 16],
    ['strict', 'a', 1, 'warn', 27, 16],
  ] as const)(
    'tells a %s limiter that sends %s Retry-After from the other kind',
    async (mode, _, retryAfter, status, sent, refused) => {
      const { fake, clock } = limited(mode, retryAfter);
      const started = clock.now();
      const done = await check(fake, clock);
      expect(done.code).toBe(0);
      expect(done.report.rateLimit).toMatchObject({ kind: mode, requests: sent, refused });
      expect(limiterLine(done.report)).toMatchObject({ status });
      expect(limiterSays(done.report)).toMatch(new RegExp(`^${mode}: `));
      // The check's own GET /me, then the probe's: at most 30, and nothing but reads.
      expect(meCalls(fake)).toHaveLength(1 + sent);
      expect(sent).toBeLessThanOrEqual(MAX_REQUESTS);
      expect(new Set(fake.requests.map((r) => r.method))).toEqual(new Set(['GET']));
      expect(clock.now() - started).toBeLessThan(10_000);
      if (retryAfter === undefined) {
        expect(done.report.rateLimit.retryAfter).toBeNull();
        expect(limiterSays(done.report)).toContain(
          'The 429s carry neither Retry-After nor rate-limit headers, as GoTo documents.',
        );
      } else {
        expect(done.report.rateLimit.retryAfter).toBe('1');
        expect(limiterSays(done.report)).toContain(
          'The 429s carry Retry-After: 1, which the scripts wait at least, and no rate-limit headers.',
        );
      }
    },
  );

  it('recommends the default budget for a lenient limiter and a longer one, or groups, for a strict one', async () => {
    const forLenient = limited('lenient');
    const lenient = await check(forLenient.fake, forLenient.clock);
    expect(lenient.report.rateLimit).toMatchObject({
      kind: 'lenient',
      retryBudgetSeconds: DEFAULT_OPTIONS.retryBudgetSeconds,
    });
    const forStrict = limited('strict');
    const strict = await check(forStrict.fake, forStrict.clock);
    expect(strict.report.rateLimit).toMatchObject({ kind: 'strict', retryBudgetSeconds: 450 });
    expect(strict.report.rateLimit.message).toContain('--retry-budget-seconds 450');
    expect(strict.report.rateLimit.message).toContain('groups of at most 200');
  });

  it('prints the verdict as the last line of the text report', async () => {
    const { fake, clock } = limited('strict');
    const done = await callCommand(fake, checkCommand, [settingsFile(), '--probe-rate-limit'], {
      timer: clock,
    });
    const lines = done.stdout.split('\n');
    expect(lines[lines.length - 3]).toMatch(/^warn {2}limiter {2}strict: /);
    expect(lines[lines.length - 1]).toMatch(/^0 failed, \d+ warnings?, \d+ passed$/);
  });

  it('never runs without the flag', async () => {
    const { fake, clock } = limited('strict');
    const done = await check(fake, clock, []);
    expect(done.report.rateLimit).toBeUndefined();
    expect(limiterLine(done.report)).toBeUndefined();
    expect(meCalls(fake)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
  });

  it('does not probe when the token is refused', async () => {
    const { fake, clock } = limited('lenient');
    const done = await callCommand(
      fake,
      checkCommand,
      [settingsFile(), '--json', '--probe-rate-limit'],
      {
        timer: clock,
        token: 'a-token-GoTo-does-not-know',
      },
    );
    const report = JSON.parse(done.stdout);
    expect(report.rateLimit).toBeUndefined();
    expect(meCalls(fake)).toHaveLength(1);
  });

  it('reports unknown, and the default budget, when a burst is not refused at all', async () => {
    const done = await check(fakeAccount());
    expect(done.report.rateLimit).toMatchObject({
      kind: 'unknown',
      requests: 15,
      refused: 0,
      retryBudgetSeconds: DEFAULT_OPTIONS.retryBudgetSeconds,
    });
    expect(limiterLine(done.report)).toMatchObject({ status: 'warn' });
    expect(limiterSays(done.report)).toContain('were all served');
  });

  it.each([
    [
      { 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '0', 'Retry-After': '2' },
      '2',
      ['x-ratelimit-limit', 'x-ratelimit-remaining'],
      'The 429s carry Retry-After: 2, which the scripts wait at least, and x-ratelimit-limit, x-ratelimit-remaining, which the scripts do not read.',
    ],
    [
      { 'RateLimit-Policy': '10;w=1' },
      null,
      ['ratelimit-policy'],
      'The 429s carry no Retry-After; they carry ratelimit-policy, which the scripts do not read.',
    ],
  ])(
    'names the rate-limit headers the 429s carry: %j',
    async (headers, retryAfter, names, says) => {
      const fake = fakeAccount();
      // The check's own GET /me is answered as usual; the probe's first five get the 429s.
      fake.inject({ path: '/me', times: 1, respond: { delayMs: 0 } });
      fake.inject({ path: '/me', times: 5, respond: { status: 429, headers } });
      const done = await check(fake);
      expect(done.report.rateLimit).toMatchObject({ retryAfter, rateLimitHeaders: names });
      expect(limiterSays(done.report)).toContain(says);
    },
  );

  it('reports unknown when requests stay refused after a quiet second and a half', async () => {
    const fake = fakeAccount();
    fake.inject({ path: '/me', times: Infinity, respond: { status: 429 } });
    serveApi(fake.handlers);
    const clock = simulatedTimer();
    const connection = connect({
      apiBaseUrl: fake.options.baseUrl,
      accessToken: fake.options.token,
      timer: clock,
    });
    const probe = await probeRateLimit(connection, clock);
    expect(probe).toMatchObject({ kind: 'unknown', requests: 27, refused: 27 });
    expect(probe.message).toContain('an onboarding under way?');
  });

  it('says in --help that it uses the allowance and should not run during an onboarding', async () => {
    const done = await runInProcess(['check', '--help']);
    expect(done.code).toBe(0);
    const help = done.out.replace(/\s+/g, ' ');
    expect(help).toContain('--probe-rate-limit');
    expect(help).toContain('run it when no onboarding is under way');
  });
});
