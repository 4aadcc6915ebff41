import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import { hostContext, STANDARD } from '../../emulator/contexts';
import type { FakeGoto } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { expectCleanEnd } from '../support/expectations';
import { builtScript, type RunOptions, runScript } from '../support/scenario';

/** A host that repeats events or refuses the result: the run still acts once and ends once. */

const EMAIL = 'jane.doe@example.com';

async function provision(fake: FakeGoto, options: RunOptions) {
  const done = await runScript('provisioning', fake, hostContext(), options);
  expectCleanEnd(done);
  return done;
}

const methods = (fake: FakeGoto) => fake.requests.map((r) => `${r.method} ${r.status}`);

describe('a complete event fired twice', () => {
  it('on a 429 schedules one retry, not two', async () => {
    const fake = fakeAccount();
    fake.inject({ method: 'GET', respond: { status: 429 } });
    const done = await provision(fake, {
      hostFaults: { completeTwice: { match: { method: 'GET' }, second: 'same' } },
    });
    expect(done.result.outcome).toBe('created');
    expect(done.retryDelays).toHaveLength(1);
    expect(methods(fake)).toEqual(['GET 429', 'GET 200', 'POST 201']);
  });

  it('with the final answer in a new response object is not acted on again', async () => {
    const fake = fakeAccount();
    const done = await provision(fake, {
      hostFaults: { completeTwice: { match: { method: 'GET' }, second: 'copy' } },
    });
    expect(done.result.outcome).toBe('created');
    expect(methods(fake)).toEqual(['GET 200', 'POST 201']);
    expect(fake.users()).toHaveLength(1);
  });
});

describe('a host context that refuses the result', () => {
  it.each(['provisioning', 'deprovisioning'] as const)(
    '%s: a frozen context still gets exactly one done',
    async (name) => {
      const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [] }] });
      const context = Object.freeze(hostContext());
      const run = await runBuiltScript({ script: builtScript(name), context, api: fake });
      expect(run.doneCalls).toBe(1);
      expect(run.context).toBe(context);
      expect(fake.user(EMAIL)?.licenseKeys).toEqual(name === 'provisioning' ? [STANDARD] : []);
    },
  );
});
