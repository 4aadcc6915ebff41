import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../cli/account/check';
import { ACCOUNT_KEY, STANDARD } from '../../emulator/contexts';
import { DEFAULT_ME_EMAIL } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { callCommand, settingsFile, tempFile } from '../support/admin-tools';
import { withLineAt, withOptionLine } from '../support/blocks';
import { builtScript } from '../support/scenario';

/**
 * `check --script <built script>`: the connection checked with the options the script will run
 * with (its account and API), and the block itself checked first, as the script will check it.
 */

const OTHER_ACCOUNT = '1000000000000000002';

function account() {
  return fakeAccount({
    users: [{ email: DEFAULT_ME_EMAIL, licenseKeys: [STANDARD] }],
    me: { otherAccounts: [OTHER_ACCOUNT] },
  });
}

async function check(args: string[]) {
  const run = await callCommand(account(), checkCommand, [...args, '--json']);
  return { ...run, report: run.stdout === '' ? undefined : JSON.parse(run.stdout) };
}

const script = (code: string) => tempFile('gotomeeting-provisioning.js', code);

describe('check --script', () => {
  it('takes the account from the block and says which options differ from the defaults', async () => {
    const code = withOptionLine(builtScript('provisioning'), 'accountKey', `"${OTHER_ACCOUNT}"`);
    const done = await check([settingsFile(), '--script', script(code)]);
    expect(done.report.accountKey).toBe(OTHER_ACCOUNT);
    expect(done.report.checks[0]).toEqual({
      check: 'options',
      status: 'pass',
      message: `The script's code matches its header and its options are valid: differing from the defaults, accountKey "${OTHER_ACCOUNT}".`,
    });
    expect(
      done.report.checks.find((line: { check: string }) => line.check === 'account').message,
    ).toContain('from the accountKey build option');
  });

  it('says so when every option is the default, and checks the account the connection names', async () => {
    const done = await check([settingsFile(), '--script', 'dist/gotomeeting-provisioning.js']);
    expect(done.code).toBe(0);
    expect(done.report.accountKey).toBe(ACCOUNT_KEY);
    expect(done.report.checks[0].message).toMatch(/options are valid: all the defaults\.$/);
  });

  it('fails on a block the script would refuse, before any call', async () => {
    const code = withOptionLine(builtScript('provisioning'), 'locale', '"english"');
    const done = await check([settingsFile(), '--script', script(code)]);
    expect(done.code).toBe(1);
    expect(done.report.checks).toEqual([
      {
        check: 'options',
        status: 'fail',
        message: expect.stringContaining(
          'every run will end "failed" (invalid-options): locale must be a GoTo locale of the form ll_CC',
        ),
      },
    ]);
  });

  it.each([
    [
      'a script with a line planted above its code',
      () => script(withLineAt(builtScript('provisioning'), 2, 'done(context);')),
      [],
      'is refused: line 2, above the code, is neither a comment nor an option',
    ],
    [
      '--account-key with --script',
      () => 'dist/gotomeeting-provisioning.js',
      ['--account-key', OTHER_ACCOUNT],
      '--account-key cannot be combined with --script',
    ],
    [
      'a script that cannot be read',
      () => 'missing.js',
      [],
      'cannot read the script file missing.js',
    ],
  ])('refuses %s in one line, exit 2', async (_, path, extra, words) => {
    const done = await check([settingsFile(), '--script', path(), ...extra]);
    expect(done.code).toBe(2);
    expect(done.stdout).toBe('');
    expect(done.stderr).toContain(words);
  });
});
