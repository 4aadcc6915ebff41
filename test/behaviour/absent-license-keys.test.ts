import { describe, expect, it } from 'vitest';
import { auditCommand } from '../../cli/account/audit';
import { hostContext, PRO, STANDARD } from '../../emulator/contexts';
import type { FakeGotoOptions } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { callCommand, settingsFile } from '../support/admin-tools';
import { callLines } from '../support/both-engines';
import { buildWith } from '../support/builds';
import { runScript, type ScriptName } from '../support/scenario';

/**
 * Absent is not empty: GoTo's user reads can leave `licenseKeys` out (`attributeNames` selects the
 * fields), and a user listed without it holds licenses nobody has read yet. The scripts read
 * that user once by key and decide on that answer; when it lacks the field too, they fail and
 * change nothing. Without the rule, de-provisioning would report `unchanged` and leave the seat
 * taken.
 */

const EMAIL = 'jane.doe@example.com';
const USER_KEY = '7000000000000000042';
const LOOKUP = `GET /accounts/1000000000000000001/users`;
const BY_KEY = `GET /accounts/1000000000000000001/users/${USER_KEY}`;

function account(licenseKeys: string[], omitLicenseKeys?: FakeGotoOptions['omitLicenseKeys']) {
  return fakeAccount({
    users: [{ email: EMAIL, key: USER_KEY, licenseKeys }],
    ...(omitLicenseKeys ? { omitLicenseKeys } : {}),
  });
}

async function run(script: ScriptName, fake: ReturnType<typeof account>, code?: string) {
  const { result } = await runScript(script, fake, hostContext({ licenses: [STANDARD] }), {
    ...(code === undefined ? {} : { code }),
  });
  return result;
}

