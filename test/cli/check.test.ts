import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../cli/account/check';
import { ACCOUNT_KEY, PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import {
  DEFAULT_ME_EMAIL,
  type FakeGotoOptions,
  type FilterMode,
  type MeOptions,
} from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { callCommand, methodsSeen, settingsFile, tempFile } from '../support/admin-tools';

const OTHER_ACCOUNT = '1000000000000000002';
/** An admin of two accounts who may manage only users in the second. */
const TWO_ACCOUNTS: MeOptions = {
  otherAccounts: [OTHER_ACCOUNT],
  accountDetails: {
    [ACCOUNT_KEY]: { name: 'Acme' },
    [OTHER_ACCOUNT]: { name: 'Acme Labs', adminRoles: ['MANAGE_USERS'] },
  },
};

/** An account where the admin is one of the users, as GoTo admins are. */
function account(options: FakeGotoOptions = {}) {
  return fakeAccount({
    users: [
      { email: DEFAULT_ME_EMAIL, licenseKeys: [STANDARD] },
      { email: 'jane.doe@example.com', licenseKeys: [STANDARD, PRO] },
    ],
    ...options,
  });
}

async function check(fake: ReturnType<typeof account>, args: string[], token?: string) {
  const run = await callCommand(fake, checkCommand, [...args, '--json'], {
    ...(token === undefined ? {} : { token }),
  });
  return { ...run, report: run.stdout === '' ? undefined : JSON.parse(run.stdout) };
}

describe('check', () => {
  it('passes a healthy connection, reports seats from the account, and only reads', async () => {
    const fake = account();
    const done = await check(fake, [settingsFile({ licenses: [STANDARD, PRO] })]);
    expect(done.code).toBe(0);
    expect(done.report.accountKey).toBe(ACCOUNT_KEY);
    expect(
      done.report.checks.map((line: { check: string; status: string }) => [
        line.check,
        line.status,
      ]),
    ).toEqual([
      ['app', 'pass'],
      ['token', 'pass'],
      ['roles', 'pass'],
      ['account', 'pass'],
      ['license', 'pass'],
      ['license', 'pass'],
      ['filter', 'pass'],
    ]);
    for (const key of [STANDARD, PRO]) {
      const truth = fake.license(key);
      const seats = truth?.seats ?? 0;
      const used = truth?.userKeys.length ?? 0;
      expect(done.stdout).toContain(`${key}: ${seats} seats, ${used} used, ${seats - used} free`);
    }
    expect(methodsSeen(fake)).toEqual(['GET']);
  });

  it.each<[FilterMode, string]>([
    ['regex', 'regex'],
    ['regex-find', 'regex'],
    ['literal', 'literal'],
    ['literal-contains', 'literal'],
  ])('reads a %s filter as %s', async (filterMode, reading) => {
    const done = await check(account({ filterMode }), [settingsFile()]);
    expect(done.code).toBe(0);
    expect(done.report.filterReading).toBe(reading);
  });

  it('tells a regex reading even when the exact lookup misses a plus-address', async () => {
    const email = 'ada+admin@example.com';
    const fake = account({ users: [{ email }], me: { email } });
    const done = await check(fake, [settingsFile()]);
    expect(done.report.filterReading).toBe('regex');
  });

  it('warns "unknown" when the admin is not a user of the account', async () => {
    const done = await check(fakeAccount(), [settingsFile()]);
    expect(done.code).toBe(0);
    expect(done.report.filterReading).toBe('unknown');
    expect(done.stdout).toContain(`${DEFAULT_ME_EMAIL} is not a user of account ${ACCOUNT_KEY}`);
  });

  it('fails on a license key the account does not have, naming the keys it has', async () => {
    const missing = '6000000000000000999';
    const fake = account();
    const done = await check(fake, [settingsFile({ licenses: [STANDARD, missing] })]);
    expect(done.code).toBe(1);
    const failed = done.report.checks.filter((line: { status: string }) => line.status === 'fail');
    expect(failed).toEqual([
      {
        check: 'license',
        status: 'fail',
        message: `License key ${missing} does not exist in account ${ACCOUNT_KEY}; correct ApplicationLicenses (the account has ${STANDARD}, ${PRO}, ${WEBINAR}).`,
      },
    ]);
  });

  it('warns when a license has no free seat', async () => {
    const fake = account({
      licenses: [
        { key: STANDARD, seats: 1 },
        { key: PRO, seats: 5 },
      ],
      users: [{ email: DEFAULT_ME_EMAIL, licenseKeys: [STANDARD] }],
    });
    const done = await check(fake, [settingsFile()]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`${STANDARD}: 1 seats, 1 used, no free seat`);
  });

  it('fails with one line when the token is refused (401)', async () => {
    const fake = account();
    const done = await check(fake, [settingsFile()], 'not-the-token');
    expect(done.code).toBe(1);
    expect(done.report.checks.slice(1)).toEqual([
      {
        check: 'token',
        status: 'fail',
        message: expect.stringContaining(
          'GoTo rejected the access token (401, code not.authenticated',
        ),
      },
    ]);
  });

  it('fails with one line when /me is refused (403), and when no account can be found', async () => {
    const refused = await check(account({ me: { forbidden: true } }), [settingsFile()]);
    expect(refused.code).toBe(1);
    expect(refused.report.checks.slice(1)).toEqual([
      {
        check: 'token',
        status: 'fail',
        message: expect.stringMatching(/\(403, .*the connected user is no GoTo admin/),
      },
    ]);
    const nameless = await check(account({ me: { accountKey: 'missing' } }), [
      settingsFile({ accountKey: null }),
    ]);
    expect(nameless.code).toBe(1);
    expect(nameless.report.checks.at(-1)).toEqual({
      check: 'account',
      status: 'fail',
      message:
        "No account: the OAuth configuration has no account_key and GET /me names none; set account_key in the OAuth configuration or the accountKey build option, one of the admin's accounts: 1000000000000000001 (Account 1).",
    });
  });

  it('warns when the configured account is not one the admin manages', async () => {
    const done = await check(account(), [settingsFile({ accountKey: '1000000000000000009' })]);
    expect(done.code).toBe(1);
    expect(done.report.checks.slice(3)).toEqual([
      {
        check: 'account',
        status: 'warn',
        message:
          'The scripts would use account 1000000000000000009 (from account_key in the OAuth configuration), which is not among the accounts this admin may manage (1000000000000000001 (Account 1)): GoTo will refuse its calls (403); correct the account key.',
      },
      {
        check: 'license',
        status: 'fail',
        message: expect.stringContaining('GoTo refused the request (403, code not.authorized'),
      },
    ]);
  });

  it('takes the account from /me without account_key and names the others', async () => {
    const fake = account({ me: TWO_ACCOUNTS });
    const done = await check(fake, [settingsFile({ accountKey: null })]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(
      `The scripts would use account ${ACCOUNT_KEY} (Acme), from GET /me; the admin may also choose ${OTHER_ACCOUNT} (Acme Labs).`,
    );
  });

  it('prefers the build option, warns of missing roles there, and fails on the 403', async () => {
    const fake = account({ me: TWO_ACCOUNTS });
    const done = await check(fake, [settingsFile(), '--account-key', OTHER_ACCOUNT]);
    expect(done.code).toBe(1);
    expect(done.report.accountKey).toBe(OTHER_ACCOUNT);
    expect(done.report.checks.map((line: { status: string }) => line.status)).toEqual([
      'pass',
      'pass',
      'warn',
      'pass',
      'fail',
    ]);
    expect(done.stdout).toContain('without MANAGE_SEATS (licenses)');
    expect(done.stdout).toContain('from the accountKey build option');
    expect(done.stdout).toContain('GoTo refused the request (403, code not.authorized');
  });

  it('retries a 429 and fails with one line when GoTo keeps answering 429', async () => {
    const once = account();
    once.inject({ path: '/me', respond: { status: 429 } });
    expect((await check(once, [settingsFile()])).code).toBe(0);
    const always = account();
    always.inject({ path: '/me', times: Infinity, respond: { status: 429 } });
    const done = await check(always, [settingsFile()]);
    expect(done.code).toBe(1);
    expect(done.report.checks[1].message).toMatch(
      /^GoTo kept rate-limiting the requests \(429.*after \d+ retries \(240 s waited in this run\)/,
    );
  });

  it.each([
    [
      ['--api-base-url', 'http://api.getgo.com/admin/rest/v1'],
      '--api-base-url must be an https URL',
    ],
    [['--account-key', '12-34'], '--account-key must be your GoTo account key, a string of digits'],
  ])('refuses %j as a usage mistake', async (flags, words) => {
    const fake = account();
    const done = await check(fake, [settingsFile(), ...flags]);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain(words);
    expect(fake.requests).toEqual([]);
  });

  it.each([
    [
      { OAuth2ProtocolConfiguration: '{"account_key":"1","access_token":"x"}' },
      'contains an access_token: remove it from the file and set GOTO_ACCESS_TOKEN instead',
    ],
    [
      '{"Application":{"ApplicationSettings":{"Fields":{"ApplicationLicenses":[6000000000000000001]}}}}',
      'holds Application.ApplicationSettings.Fields.ApplicationLicenses[0] as the number 6000000000000000001, which JavaScript rounds',
    ],
  ])('refuses a settings file the scripts could not use: %j', async (content, words) => {
    const fake = account();
    const path = tempFile(
      'settings.json',
      typeof content === 'string' ? content : JSON.stringify(content),
    );
    const done = await check(fake, [path]);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain(words);
    expect(fake.requests).toEqual([]);
  });

  it('needs the token from the environment', async () => {
    const fake = account();
    const done = await check(fake, [settingsFile()], '');
    expect(done.code).toBe(2);
    expect(done.stderr).toBe(
      'check needs the access token in the GOTO_ACCESS_TOKEN environment variable',
    );
  });

  it('never writes, whatever the options, and prints one line per check', async () => {
    for (const flags of [[], ['--json'], ['--account-key', ACCOUNT_KEY]]) {
      const fake = account({ filterMode: 'literal' });
      const done = await callCommand(fake, checkCommand, [
        settingsFile({ accountKey: null }),
        ...flags,
      ]);
      expect(done.code).toBe(0);
      expect(methodsSeen(fake)).toEqual(['GET']);
      expect(fake.requests.length).toBeGreaterThanOrEqual(4);
      if (flags.length === 0) {
        expect(
          done.stdout
            .split('\n')
            .slice(1, 7)
            .map((line) => line.split(/\s+/).slice(0, 2).join(' ')),
        ).toEqual([
          'pass app',
          'pass token',
          'pass roles',
          'pass account',
          'pass license',
          'pass filter',
        ]);
        expect(done.stdout).toContain('0 failed, 0 warnings, 6 passed');
      }
    }
  });
});
