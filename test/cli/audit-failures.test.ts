import { describe, expect, it } from 'vitest';
import { STANDARD } from '../../emulator/contexts';
import { methodsSeen, settingsFile, tempFile } from '../support/admin-tools';
import { audit, bigAccount, CONFIGURED, seedUsers } from '../support/audit-account';

describe('audit failures and usage mistakes', () => {
  it.each([
    [
      'a missing license key',
      { licenses: [STANDARD, '6000000000000000999'] },
      undefined,
      /^audit: License key 6000000000000000999 does not exist in account 1000000000000000001; correct ApplicationLicenses \(the account has 6000000000000000001 GoToMeeting Standard, 6000000000000000002 GoToMeeting Pro, 6000000000000000003 GoToWebinar\)\.$/,
    ],
    [
      'a refused token (401)',
      {},
      'expired-token',
      /^audit: GoTo rejected the access token \(401, code not.authenticated/,
    ],
    [
      'an account that is not the admin’s (403)',
      { accountKey: '1000000000000000002' },
      undefined,
      /^audit: GoTo refused the request \(403, code not.authorized/,
    ],
  ])('fails with one line on %s', async (_, settings, token, message) => {
    const { fake, clock } = bigAccount();
    const done = await audit(
      fake,
      clock,
      [settingsFile({ licenses: CONFIGURED, ...settings }), '--json'],
      token,
    );
    expect(done.code).toBe(1);
    expect(done.stdout).toBe('');
    expect(done.stderr.split('\n')).toHaveLength(1);
    expect(done.stderr).toMatch(message);
  });

  it('fails with one line when GoTo keeps answering 429', async () => {
    const { fake, clock } = bigAccount();
    fake.inject({ path: /\/licenses/, times: Infinity, respond: { status: 429 } });
    const done = await audit(fake, clock, [settingsFile({ licenses: CONFIGURED })]);
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(
      /^audit: GoTo kept rate-limiting the requests \(429.*after \d+ retries \(240 s waited in this run\)[^\n]*$/,
    );
  });

  it.each([
    [['--csv'], '--csv prints the drift, which needs --assigned FILE'],
    [
      ['--json', '--csv', '--assigned', 'x.csv'],
      "option '--json' cannot be used with option '--csv'",
    ],
    [['--assigned', 'missing.csv'], 'cannot read the --assigned file missing.csv'],
    [
      ['--assigned', 'TABLE'],
      'has no email column (a header named email, e-mail, mail, email address, mail address, MailAddress)',
    ],
    [['--assigned', 'NOT_AN_ADDRESS'], 'has "Jane Doe" on line 2, which is not an email address'],
  ])('refuses %j as a usage mistake, before any call', async (flags, words) => {
    const { fake, clock } = bigAccount();
    const files: Record<string, string> = {
      TABLE: tempFile('table.csv', 'name,department\nJane,Sales\n'),
      NOT_AN_ADDRESS: tempFile('bad.csv', 'email\nJane Doe\n'),
    };
    const args = flags.map((flag) => files[flag] ?? flag);
    const done = await audit(fake, clock, [settingsFile(), ...args]);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain(words);
    expect(fake.requests).toEqual([]);
  });

  it('never writes, whatever the options', async () => {
    const assigned = tempFile('assigned.csv', 'email\nuser0@example.com\nnew@example.com\n');
    for (const flags of [
      [],
      ['--json'],
      ['--assigned', assigned],
      ['--assigned', assigned, '--json'],
      ['--assigned', assigned, '--csv'],
    ]) {
      const { fake, clock } = bigAccount({ users: seedUsers().slice(0, 300) });
      const done = await audit(fake, clock, [
        settingsFile({ accountKey: null, licenses: CONFIGURED }),
        ...flags,
      ]);
      expect(done.code).toBe(0);
      expect(methodsSeen(fake)).toEqual(['GET']);
      expect(fake.requests.length).toBeGreaterThan(3);
    }
  });
});