describe('a matching user listed without licenseKeys', () => {
  it.each([
    [
      'deprovisioning',
      [STANDARD, PRO],
      'unlicensed',
      [PRO],
      `DELETE /accounts/1000000000000000001/licenses/${STANDARD}/users/${USER_KEY} 204`,
    ],
    ['deprovisioning', [PRO], 'unchanged', [PRO], undefined],
    ['provisioning', [STANDARD], 'unchanged', [STANDARD], undefined],
    [
      'provisioning',
      [],
      'licensed',
      [STANDARD],
      `POST /accounts/1000000000000000001/licenses/${STANDARD}/users/${USER_KEY} 204`,
    ],
  ] as const)(
    '%s, holding %j: read once by key, then %s',
    async (script, held, outcome, after, write) => {
      const fake = account([...held], { list: true });
      const result = await run(script, fake);

      expect(result.outcome).toBe(outcome);
      expect(callLines(result)).toEqual([
        `${LOOKUP} 200`,
        `${BY_KEY} 200`,
        ...(write === undefined ? [] : [write]),
      ]);
      expect(fake.user(EMAIL)?.licenseKeys).toEqual(after);
    },
  );

  it.each(['provisioning', 'deprovisioning'] as const)(
    '%s: fails with bad-response naming the field when the user read lacks it too, and changes nothing',
    async (script) => {
      const fake = account([STANDARD], { list: true, user: true });
      const result = await run(script, fake);

      expect(result).toMatchObject({
        outcome: 'failed',
        ok: false,
        error: 'bad-response',
        userKey: USER_KEY,
      });
      expect(result.message).toContain(
        `GoTo's answer (200) while reading user ${USER_KEY} (${EMAIL}) by key (the user list left out their licenseKeys) was not a user with a licenseKeys field`,
      );
      expect(result.message).toContain(
        'Which licenses the user holds is unknown, so nothing was changed.',
      );
      expect(callLines(result)).toEqual([`${LOOKUP} 200`, `${BY_KEY} 200`]);
      expect(fake.requests.every((request) => request.method === 'GET')).toBe(true);
      expect(fake.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);
    },
  );

  it('reads licenseKeys: null as absent, not as none', async () => {
    const fake = account([STANDARD]);
    const body = JSON.stringify({
      results: [{ key: USER_KEY, email: EMAIL, licenseKeys: null }],
      fromIndex: 0,
      toIndex: 1,
      total: 1,
    });
    fake.inject({ path: /\/users\?/, respond: { status: 200, body } });
    const result = await run('deprovisioning', fake);
    expect(result.outcome).toBe('unlicensed');
    expect(callLines(result)).toContain(`${BY_KEY} 200`);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([]);
  });

  it.each([
    ['a 404', { status: 404 }, 'api-error', 'GoTo answered 404'],
    [
      'another user',
      {
        status: 200,
        body: JSON.stringify({ key: '7000000000000000043', email: EMAIL, licenseKeys: [] }),
      },
      'bad-response',
      `was not user ${USER_KEY} with exact keys`,
    ],
    [
      'an answer without the address',
      { status: 200, body: JSON.stringify({ key: USER_KEY, licenseKeys: [] }) },
      'bad-response',
      `was not user ${USER_KEY} with exact keys`,
    ],
    [
      'licenseKeys that are not a list',
      { status: 200, body: JSON.stringify({ key: USER_KEY, email: EMAIL, licenseKeys: STANDARD }) },
      'bad-response',
      'with exact keys',
    ],
  ] as const)(
    'fails on %s for the read by key, and changes nothing',
    async (_, respond, error, words) => {
      const fake = account([STANDARD], { list: true });
      fake.inject({ method: 'GET', path: new RegExp(`/users/${USER_KEY}$`), respond });
      const result = await run('deprovisioning', fake);
      expect(result.error).toBe(error);
      expect(result.message).toContain(words);
      expect(fake.requests.every((request) => request.method === 'GET')).toBe(true);
      expect(fake.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);
    },
  );

  it('retries the read by key like any read, after a 503', async () => {
    const fake = account([STANDARD], { list: true });
    fake.inject({ path: new RegExp(`/users/${USER_KEY}$`), respond: { status: 503 } });
    const result = await run('deprovisioning', fake);
    expect(result.outcome).toBe('unlicensed');
    expect(callLines(result).slice(0, 3)).toEqual([
      `${LOOKUP} 200`,
      `${BY_KEY} 503`,
      `${BY_KEY} 200`,
    ]);
  });

  it('is not read again when the list has the field, and not at all by a delete-mode build', async () => {
    const listed = await run('provisioning', account([STANDARD]));
    expect(callLines(listed)).toEqual([`${LOOKUP} 200`]);
    const code = (await buildWith({ deprovisionMode: 'delete' })).deprovisioning;
    const fake = account([STANDARD], { list: true, user: true });
    const deleted = await run('deprovisioning', fake, code);
    expect(deleted.outcome).toBe('deleted');
    expect(callLines(deleted)).toEqual([
      `${LOOKUP} 200`,
      `DELETE /accounts/1000000000000000001/users/${USER_KEY} 204`,
    ]);
  });
});

describe('the audit follows the same rule', () => {
  const users = [
    { email: 'ann@example.com', licenseKeys: [STANDARD] },
    { email: 'bob@example.com', licenseKeys: [STANDARD, PRO] },
    { email: 'cy@example.com', licenseKeys: [] },
  ];
  const audit = async (omitLicenseKeys?: FakeGotoOptions['omitLicenseKeys']) => {
    const fake = fakeAccount({ users, ...(omitLicenseKeys ? { omitLicenseKeys } : {}) });
    const done = await callCommand(fake, auditCommand, [
      settingsFile({ licenses: [STANDARD, PRO] }),
      '--json',
    ]);
    return { ...done, fake };
  };

  it('reads each user listed without licenseKeys by key, and reports what it read', async () => {
    const listed = await audit();
    const unlisted = await audit({ list: true });
    expect(unlisted.code).toBe(0);
    expect(unlisted.stdout).toBe(listed.stdout);
    const byKey = unlisted.fake.requests.filter((r) => /\/users\/\d+$/.test(r.path));
    expect(byKey).toHaveLength(users.length);
    expect(listed.fake.requests.some((r) => /\/users\/\d+$/.test(r.path))).toBe(false);
  });

  it('fails with one line naming the field when the user read lacks it too', async () => {
    const done = await audit({ list: true, user: true });
    expect(done.code).toBe(1);
    expect(done.stderr.split('\n')).toHaveLength(1);
    expect(done.stderr).toContain('was not a user with a licenseKeys field');
  });
});
