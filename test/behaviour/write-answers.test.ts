import { describe, expect, it } from 'vitest';
import { hostContext, STANDARD } from '../../emulator/contexts';
import { fakeAccount } from '../support/accounts';
import { buildWith } from '../support/builds';
import { calls, provision } from '../support/provision';

/** How provisioning reads GoTo's answers to its writes, and what its messages keep of them. */

const EMAIL = 'jane.doe@example.com';
const CREATE = /\/users$/;

describe('answers to a write', () => {
  it('takes a 300 on the create for a failure, not a success', async () => {
    const fake = fakeAccount();
    fake.inject({ method: 'POST', path: CREATE, respond: { status: 300 } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(calls(run)).toEqual(['GET 200', 'POST 300']);
    expect(fake.users()).toEqual([]);
  });

  it('reads back a create answered with success but no entry for the user, and finds it made', async () => {
    const fake = fakeAccount();
    fake.inject({
      method: 'POST',
      path: CREATE,
      when: 'after',
      respond: { status: 201, body: '[]' },
    });
    const run = await provision(fake);
    expect(run.result.outcome).toBe('created');
    expect(run.result.message).toContain('went through although its answer was lost');
    expect(calls(run)).toEqual(['GET 200', 'POST 201', 'GET 200']);
    expect(fake.users()).toHaveLength(1);
  });

  it('takes the user key from the entry for the address, not from another user listed before it', async () => {
    const fake = fakeAccount();
    const body = JSON.stringify([
      { key: '7000000000000000041', email: 'john.doe@example.com' },
      { key: '7000000000000000042', email: 'Jane.Doe@example.com' },
    ]);
    fake.inject({ method: 'POST', path: CREATE, respond: { status: 201, body } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'created', userKey: '7000000000000000042' });
    expect(calls(run)).toEqual(['GET 200', 'POST 201']);
  });

  it('passes over create entries that are not users, and takes the key of the one for the address', async () => {
    const fake = fakeAccount();
    const body = JSON.stringify([null, EMAIL, { key: '7000000000000000042', email: EMAIL }]);
    fake.inject({ method: 'POST', path: CREATE, respond: { status: 201, body } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'created', userKey: '7000000000000000042' });
    expect(calls(run)).toEqual(['GET 200', 'POST 201']);
  });

  it('reads "out of licenses" in a refusal as no-seats', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL }] });
    fake.inject({
      method: 'POST',
      respond: {
        status: 400,
        body: JSON.stringify({ errors: [{ code: 'license.error', value: 'Out of licenses' }] }),
      },
    });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'no-seats' });
  });
});

describe('what a failure message keeps', () => {
  it('cuts a long error page to its start', async () => {
    const fake = fakeAccount();
    const page = `Internal error ${'x'.repeat(300)} END`;
    fake.inject({ method: 'GET', respond: { status: 500, contentType: 'text/plain', body: page } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(run.result.message).toContain('Internal error xxx');
    expect(run.result.message).toContain('…');
    expect(run.result.message).not.toContain('END');
  });

  it('shows an error page of exactly 120 characters whole, without the cut mark', async () => {
    const fake = fakeAccount();
    const page = `Internal error ${'x'.repeat(101)} END`;
    expect(page).toHaveLength(120);
    fake.inject({ method: 'GET', respond: { status: 500, contentType: 'text/plain', body: page } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(run.result.message).toBe(`GoTo answered 500, "${page}" while looking up ${EMAIL}.`);
  });

  it('says a single retry', async () => {
    const fake = fakeAccount();
    fake.inject({ method: 'GET', times: Infinity, respond: { status: 503 } });
    const { provisioning } = await buildWith({ maxRetries: 1 });
    const run = await provision(fake, hostContext(), { code: provisioning });
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(run.result.message).toContain('after 1 retry');
    expect(calls(run)).toEqual(['GET 503', 'GET 503']);
    expect(fake.user(EMAIL)?.licenseKeys ?? []).not.toContain(STANDARD);
  });
});
