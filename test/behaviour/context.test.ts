import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import {
  ACCOUNT_KEY,
  type ContextInput,
  hostContext,
  PRO,
  STANDARD,
  TOKEN,
} from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { expectCleanEnd } from '../support/expectations';
import { builtScript, runScript, type ScriptName } from '../support/scenario';

const SCRIPTS: ScriptName[] = ['provisioning', 'deprovisioning'];

const oauth = (value: object) => JSON.stringify(value);

const OAUTH = 'OAuth2ProtocolConfiguration';
const MAIL = 'ProvisionedUser.MailAddress';
const LICENSES = 'Application.ApplicationSettings.Fields.ApplicationLicenses';
const notAnAddress = (email: string) =>
  `${MAIL} "${email}" is not an email address (it needs one @ between a name and a domain)`;
const holding = (what: string) =>
  `${MAIL} contains ${what}, which an email address used here may not contain`;
const notAKey = (what: string) =>
  `${LICENSES} holds ${what}, which is not a license key (digits and letters only)`;
const badAccount = `${OAUTH} has an account_key that is not a GoTo account key (digits); correct it, or remove it so the scripts ask GoTo for the account`;

/** Each way a context can be malformed (and rejected before any call), with the whole problem its message must state. */
const MALFORMED: [string, ContextInput, string][] = [
  [
    'OAuth configuration missing',
    { oauth: undefined },
    `${OAUTH} is missing; it must be a JSON string with access_token`,
  ],
  [
    'OAuth configuration an object',
    { oauth: { access_token: TOKEN } },
    `${OAUTH} is of type object; it must be a JSON string with access_token`,
  ],
  [
    'OAuth configuration not JSON',
    { oauth: '{access_token:' },
    `${OAUTH} is not valid JSON; it must be a JSON string with access_token`,
  ],
  [
    'OAuth configuration a JSON list',
    { oauth: '[]' },
    `${OAUTH} is not a JSON object with access_token`,
  ],
  [
    'access_token missing',
    { oauth: oauth({ account_key: ACCOUNT_KEY }) },
    `${OAUTH} has no access_token; connect the app to GoTo again so MyWorkspace stores a token`,
  ],
  [
    'account_key with letters',
    { oauth: oauth({ access_token: TOKEN, account_key: 'abc123' }) },
    badAccount,
  ],
  [
    'account_key a path',
    { oauth: oauth({ access_token: TOKEN, account_key: '../1' }) },
    badAccount,
  ],
  [
    'account_key digits then letters',
    { oauth: oauth({ access_token: TOKEN, account_key: '12abc' }) },
    badAccount,
  ],
  ['email missing', { email: undefined }, `${MAIL} is missing; an email address is required`],
  ['email empty', { email: '' }, `${MAIL} is blank; an email address is required`],
  ['email null', { email: null }, `${MAIL} is null; an email address is required`],
  [
    'email a list',
    { email: ['jane@example.com'] },
    `${MAIL} is a list; an email address is required`,
  ],
  ['email not a string', { email: 42 }, `${MAIL} is of type number; an email address is required`],
  ['email without @', { email: 'jane.doe.example.com' }, notAnAddress('jane.doe.example.com')],
  ['email with two @', { email: 'jane@doe@example.com' }, notAnAddress('jane@doe@example.com')],
  ['email ending in @', { email: 'jane@' }, notAnAddress('jane@')],
  ['email with a quote', { email: 'ja"ne@example.com' }, holding('the character "')],
  ['email with (', { email: 'ja(ne@example.com' }, holding('the character (')],
  ['email with )', { email: 'ja)ne@example.com' }, holding('the character )')],
  ['email with /', { email: 'ja/ne@example.com' }, holding('the character /')],
  ['email with \\', { email: 'ja\\ne@example.com' }, holding('the character \\')],
  ['email with a space', { email: 'ja ne@example.com' }, holding('whitespace')],
  ['email with a newline', { email: 'jane@example.com\n' }, holding('whitespace')],
  [
    'email with a control character',
    { email: 'ja\u0001ne@example.com' },
    holding('a control character'),
  ],
  ['email with DEL', { email: 'ja\u007fne@example.com' }, holding('a control character')],
  ['license key with a path', { licenses: ['../1'] }, notAKey('the string "../1"')],
  ['license key with a space', { licenses: ['12 34'] }, notAKey('the string "12 34"')],
  [
    'license key long and wrong',
    { licenses: [`${'k'.repeat(45)} x`] },
    notAKey(`the string "${'k'.repeat(40)}…"`),
  ],
  ['license key a list', { licenses: [[STANDARD]] }, notAKey('a list')],
  ['license key null', { licenses: [STANDARD, null] }, notAKey('null')],
  ['license key a fraction', { licenses: [1.5] }, notAKey('the number 1.5')],
  [
    'license list an object',
    { licenses: { key: STANDARD } },
    `${LICENSES} is of type object; it must be a list of license keys`,
  ],
  [
    'license key a rounded number',
    { licenses: [2 ** 53] },
    `${LICENSES} holds the number 9007199254740992, which is too large to be exact; enter license keys as text`,
  ],
  [
    'license list missing',
    { licenses: undefined },
    `${LICENSES} is empty; list the license keys this app hands out`,
  ],
  [
    'license list empty',
    { licenses: [] },
    `${LICENSES} is empty; list the license keys this app hands out`,
  ],
];

