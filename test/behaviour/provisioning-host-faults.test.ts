import { describe, expect, it } from 'vitest';
import { hostContext } from '../../emulator/contexts';
import { fakeAccount } from '../support/accounts';
import { calls, provision } from '../support/provision';

const USERS = /\/users\?/;

/** Faults of the MyWorkspace host rather than of the GoTo API, on the built provisioning script. */
describe('provisioning under host faults', () => {
  it('acts once when complete fires twice with the same answer', async () => {
    const fake = fakeAccount();
    const run = await provision(fake, hostContext(), {
      hostFaults: { completeTwice: { match: {}, second: 'same' } },
    });
    expect(run.result.outcome).toBe('created');
    expect(fake.users()).toHaveLength(1);
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('ignores the empty second complete of restler issue #155', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 429 } });
    const run = await provision(fake, hostContext(), {
      hostFaults: { completeTwice: { match: {}, second: 'null' } },
    });
    expect(run.result.outcome).toBe('created');
    expect(calls(run)).toEqual(['GET 429', 'GET 200', 'POST 201']);
  });

  it('ends once, as bad-response, when its handler throws', async () => {
    const fake = fakeAccount();
    const run = await provision(fake, hostContext(), {
      hostFaults: { throwingResponse: { method: 'GET' } },
    });
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(run.result.message).toBe(
      'The script stopped on an unexpected error (host response object is broken); nothing further was sent. Please report this with the calls listed here.',
    );
    expect(fake.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('shows a crash message of up to 160 characters whole, and cuts a longer one there with …', async () => {
    const crashed = async (message: string) => {
      const run = await provision(fakeAccount(), hostContext(), {
        hostFaults: { throwingResponse: { method: 'GET', message } },
      });
      return run.result.message;
    };
    const whole = `${'x'.repeat(159)}y`;
    expect(await crashed(whole)).toBe(
      `The script stopped on an unexpected error (${whole}); nothing further was sent. Please report this with the calls listed here.`,
    );
    expect(await crashed(`${whole}z`)).toBe(
      `The script stopped on an unexpected error (${whole}…); nothing further was sent. Please report this with the calls listed here.`,
    );
  });

  it('fails with the right code at once when the host cannot retry', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 429 } });
    const run = await provision(fake, hostContext(), { hostFaults: { noRetry: true } });
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'rate-limited' });
    expect(calls(run)).toEqual(['GET 429']);
  });

  it('reports a malformed JSON body as bad-response', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 200, body: '{"results": [' } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(run.result.message).toBe(
      `GoTo's answer (200) while looking up jane.doe@example.com was not a list of users in which each match has exact keys: "{"results": [".`,
    );
  });

  it('reports an empty body where a list is expected as bad-response', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 200, body: '' } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(run.result.message).toBe(
      "GoTo's answer (200) while looking up jane.doe@example.com was not a list of users in which each match has exact keys: the body was empty.",
    );
    expect(fake.requests.map((r) => r.method)).toEqual(['GET']);
  });
});
