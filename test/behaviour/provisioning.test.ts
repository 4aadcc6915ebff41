import { describe, expect, it } from 'vitest';
import { hostContext, PRO, STANDARD } from '../../emulator/contexts';
import type { FakeGoto, FilterMode } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { expectCleanEnd } from '../support/expectations';
import { runScript } from '../support/scenario';

const MODES: FilterMode[] = ['regex', 'regex-find', 'literal', 'literal-contains'];

async function provision(fake: FakeGoto, context = hostContext()) {
  const run = await runScript('provisioning', fake, context);
  expectCleanEnd(run);
  return run;
}

describe.each(MODES)('provisioning, %s filter', (filterMode) => {
  it('creates a new user with the app licenses in exactly two calls', async () => {
    const fake = fakeAccount({ filterMode });
    const run = await provision(fake);
    expect(run.result).toMatchObject({
      workflow: 'provision',
      outcome: 'created',
      ok: true,
      email: 'jane.doe@example.com',
      licenseKeys: [STANDARD],
      dryRun: false,
    });
    const user = fake.user('jane.doe@example.com');
    expect(user).toMatchObject({ firstName: 'Jane', lastName: 'Doe', licenseKeys: [STANDARD] });
    expect(run.result.userKey).toBe(user?.key);
    expect(run.result.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'POST 201']);
    expect(fake.sentEmails()).toEqual([{ to: 'jane.doe@example.com', kind: 'default' }]);
  });

  it('assigns the licenses to an existing user without creating one', async () => {
    const fake = fakeAccount({ filterMode, users: [{ email: 'jane.doe@example.com' }] });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'licensed', ok: true, licenseKeys: [STANDARD] });
    expect(fake.users()).toHaveLength(1);
    expect(fake.user('jane.doe@example.com')?.licenseKeys).toEqual([STANDARD]);
    expect(run.result.calls.map((c) => c.method)).toEqual(['GET', 'POST']);
    expect(run.result.calls[1]?.path).toMatch(/\/licenses\/\d+\/users\/\d+$/);
  });

  it('changes nothing for a user who already holds the licenses, in one call', async () => {
    const fake = fakeAccount({
      filterMode,
      users: [{ email: 'jane.doe@example.com', licenseKeys: [STANDARD] }],
    });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'unchanged', ok: true, licenseKeys: [] });
    expect(run.result.calls).toHaveLength(1);
  });

  it('assigns only the missing key when the user holds one of two', async () => {
    const fake = fakeAccount({
      filterMode,
      users: [{ email: 'jane.doe@example.com', licenseKeys: [STANDARD] }],
    });
    const run = await provision(fake, hostContext({ licenses: [STANDARD, PRO] }));
    expect(run.result).toMatchObject({ outcome: 'licensed', licenseKeys: [PRO] });
    expect(run.result.calls[1]?.path).toContain(`/licenses/${PRO}/users/`);
    expect(fake.user('jane.doe@example.com')?.licenseKeys.sort()).toEqual([STANDARD, PRO].sort());
  });

  it.each([
    ['a different case', 'Jane.Doe@Example.COM', 'jane.doe@example.com'],
    ['a plus-address', 'first+tag@example.com', 'first+tag@example.com'],
    ['an apostrophe', "jean.o'neil@example.com", "jean.o'neil@example.com"],
    ['a plus-address in another case', 'First+Tag@example.com', 'first+TAG@EXAMPLE.com'],
  ])('finds a user whose address has %s and never duplicates them', async (_, wanted, stored) => {
    const fake = fakeAccount({ filterMode, users: [{ email: stored }] });
    const run = await provision(fake, hostContext({ email: wanted }));
    expect(run.result).toMatchObject({ outcome: 'licensed', ok: true });
    expect(fake.users()).toHaveLength(1);
    expect(fake.users()[0]?.licenseKeys).toEqual([STANDARD]);
  });

  it('never takes a user whose address merely contains the wanted one', async () => {
    const fake = fakeAccount({
      filterMode,
      users: [{ email: 'xjane.doe@example.com' }, { email: 'jane.doe@example.com.au' }],
    });
    const run = await provision(fake);
    expect(run.result.outcome).toBe('created');
    expect(fake.users()).toHaveLength(3);
    expect(fake.user('xjane.doe@example.com')?.licenseKeys).toEqual([]);
  });
});

