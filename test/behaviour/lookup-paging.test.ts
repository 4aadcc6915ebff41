import { describe, expect, it } from 'vitest';
import { hostContext, PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import type { FakeGoto } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { expectCleanEnd } from '../support/expectations';
import { type RunOptions, runScript, type ScriptName } from '../support/scenario';

/**
 * The lookup on the built scripts: paging as GoTo pages (not as the script asked), its bounds,
 * and the exactness of what is read from the user found.
 */

const EMAIL = 'jane.doe@example.com';

async function run(
  name: ScriptName,
  fake: FakeGoto,
  context = hostContext(),
  options: RunOptions = {},
) {
  const done = await runScript(name, fake, context, options);
  expectCleanEnd(done);
  return done;
}

const offsets = (fake: FakeGoto) =>
  fake.requests
    .filter((request) => request.method === 'GET')
    .map((request) => new URLSearchParams(request.path.split('?')[1]).get('offset'));

/** Addresses the regex reading's `.` lets through as pre-selection hits for jane.doe@…. */
const lookalikes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    email: `jane${String.fromCharCode(97 + (i % 26))}doe@example${String.fromCharCode(97 + Math.floor(i / 26))}com`,
  }));

describe('paging through the lookup', () => {
  it('advances by the results GoTo returned when it caps pages below the size asked for', async () => {
    // Seeded last, the user gets the highest key and is listed on the third short page.
    const fake = fakeAccount({
      maxPageSize: 3,
      users: [...lookalikes(7), { email: EMAIL, licenseKeys: [STANDARD] }],
    });
    const done = await run('deprovisioning', fake);
    expect(done.result).toMatchObject({ outcome: 'unlicensed', licenseKeys: [STANDARD] });
    expect(offsets(fake)).toEqual(['0', '3', '6']);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([]);
  });

  it('ends the lookup at an empty page, whatever total promises', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    fake.inject({
      method: 'GET',
      times: Infinity,
      respond: { status: 200, body: '{"results":[],"fromIndex":0,"toIndex":0,"total":500}' },
    });
    const done = await run('deprovisioning', fake);
    expect(done.result.outcome).toBe('not-found');
    expect(offsets(fake)).toEqual(['0']);
  });

  it('stops after 20 pages as bad-response, without writing', async () => {
    const fake = fakeAccount({ maxPageSize: 1, users: lookalikes(25) });
    const done = await run('provisioning', fake);
    expect(done.result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(done.result.message).toContain('finished after 20 pages');
    expect(offsets(fake)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('keeps what earlier pages found when a later page answers 404 user.not.found', async () => {
    const fake = fakeAccount({
      maxPageSize: 3,
      users: [{ email: EMAIL, licenseKeys: [STANDARD] }, ...lookalikes(7)],
    });
    fake.inject({
      method: 'GET',
      path: /offset=3&/,
      respond: { status: 404, body: '{"errors":[{"code":"user.not.found"}]}' },
    });
    const done = await run('deprovisioning', fake);
    expect(done.result).toMatchObject({ outcome: 'unlicensed', licenseKeys: [STANDARD] });
    expect(offsets(fake)).toEqual(['0', '3']);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([]);
  });

  it('passes over a listed entry without an address, and acts on the exact user', async () => {
    const key = '7000000000000000042';
    const fake = fakeAccount({ users: [{ email: EMAIL, key, licenseKeys: [STANDARD] }] });
    const listed = [
      { key: '1' },
      { key: '2', email: 42 },
      { key, email: EMAIL, licenseKeys: [STANDARD] },
    ];
    fake.inject({
      method: 'GET',
      path: /\/users\?/,
      respond: { status: 200, body: JSON.stringify({ results: listed, total: 3 }) },
    });
    const done = await run('deprovisioning', fake);
    expect(done.result).toMatchObject({
      outcome: 'unlicensed',
      userKey: key,
      licenseKeys: [STANDARD],
    });
  });

  it('reads a 404 that is not user.not.found as an api-error, not as nobody', async () => {
    const fake = fakeAccount();
    fake.inject({ method: 'GET', respond: { status: 404 } });
    const done = await run('provisioning', fake);
    expect(done.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(done.result.message).toContain('404');
    expect(fake.users()).toEqual([]);
  });
});

describe("the found user's license keys", () => {
  // The user's own key is small enough to survive JSON.parse; only the license keys are not.
  const roundedLicenses = () =>
    fakeAccount({
      numericKeys: true,
      users: [{ email: EMAIL, key: '4242', licenseKeys: [STANDARD] }],
    });

  it('must be exact: de-provisioning without a raw body fails rather than report unchanged', async () => {
    const fake = roundedLicenses();
    const done = await run('deprovisioning', fake, hostContext(), { hostFaults: { noRaw: true } });
    expect(done.result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);
    expect(fake.requests.map((request) => request.method)).toEqual(['GET']);
  });

  it('must be exact: provisioning without a raw body fails rather than assign again', async () => {
    const fake = roundedLicenses();
    const done = await run('provisioning', fake, hostContext(), { hostFaults: { noRaw: true } });
    expect(done.result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(fake.requests.map((request) => request.method)).toEqual(['GET']);
  });

  it('decide the removal path: only the keys the user holds are named', async () => {
    const fake = fakeAccount({
      users: [{ email: EMAIL, key: '4242', licenseKeys: [PRO, WEBINAR] }],
    });
    const done = await run('deprovisioning', fake, hostContext({ licenses: [STANDARD, PRO] }));
    expect(done.result).toMatchObject({ outcome: 'unlicensed', licenseKeys: [PRO] });
    expect(fake.requests.filter((request) => request.method === 'DELETE')).toMatchObject([
      { path: `/accounts/${fake.options.accountKey}/licenses/${PRO}/users/4242` },
    ]);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([WEBINAR]);
  });
});
