import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import { hostContext } from '../../emulator/contexts';
import { readScript } from '../../scripts/build/header';
import { ALLOWED_LINE, BLOCK_START } from '../../scripts/build/options-block';
import { readBuilt } from '../../scripts/build/scripts';
import { fakeAccount } from '../support/accounts';
import { blockOf, withBlockLine, withLineAt, withOptionLine } from '../support/blocks';
import { buildWith } from '../support/builds';
import { posixCheck } from '../support/paste-check';

/**
 * What an administrator can check about a paste: that its code is the code that was built
 * (the checksum covers the code, and only the code, so it is the same in every tailoring), and
 * that nothing above the code can run (only comments and option values). Both the documented
 * POSIX check and the command line's reading (`readScript`, used by `try` and `check`) must
 * refuse every planted line.
 */

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const CODE = readBuilt('provisioning');
const HASH = /^\/\/ {3}([0-9a-f]{64})$/m.exec(CODE)?.[1] as string;

async function expectRefused(copy: string) {
  const posix = await posixCheck(copy);
  expect(posix.stdout).toBe(`${EMPTY_SHA256}  -\n`);
  expect(posix.stderr).toMatch(/^REFUSE this copy: line \d+ is above the code/);
  const read = readScript(copy);
  expect(read.problem).toMatch(/is neither a comment nor an option|not valid JavaScript/);
}

describe('a tailored build', () => {
  it('differs from dist/ only inside the options block, with the same code checksum', async () => {
    const tailored = await buildWith({
      dryRun: true,
      locale: 'de_DE',
      accountKey: '1000000000000000001',
      welcomeEmail: { subject: 'Willkommen', text: 'Ihr GoToMeeting-Zugang ist bereit.' },
    });
    expect(tailored.provisioning).not.toBe(CODE);
    expect(tailored.provisioning.replace(blockOf(tailored.provisioning), '')).toBe(
      CODE.replace(blockOf(CODE), ''),
    );
    expect((await posixCheck(tailored.provisioning)).stdout).toBe(`${HASH}  -\n`);
  });

  it('keeps a welcome text with */, quotes and line breaks a string: it builds, checks and is sent as written', async () => {
    const text =
      'See https://x/*/y */ "; context.ProvisionedUser.MailAddress = "a@x"; //\n\u2028next';
    const welcomeEmail = { subject: '*/ Welcome /*', text };
    const code = (await buildWith({ welcomeEmail })).provisioning;
    expect(code.slice(0, code.indexOf(BLOCK_START))).toBe(CODE.slice(0, CODE.indexOf(BLOCK_START)));
    expect((await posixCheck(code)).stdout).toBe(`${HASH}  -\n`);
    expect(readScript(code).options.welcomeEmail).toEqual(welcomeEmail);
    const fake = fakeAccount();
    const run = await runBuiltScript({ script: code, context: hostContext(), api: fake });
    expect(run.result?.outcome).toBe('created');
    expect(run.result?.email).toBe('jane.doe@example.com');
    expect(fake.sentEmails()).toEqual([
      { to: 'jane.doe@example.com', kind: 'custom', ...welcomeEmail },
    ]);
  });
});

describe('a planted line above the code', () => {
  const planted = 'context.ProvisionedUser.MailAddress = "attacker@example.com";';

  it('would run: the planted address is the one provisioned', async () => {
    const fake = fakeAccount();
    const copy = withLineAt(CODE, 2, planted);
    const run = await runBuiltScript({ script: copy, context: hostContext(), api: fake });
    expect(run.result?.email).toBe('attacker@example.com');
    expect(fake.user('attacker@example.com')).toBeDefined();
  });

  it.each([
    [
      'the attack of the report, inside the header',
      2,
      '*/ context.ProvisionedUser.MailAddress = "attacker@…"; /*',
    ],
    ['a statement in the header', 2, planted],
    ['a statement just above the block', 0, planted],
    ['a statement just above the code', -1, planted],
    ['code after a comment, behind a lone CR', 3, `// note\r${planted}`],
    ['code after a comment, behind U+2028', 3, `// note\u2028${planted}`],
    ['a block comment', 2, `/* ${planted} */`],
  ])('is refused by the documented check and by try: %s', async (_, at, line) => {
    const lines = CODE.split('\n');
    const marker = at === 0 ? BLOCK_START : '// END OF OPTIONS';
    const where = at > 0 ? at : lines.indexOf(marker) + 1;
    await expectRefused(withLineAt(CODE, where, line));
  });

  it.each([
    ['a second value on an option line', 'locale', '"en_US", evil: (context.x = 1)'],
    ['a call as a value', 'locale', 'String(context.x = 1)'],
    ['a string that ends early', 'locale', '"en_US" + (context.x = 1) + ""'],
    ['an unquoted identifier', 'accountKey', 'context'],
  ])('in the block is refused too: %s', async (_, name, source) => {
    await expectRefused(withOptionLine(CODE, name, source));
  });

  it('a line added to the block that is not an option is refused', async () => {
    await expectRefused(withBlockLine(CODE, '  done(context);'));
  });
});

describe('a copy whose code was edited', () => {
  it('prints another checksum and is refused by try', async () => {
    const edited = CODE.replace('var MAX_EMAIL_LENGTH = 128;', 'var MAX_EMAIL_LENGTH = 1280;');
    const posix = await posixCheck(edited);
    expect(posix.stderr).toBe('');
    expect(posix.stdout).not.toBe(`${HASH}  -\n`);
    expect(readScript(edited).problem).toMatch(/^its code was changed after it was built/);
  });

  it('saved with CRLF line ends still checks as built', async () => {
    const crlf = CODE.replace(/\n/g, '\r\n');
    expect((await posixCheck(crlf)).stdout).toBe(`${HASH}  -\n`);
    expect(readScript(crlf)).toMatchObject({ checksumMatches: true });
  });
});

describe('the documented checks', () => {
  it('spell for awk and for PowerShell the same line rule as try', () => {
    const docs = readFileSync(new URL('../../docs/command-line.md', import.meta.url), 'utf8');
    const powershell = /^\$allowed = '(.*)'$/m.exec(docs)?.[1];
    const awk = /^ {2}\/(\^\(.*\)\$)\/ \{ next \}$/m.exec(docs)?.[1];
    // The same expression, up to the escaping of / (awk) and the non-capturing groups (JS).
    const plain = (rule: string | undefined) => rule?.replace(/\\\//g, '/').replace(/\(\?:/g, '(');
    expect(plain(powershell)).toBe(plain(ALLOWED_LINE.source));
    expect(plain(awk)).toBe(plain(ALLOWED_LINE.source));
  });

  it('read the PowerShell rule as .NET would, where it agrees with JavaScript: the lines of both scripts pass', () => {
    const docs = readFileSync(new URL('../../docs/command-line.md', import.meta.url), 'utf8');
    const rule = new RegExp(/^\$allowed = '(.*)'$/m.exec(docs)?.[1] as string);
    for (const name of ['provisioning', 'deprovisioning'] as const) {
      const code = readBuilt(name);
      const head = code.slice(0, code.indexOf('\n// END OF OPTIONS\n')).split('\n');
      expect(head.filter((line) => !rule.test(line))).toEqual([]);
    }
    expect(rule.test('*/ context.ProvisionedUser.MailAddress = "attacker@…"; /*')).toBe(false);
  });
});