describe('provisioning decisions', () => {
  it('fails as ambiguous-user when two account users match exactly, without writing', async () => {
    const fake = fakeAccount({
      users: [{ email: 'jane.doe@example.com' }, { email: 'JANE.DOE@example.com' }],
    });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', ok: false, error: 'ambiguous-user' });
    expect(run.result.message).toContain('2 GoTo users');
    expect(fake.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('skips with zero calls when provisioning is disabled', async () => {
    for (const enabled of [false, undefined, 'true', 1]) {
      const fake = fakeAccount();
      const run = await provision(fake, hostContext({ enabled }));
      expect(run.result).toMatchObject({ outcome: 'skipped', ok: true });
      expect(run.result.calls).toEqual([]);
      expect(fake.requests).toEqual([]);
    }
  });

  it('pages through a large pre-selection and still finds the exact user on page two', async () => {
    // In the regex reading `.` matches any character: every address below is a pre-selection hit.
    const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
    const lookalikes = letters.flatMap((a) =>
      'abcde'.split('').map((b) => ({ email: `jane${a}doe@example${b}com` })),
    );
    const fake = fakeAccount({ users: [...lookalikes, { email: 'jane.doe@example.com' }] });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'licensed', ok: true });
    expect(
      run.result.calls.map((c) => `${c.method} ${c.path.replace(/filter=[^&]*&/, '')}`),
    ).toEqual([
      `GET /accounts/${fake.options.accountKey}/users?offset=0&pageSize=100`,
      `GET /accounts/${fake.options.accountKey}/users?offset=100&pageSize=100`,
      expect.stringMatching(/^POST /),
    ]);
    expect(
      fake
        .users()
        .filter((u) => u.licenseKeys.length > 0)
        .map((u) => u.email),
    ).toEqual(['jane.doe@example.com']);
  });

  it('asks for the names only when a user must be created', async () => {
    const existing = fakeAccount({ users: [{ email: 'jane.doe@example.com' }] });
    const licensed = await provision(existing, hostContext({ firstName: '', lastName: undefined }));
    expect(licensed.result.outcome).toBe('licensed');

    const fake = fakeAccount();
    const run = await provision(fake, hostContext({ lastName: '  ' }));
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'invalid-context' });
    expect(run.result.message).toContain('ProvisionedUser.LastName is blank');
    expect(fake.users()).toEqual([]);
    expect(fake.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('reads 19-digit numeric keys exactly and uses them in the assign path', async () => {
    const userKey = '9223372036854770001';
    const fake = fakeAccount({
      numericKeys: true,
      users: [{ email: 'jane.doe@example.com', key: userKey }],
    });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'licensed', userKey });
    expect(run.result.calls[1]?.path).toBe(
      `/accounts/${fake.options.accountKey}/licenses/${STANDARD}/users/${userKey}`,
    );
    expect(fake.user('jane.doe@example.com')?.licenseKeys).toEqual([STANDARD]);
  });

  it('refuses to act on a rounded key when the host gives no raw body', async () => {
    const fake = fakeAccount({
      numericKeys: true,
      users: [{ email: 'jane.doe@example.com', key: '9223372036854770001' }],
    });
    const run = await runScript('provisioning', fake, hostContext(), {
      hostFaults: { noRaw: true },
    });
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(fake.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('is not stopped by a look-alike whose key lost precision, without a raw body', async () => {
    const fake = fakeAccount({
      filterMode: 'regex-find',
      numericKeys: true,
      users: [
        { email: 'jane.doe@example.com', key: '4242' },
        { email: 'xjane.doe@example.com', key: '9223372036854770001', licenseKeys: [PRO] },
      ],
    });
    const run = await runScript('provisioning', fake, hostContext(), {
      hostFaults: { noRaw: true },
    });
    expect(run.result).toMatchObject({ outcome: 'licensed', userKey: '4242' });
    expect(fake.user('xjane.doe@example.com')?.licenseKeys).toEqual([PRO]);
  });
});

describe('provisioning after a lost or refused answer, in words', () => {
  it('a create whose answer was lost but went through: says the creation went through', async () => {
    const fake = fakeAccount();
    fake.inject({
      method: 'POST',
      path: /\/users$/,
      when: 'after',
      respond: { networkError: true },
    });
    const run = await provision(fake);
    expect(run.result.outcome).toBe('created');
    expect(run.result.message).toBe(
      `GoTo user jane.doe@example.com (key ${fake.user('jane.doe@example.com')?.key}) holds licenses ${STANDARD}: the creation went through although its answer was lost.`,
    );
  });

  it('an assignment whose answer was lost but went through: says the assignment went through', async () => {
    const fake = fakeAccount({ users: [{ email: 'jane.doe@example.com' }] });
    fake.inject({ method: 'POST', path: /\/licenses\//, when: 'after', respond: { status: 504 } });
    const run = await provision(fake);
    expect(run.result.outcome).toBe('licensed');
    expect(run.result.message).toBe(
      `GoTo user jane.doe@example.com (key ${fake.user('jane.doe@example.com')?.key}) holds licenses ${STANDARD}: the assignment went through although its answer was lost.`,
    );
  });

  it('a 409 because another change got there first: says nothing was changed by this run', async () => {
    const fake = fakeAccount({
      users: [{ email: 'jane.doe@example.com', licenseKeys: [STANDARD] }],
      licenseRules: { alreadyHeld: 409 },
    });
    const key = fake.user('jane.doe@example.com')?.key as string;
    fake.inject({
      method: 'GET',
      path: /\/users\?/,
      respond: {
        status: 200,
        body: JSON.stringify({
          results: [{ key, email: 'jane.doe@example.com', licenseKeys: [] }],
          fromIndex: 0,
          toIndex: 1,
          total: 1,
        }),
      },
    });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'unchanged', licenseKeys: [] });
    expect(run.result.message).toBe(
      `GoTo user jane.doe@example.com (key ${key}) already holds licenses ${STANDARD}: another change got there first (GoTo answered the assignment with a conflict); nothing was changed by this run.`,
    );
  });
});
