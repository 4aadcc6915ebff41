import { describe, expect, it } from 'vitest';
import { hostContext, PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import type { FakeGoto, FilterMode } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { buildWith } from '../support/builds';
import { expectCleanEnd } from '../support/expectations';
import { type RunOptions, runScript } from '../support/scenario';

const MODES: FilterMode[] = ['regex', 'regex-find', 'literal', 'literal-contains'];
const EMAIL = 'jane.doe@example.com';

async function deleteMode(): Promise<string> {
  return (await buildWith({ deprovisionMode: 'delete' })).deprovisioning;
}

async function deprovision(
  fake: FakeGoto,
  context = hostContext({ licenses: [STANDARD, PRO] }),
  options: RunOptions = {},
) {
  const run = await runScript('deprovisioning', fake, context, options);
  expectCleanEnd(run);
  return run;
}

const calls = (run: Awaited<ReturnType<typeof deprovision>>) =>
  run.result.calls.map((c) => `${c.method} ${c.status}`);

describe.each(MODES)('de-provisioning (remove-licenses), %s filter', (filterMode) => {
  it("removes only this app's keys; the other app's key and the user stay", async () => {
    const fake = fakeAccount({
      filterMode,
      users: [{ email: EMAIL, licenseKeys: [STANDARD, PRO, WEBINAR] }],
    });
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({
      workflow: 'deprovision',
      outcome: 'unlicensed',
      ok: true,
      licenseKeys: [STANDARD, PRO],
    });
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([WEBINAR]);
    expect(fake.user(EMAIL)?.status).toBe('ACTIVE');
    expect(calls(run)).toEqual(['GET 200', 'DELETE 204']);
    expect(run.result.calls[1]?.path).toContain(`/licenses/${STANDARD},${PRO}/users/`);
  });

  it('leaves a user suspended, not deleted, once their last license is gone', async () => {
    const fake = fakeAccount({ filterMode, users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({ outcome: 'unlicensed', licenseKeys: [STANDARD] });
    expect(fake.user(EMAIL)).toMatchObject({ licenseKeys: [], status: 'SUSPENDED' });
  });

  it("changes nothing for a user who holds none of this app's keys", async () => {
    const fake = fakeAccount({ filterMode, users: [{ email: EMAIL, licenseKeys: [WEBINAR] }] });
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({ outcome: 'unchanged', ok: true, licenseKeys: [] });
    expect(calls(run)).toEqual(['GET 200']);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([WEBINAR]);
  });

  it('reports not-found, ok, for a user not in the account', async () => {
    const fake = fakeAccount({ filterMode });
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({ outcome: 'not-found', ok: true });
    expect(calls(run)).toEqual(['GET 200']);
  });

  it.each([
    ['a different case', 'Jane.Doe@Example.COM', 'jane.doe@example.com'],
    ['a plus-address', 'first+tag@example.com', 'First+Tag@example.com'],
    ['dots and an apostrophe', "jean.o'neil@example.com", "jean.o'neil@example.com"],
  ])('finds a user whose address has %s', async (_, wanted, stored) => {
    const fake = fakeAccount({ filterMode, users: [{ email: stored, licenseKeys: [STANDARD] }] });
    const run = await deprovision(fake, hostContext({ email: wanted, licenses: [STANDARD] }));
    expect(run.result.outcome).toBe('unlicensed');
    expect(fake.user(stored)?.licenseKeys).toEqual([]);
  });

  it('never touches a user whose address merely contains the wanted one', async () => {
    const near = ['xjohn@example.com', 'john@example.com.au', 'john@example.comx'];
    const fake = fakeAccount({
      filterMode,
      users: near.map((email) => ({ email, licenseKeys: [STANDARD] })),
    });
    const run = await deprovision(
      fake,
      hostContext({ email: 'john@example.com', licenses: [STANDARD] }),
    );
    expect(run.result.outcome).toBe('not-found');
    for (const email of near) expect(fake.user(email)?.licenseKeys).toEqual([STANDARD]);
  });
});

describe('de-provisioning decisions and faults', () => {
  it('fails as ambiguous-user on two exact matches and removes nothing', async () => {
    const fake = fakeAccount({
      users: [
        { email: EMAIL, licenseKeys: [STANDARD] },
        { email: EMAIL.toUpperCase(), licenseKeys: [STANDARD] },
      ],
    });
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'ambiguous-user' });
    expect(calls(run)).toEqual(['GET 200']);
    expect(fake.users().map((u) => u.licenseKeys)).toEqual([[STANDARD], [STANDARD]]);
  });

  it('skips with zero calls when disabled', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    const run = await deprovision(fake, hostContext({ enabled: false }));
    expect(run.result).toMatchObject({ outcome: 'skipped', calls: [] });
    expect(fake.requests).toEqual([]);
  });

  it('reports 401 as unauthorized', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    fake.expireToken();
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'unauthorized' });
  });

  it('retries 429 on the removal, then gives up as rate-limited with the licenses intact', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    fake.inject({ method: 'DELETE', times: Infinity, respond: { status: 429 } });
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'rate-limited' });
    const retries = Array(run.retryDelays.length + 1).fill('DELETE 429');
    expect(calls(run)).toEqual(['GET 200', ...retries]);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);
  });

  it('reads back after a 500-class answer on the removal and confirms it went through', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    fake.inject({ method: 'DELETE', when: 'after', respond: { status: 503 } });
    const run = await deprovision(fake);
    expect(calls(run)).toEqual(['GET 200', 'DELETE 503', 'GET 200']);
    expect(run.result.outcome).toBe('unlicensed');
  });

  it('reports a 500 on the removal as api-error without retrying', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    fake.inject({ method: 'DELETE', respond: { status: 500 } });
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(calls(run)).toEqual(['GET 200', 'DELETE 500']);
  });

  it('retries network errors on the lookup, then reports network-error', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    fake.inject({ method: 'GET', times: Infinity, respond: { networkError: true } });
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'network-error' });
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);
  });

  it('acts once when complete fires twice, and ends once when a handler throws', async () => {
    const twice = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    const run = await deprovision(twice, undefined, {
      hostFaults: { completeTwice: { match: {}, second: 'same' } },
    });
    expect(run.result.outcome).toBe('unlicensed');
    expect(twice.requests.map((r) => r.method)).toEqual(['GET', 'DELETE']);

    const throwing = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    const crashed = await deprovision(throwing, undefined, {
      hostFaults: { throwingResponse: { method: 'GET' } },
    });
    expect(crashed.result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(throwing.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);
  });
});

