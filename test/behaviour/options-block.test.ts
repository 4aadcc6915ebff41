import { describe, expect, it } from 'vitest';
import { STANDARD } from '../../emulator/contexts';
import { withBlockLine, withOptionLine, withoutOption } from '../support/blocks';
import { runInEveryEngine } from '../support/both-engines';
import { builtScript, type ScriptName } from '../support/scenario';

/**
 * The options block edited by hand in the MyWorkspace editor: the script reads it when it runs,
 * and checks it by the build's rules before anything else. A wrong value, an unknown key, a key
 * of the other script or a missing block ends the run `failed` with `invalid-options`, naming
 * the option and what is allowed, with no call made: never a silent fallback.
 */

const EMAIL = 'jane.doe@example.com';

function edited(script: ScriptName, name: string, source: string): string {
  return withOptionLine(builtScript(script), name, source);
}

async function expectInvalid(script: ScriptName, code: string, words: string[]) {
  const { result, fake } = await runInEveryEngine({
    script,
    code,
    fake: { users: [{ email: EMAIL, licenseKeys: [STANDARD] }] },
  });
  expect(result).toMatchObject({
    outcome: 'failed',
    ok: false,
    error: 'invalid-options',
    email: EMAIL,
    calls: [],
  });
  expect(result.message).toMatch(/^The script's options cannot be used: /);
  expect(result.message).toMatch(/no GoTo call was made\.$/);
  for (const word of words) expect(result.message).toContain(word);
  expect(fake.requests).toEqual([]);
  return result;
}

describe('a hand-edited options block', () => {
  it('is what the script runs with: deprovisionMode "delete" deletes the user', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'deprovisioning',
      code: edited('deprovisioning', 'deprovisionMode', '"delete"'),
      fake: { users: [{ email: EMAIL, licenseKeys: [STANDARD] }] },
    });
    expect(result.outcome).toBe('deleted');
    expect(fake.users()).toEqual([]);
  });

  it('is what the script runs with: dryRun true plans the write and says so', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      code: edited('provisioning', 'dryRun', 'true'),
    });
    expect(result).toMatchObject({ outcome: 'created', dryRun: true });
    expect(fake.users()).toEqual([]);
  });

  it('takes the default for an option whose line was removed', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      code: withoutOption(builtScript('provisioning'), 'dryRun'),
    });
    expect(result).toMatchObject({ outcome: 'created', dryRun: false });
  });

  it.each([
    [
      '"Delete" instead of "delete"',
      'deprovisioning',
      'deprovisionMode',
      '"Delete"',
      ['deprovisionMode must be "remove-licenses"', 'or "delete"', 'not "Delete"'],
    ],
    [
      'a number as text',
      'provisioning',
      'maxRetries',
      '"3"',
      ['maxRetries must be a whole number from 0 to 10, not "3"'],
    ],
    ['a retry count over the limit', 'deprovisioning', 'maxRetries', '11', ['not 11']],
    ['a negative budget', 'provisioning', 'retryBudgetSeconds', '-1', ['from 0 to 600, not -1']],
    ['a text for dryRun', 'provisioning', 'dryRun', '"yes"', ['dryRun must be true or false']],
    ['a locale with a dash', 'provisioning', 'locale', '"en-US"', ['ll_CC', 'not "en-US"']],
    [
      'a plain-http API',
      'deprovisioning',
      'apiBaseUrl',
      '"http://api.getgo.com/admin/rest/v1"',
      ['apiBaseUrl must be an https URL', 'does not use https'],
    ],
    [
      'a plain-http webhook',
      'deprovisioning',
      'notifyUrl',
      '"http://hooks.example.com/x"',
      ['notifyUrl must be an https URL', '(or null: no notification)'],
    ],
    ['notifyOn in capitals', 'provisioning', 'notifyOn', '"ALL"', ['notifyOn must be "failures"']],
    [
      'an account key as a number',
      'provisioning',
      'accountKey',
      '1000000000000000001',
      ['accountKey must be your GoTo account key as a string of digits'],
    ],
    [
      'a welcome email without its text',
      'provisioning',
      'welcomeEmail',
      '{ subject: "Hi", text: " " }',
      ["the custom email's text must be non-empty text"],
    ],
    [
      'a welcome email by a name it does not have',
      'provisioning',
      'welcomeEmail',
      '"none"',
      [
        'welcomeEmail must be "goto-default", "suppress" or {"subject": "...", "text": "..."}, not "none"',
      ],
    ],
  ] as const)(
    'fails invalid-options before any call: %s',
    async (_, script, name, source, words) => {
      await expectInvalid(script, edited(script, name, source), [...words]);
    },
  );

  it('fails on an unknown key, naming the options there are', async () => {
    const code = withBlockLine(builtScript('provisioning'), '  mode: "delete",');
    await expectInvalid('provisioning', code, [
      'unknown option "mode": the options are welcomeEmail, locale, maxRetries',
    ]);
  });

  it("fails on the other script's option rather than ignoring it", async () => {
    const code = withBlockLine(builtScript('provisioning'), '  deprovisionMode: "delete",');
    await expectInvalid('provisioning', code, [
      'deprovisionMode does not change this script (only the de-provisioning script)',
    ]);
  });

  it('fails on a provisioning option in the de-provisioning block, naming the script it is for', async () => {
    const code = withBlockLine(builtScript('deprovisioning'), '  locale: "de_DE",');
    await expectInvalid('deprovisioning', code, [
      'locale does not change this script (only the provisioning script): remove it from these options',
    ]);
  });

  it('lists every problem at once', async () => {
    const code = edited('provisioning', 'locale', '"x"').replace(
      '\n  dryRun: false,\n',
      '\n  dryRun: 1,\n',
    );
    const result = await expectInvalid('provisioning', code, ['locale must be', 'dryRun must be']);
    expect(result.message.match(/ must be /g)).toHaveLength(2);
  });

  it('fails when the block is missing', async () => {
    const code = builtScript('deprovisioning').replace(/^var GOTO_OPTIONS = \{[\s\S]*?^\};$/m, '');
    await expectInvalid('deprovisioning', code, ['the options must be an object', 'not nothing']);
  });
});