describe.each(SCRIPTS)('%s with a malformed context', (script) => {
  it.each(MALFORMED)('%s → invalid-context, no call', async (_, input, problem) => {
    const fake = createFakeGoto();
    const run = await runScript(script, fake, hostContext(input));
    expectCleanEnd(run);
    expect(run.result).toMatchObject({ outcome: 'failed', ok: false, error: 'invalid-context' });
    expect(run.result.message).toBe(
      `The workflow context cannot be used: ${problem}. No GoTo call was made.`,
    );
    expect(run.result.calls).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['a string', 'context'],
  ])('ends once without throwing when the whole context is %s', async (_, context) => {
    const run = await runBuiltScript({ script: builtScript(script), context });
    expect(run.doneCalls).toBe(1);
  });

  it('never echoes the token, even from a field it does not belong in', async () => {
    const fake = createFakeGoto();
    const run = await runScript(script, fake, hostContext({ licenses: [TOKEN] }));
    expect(run.result.error).toBe('invalid-context');
    expect(run.result.message).toContain('holds the string "[redacted]"');
    expect(JSON.stringify(run.result)).not.toContain(TOKEN);
  });

  it.each([
    ['the string "true"', 'true', 'is the string "true", and only the boolean true enables it'],
    ['false', false, 'is false'],
    ['missing', undefined, 'is not set'],
  ])(
    'skips an app whose switch is %s before looking at anything else',
    async (_, enabled, said) => {
      const fake = createFakeGoto();
      const run = await runScript(script, fake, hostContext({ enabled, email: 'x@y' }));
      expect(run.result).toMatchObject({ outcome: 'skipped', ok: true, calls: [], email: 'x@y' });
      expect(run.result.message).toBe(
        `Provisioning is disabled for this app (EnableAccountProvisioning ${said}); nothing was done.`,
      );
    },
  );
});

describe('tolerated license lists', () => {
  it.each([
    ['a single key', STANDARD, [STANDARD]],
    ['a comma-separated string', ` ${STANDARD}, ${PRO} ,`, [STANDARD, PRO]],
    ['numbers within the safe range', [12345, 678], ['12345', '678']],
    ['repeated keys', [STANDARD, STANDARD], [STANDARD]],
  ])('accepts %s', async (_, licenses, expected) => {
    const fake = createFakeGoto({
      licenses: expected.map((key) => ({ key, seats: 5 })),
    });
    const run = await runScript('provisioning', fake, hostContext({ licenses }));
    expectCleanEnd(run);
    expect(run.result).toMatchObject({ outcome: 'created', licenseKeys: expected });
    expect(fake.user('jane.doe@example.com')?.licenseKeys.sort()).toEqual([...expected].sort());
  });
});