describe('de-provisioning in delete mode', () => {
  it('deletes the user', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD, WEBINAR] }] });
    const run = await deprovision(fake, undefined, { code: await deleteMode() });
    expect(run.result).toMatchObject({ outcome: 'deleted', ok: true });
    expect(fake.user(EMAIL)).toBeUndefined();
    expect(calls(run)).toEqual(['GET 200', 'DELETE 204']);
  });

  it('reports not-found, ok, when the user was removed meanwhile (404 on delete)', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL }] });
    fake.inject({
      method: 'DELETE',
      respond: {
        status: 404,
        body: JSON.stringify({ incidentId: 'i', errors: [{ code: 'user.not.found', value: 'x' }] }),
      },
    });
    const run = await deprovision(fake, undefined, { code: await deleteMode() });
    const key = fake.user(EMAIL)?.key;
    expect(run.result).toMatchObject({ outcome: 'not-found', ok: true, userKey: key });
    expect(run.result.message).toBe(
      `GoTo user ${EMAIL} (key ${key}) was removed by someone else meanwhile; nothing to take back.`,
    );
  });

  it('confirms a delete whose answer was lost by reading back', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL }] });
    fake.inject({ method: 'DELETE', when: 'after', respond: { networkError: true } });
    const run = await deprovision(fake, undefined, { code: await deleteMode() });
    expect(calls(run)).toEqual(['GET 200', 'DELETE null', 'GET 200']);
    expect(run.result.outcome).toBe('deleted');
  });

  it('deletes nobody on an ambiguous match, and never a near-miss address', async () => {
    const fake = fakeAccount({
      users: [{ email: EMAIL }, { email: EMAIL.toUpperCase() }, { email: `x${EMAIL}` }],
    });
    const run = await deprovision(fake, undefined, { code: await deleteMode() });
    expect(run.result.error).toBe('ambiguous-user');
    expect(fake.users()).toHaveLength(3);
  });

  it('works without license keys configured', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL }] });
    const run = await deprovision(fake, hostContext({ licenses: undefined }), {
      code: await deleteMode(),
    });
    expect(run.result.outcome).toBe('deleted');
  });
});

describe('de-provisioning messages name every key of the app', () => {
  it('the removal of two keys lists both', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD, PRO, WEBINAR] }] });
    const key = fake.user(EMAIL)?.key;
    const run = await deprovision(fake);
    expect(run.result).toMatchObject({ outcome: 'unlicensed', licenseKeys: [STANDARD, PRO] });
    expect(run.result.message).toBe(
      `Removed licenses ${STANDARD}, ${PRO} from GoTo user ${EMAIL} (key ${key}); the user and their data stay in GoTo.`,
    );
  });

  it('a user holding neither of two keys is told about both', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [WEBINAR] }] });
    const key = fake.user(EMAIL)?.key;
    const run = await deprovision(fake);
    expect(run.result.outcome).toBe('unchanged');
    expect(run.result.message).toBe(
      `GoTo user ${EMAIL} (key ${key}) holds none of licenses ${STANDARD}, ${PRO}; nothing was changed.`,
    );
  });
});
