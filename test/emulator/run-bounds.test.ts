import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, resultOf, runBuiltScript } from '../../emulator';
import { TOKEN } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';

/**
 * The emulated host's own bounds on a run: a script that never stops sending is stopped after
 * MAX_ATTEMPTS attempts (and the test says so, instead of the worker running out of memory), and
 * a run settled with `settleMs: 'quiet'` sees a second `done`, however late it comes.
 */

const BASE = 'https://api.getgo.com/admin/rest/v1';
const ME = `${BASE}/me`;
const headers = `{ headers: { Authorization: 'Bearer ${TOKEN}' } }`;

describe('the bounds of an emulated run', () => {
  it('stops a script that sends for ever once it passes the bound of attempts', async () => {
    const fake = createFakeGoto();
    // Each answer asks twice again: a run that would never end, and soon.
    const forever = `
      function again() {
        rest.get('${ME}', ${headers}).on('complete', again);
        rest.get('${ME}', ${headers}).on('complete', again);
      }
      again();`;
    const run = await runBuiltScript({
      script: forever,
      context: {},
      api: fake,
      rest: 'instant',
      maxAttempts: 50,
      timeoutMs: 2_000,
    });
    expect(run.runaway).toBe(true);
    expect(run.doneCalls).toBe(0);
    expect(fake.requests).toHaveLength(50);
    expect(() => resultOf(run)).toThrow(
      'the script called done 0 times and left no result (stopped: it kept sending requests)',
    );
  });

  it('allows far more attempts than a run within its retry budget makes', () => {
    // 180 s of waits of at least 100 ms: at most 1,800 retries of one request.
    expect(MAX_ATTEMPTS).toBeGreaterThan(1_801 * 2);
  });

  it('delivers no answer once the run is over', async () => {
    const fake = createFakeGoto();
    fake.inject({ method: 'GET', respond: { delayMs: 200 } });
    const late = `
      var answers = 0;
      done(context);
      rest.get('${ME}', ${headers}).on('complete', function () {
        answers += 1;
        rest.get('${ME}', ${headers});
      });`;
    const run = await runBuiltScript({ script: late, context: {}, api: fake, rest: 'instant' });
    expect(run.doneCalls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The request sent before the end reached the API; its answer never reached the script.
    expect(fake.requests).toHaveLength(1);
    expect(run.runaway).toBe(false);
  });

  it("with settleMs 'quiet', sees a second done that follows a request and a retry", async () => {
    const fake = createFakeGoto();
    fake.inject({ method: 'GET', respond: { status: 503 } });
    const twice = `
      done(context);
      var request = rest.get('${ME}', ${headers});
      request.on('complete', function (result, response) {
        if (response.statusCode === 503) return request.retry(5000);
        done(context);
      });`;
    const run = await runBuiltScript({
      script: twice,
      context: {},
      api: fake,
      rest: 'instant',
      settleMs: 'quiet',
    });
    expect(run.doneCalls).toBe(2);
    expect(run.calls.map((call) => call.status)).toEqual([503, 200]);
  });
});
