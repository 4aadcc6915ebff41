import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLineAt, withOptionLine } from '../support/blocks';
import { runInProcess } from '../support/cli';
import { builtScript } from '../support/scenario';
import { runAsProcess } from '../support/tools';

/**
 * `try` reads the options from the script file it is given and checks the file as the documented
 * check does before running anything: a file with code planted above its code, or whose code
 * no longer matches its header, is refused with one line, exit code 2.
 */

const CONTEXT = 'examples/assign-standard.context.json';

function scriptFile(code: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'goto-try-script-')), 'gotomeeting-provisioning.js');
  writeFileSync(path, code);
  return path;
}

describe('try checks the script before running it', () => {
  it('says that the code matches its header and that all options are the defaults', async () => {
    const done = await runAsProcess(['try', 'dist/gotomeeting-provisioning.js', CONTEXT]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('its code matches the SHA-256 in its header');
    expect(done.stdout).toContain('Options: all the defaults.');
  });

  it('names the options that differ from the defaults, as edited in the block', async () => {
    const code = withOptionLine(
      withOptionLine(builtScript('provisioning'), 'locale', '"de_DE"'),
      'dryRun',
      'true',
    );
    const done = await runAsProcess(['try', scriptFile(code), CONTEXT]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(
      'Options that differ from the defaults: locale "de_DE", dryRun true.',
    );
    expect(done.stdout).toContain('"locale": "de_DE"');
  });

  it('runs a script whose block breaks the rules, which ends failed: invalid-options (exit 1)', async () => {
    const code = withOptionLine(builtScript('provisioning'), 'maxRetries', '"3"');
    const done = await runAsProcess(['try', scriptFile(code), CONTEXT]);
    expect(done.code).toBe(1);
    expect(done.stdout).toContain(
      'Its options break the rules, so the script ends "failed" (invalid-options): maxRetries must be a whole number from 0 to 10, not "3"',
    );
    expect(done.stdout).toContain('"error": "invalid-options"');
    expect(done.stdout).toMatch(/Calls to .*:\n\(none\)/);
  });

  it.each([
    [
      'the attack of the report, planted in the header',
      (code: string) =>
        withLineAt(code, 2, '*/ context.ProvisionedUser.MailAddress = "attacker@…"; /*'),
      'line 2, above the code, is neither a comment nor an option, so it could run',
    ],
    [
      'a working statement planted in the header',
      (code: string) =>
        withLineAt(code, 2, 'context.ProvisionedUser.MailAddress = "attacker@example.com";'),
      'line 2, above the code, is neither a comment nor an option, so it could run',
    ],
    [
      'a code line edited',
      (code: string) => code.replace('var MAX_EMAIL_LENGTH = 128;', 'var MAX_EMAIL_LENGTH = 1280;'),
      'its code was changed after it was built',
    ],
  ])('refuses %s in one line, exit 2, before any run', async (_, tamper, words) => {
    const path = scriptFile(tamper(builtScript('provisioning')));
    const done = await runInProcess(['try', path, CONTEXT]);
    expect(done.code).toBe(2);
    expect(done.out).toBe('');
    expect(done.err.trim().split('\n')).toHaveLength(1);
    expect(done.err).toContain(`try: ${path} is refused: ${words}`);
  });
});

describe('try shows the notification', () => {
  it("serves a receiver at the script's notifyUrl and prints what it got, never the URL's path", async () => {
    const url = 'https://hooks.example.test/services/T0001/B0001/s3cret-path';
    const code = withOptionLine(
      withOptionLine(builtScript('provisioning'), 'notifyUrl', JSON.stringify(url)),
      'notifyOn',
      '"all"',
    );
    const done = await runAsProcess(['try', scriptFile(code), CONTEXT]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Notification to https://hooks.example.test: answered 200');
    expect(done.stdout).toContain(
      '  it said: GoToMeeting provisioning ended "created" for jane.doe@example.com: nothing to do.',
    );
    expect(done.stdout).not.toContain('s3cret-path');
  });
});
