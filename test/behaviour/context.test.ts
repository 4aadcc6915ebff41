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

/** Each way a context can be malformed (and rejected before any call), with the words its message must contain. */
const MALFORMED: [string, ContextInput, string][] = [
  ['OAuth configuration missing', { oauth: undefined }, 'OAuth2ProtocolConfiguration is missing'],
  ['OAuth configuration an object', { oauth: { access_token: TOKEN } }, 'must be a JSON string'],
  ['OAuth configuration not JSON', { oauth: '{access_token:' }, 'is not valid JSON'],
  ['OAuth configuration a JSON list', { oauth: '[]' }, 'is not a JSON object'],
  ['access_token missing', { oauth: oauth({ account_key: ACCOUNT_KEY }) }, 'has no access_token'],
  [
    'account_key with letters',
    { oauth: oauth({ access_token: TOKEN, account_key: 'abc123' }) },
    'not a GoTo account key (digits)',
  ],
  [
    'account_key a path',
    { oauth: oauth({ access_token: TOKEN, account_key: '../1' }) },
    'account_key',
  ],
  ['email missing', { email: undefined }, 'MailAddress is missing'],
  ['email empty', { email: '' }, 'MailAddress is blank'],
  ['email not a string', { email: 42 }, 'MailAddress is of type number'],
  ['email without @', { email: 'jane.doe.example.com' }, 'not an email address'],
  ['email with two @', { email: 'jane@doe@example.com' }, 'not an email address'],
  ['email ending in @', { email: 'jane@' }, 'not an email address'],
  ['email with a quote', { email: 'ja"ne@example.com' }, 'the character "'],
  ['email with (', { email: 'ja(ne@example.com' }, 'the character ('],
  ['email with )', { email: 'ja)ne@example.com' }, 'the character )'],
  ['email with /', { email: 'ja/ne@example.com' }, 'the character /'],
  ['email with \\', { email: 'ja\\ne@example.com' }, 'the character \\'],
  ['email with a space', { email: 'ja ne@example.com' }, 'whitespace'],
  ['email with a newline', { email: 'jane@example.com\n' }, 'whitespace'],
  ['email with a control character', { email: 'ja\u0001ne@example.com' }, 'a control character'],
  ['license key with a path', { licenses: ['../1'] }, 'not a license key'],
  ['license key with a space', { licenses: ['12 34'] }, 'not a license key'],
  ['license list an object', { licenses: { key: STANDARD } }, 'must be a list of license keys'],
  ['license key a rounded number', { licenses: [2 ** 53] }, 'too large to be exact'],
  ['license list empty', { licenses: [] }, 'ApplicationLicenses is empty'],
];

describe.each(SCRIPTS)('%s with a malformed context', (script) => {
  it.each(MALFORMED)('%s → invalid-context, no call', async (_, input, words) => {
    const fake = createFakeGoto();
    const run = await runScript(script, fake, hostContext(input));
    expectCleanEnd(run);
    expect(run.result).toMatchObject({ outcome: 'failed', ok: false, error: 'invalid-context' });
    expect(run.result.message).toContain(words);
    expect(run.result.message).toContain('No GoTo call was made');
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

  it('skips a disabled app before looking at anything else', async () => {
    const fake = createFakeGoto();
    const run = await runScript(script, fake, hostContext({ enabled: 'true', email: '' }));
    expect(run.result).toMatchObject({ outcome: 'skipped', ok: true, calls: [] });
    expect(run.result.message).toContain('the string "true"');
  });
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
