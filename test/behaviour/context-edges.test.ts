import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import { type ContextInput, hostContext, STANDARD, TOKEN } from '../../emulator/contexts';
import type { FakeGoto } from '../../emulator/fake-goto';
import { createWebhookReceiver, withWebhook } from '../../emulator/webhook-receiver';
import { fakeAccount } from '../support/accounts';
import { buildWith } from '../support/builds';
import { expectCleanEnd } from '../support/expectations';
import { builtScript, runScript, type ScriptName } from '../support/scenario';

/** The edges of the context checks, on the built scripts: just inside is used, just outside is not. */

const SCRIPTS: ScriptName[] = ['provisioning', 'deprovisioning'];
/** The longest address the scripts take: GoTo Admin Center's limit. */
const EMAIL_LIMIT = 128;
const DOMAIN = '@example.com';
const addressOf = (length: number) => `${'a'.repeat(length - DOMAIN.length)}${DOMAIN}`;

async function run(name: ScriptName, fake: FakeGoto, input: ContextInput) {
  const done = await runScript(name, fake, hostContext(input));
  expectCleanEnd(done);
  return done;
}

describe.each(SCRIPTS)('%s: context edges', (name) => {
  it.each<[string, ContextInput, string]>([
    ['an address starting with @', { email: '@example.com' }, 'not an email address'],
    [
      `an address of ${EMAIL_LIMIT + 1} characters`,
      { email: addressOf(EMAIL_LIMIT + 1) },
      `has ${EMAIL_LIMIT + 1} characters; GoTo accepts at most ${EMAIL_LIMIT}`,
    ],
    ['a negative license key', { licenses: [-6000] }, 'not a license key'],
    ['a negative key among valid ones', { licenses: [STANDARD, -1] }, 'not a license key'],
    ['an empty key in a list, among valid ones', { licenses: [STANDARD, ''] }, 'not a license key'],
    ['a blank access token', { oauth: JSON.stringify({ access_token: '   ' }) }, 'no access_token'],
    [
      'no license keys, on a connection without account_key (no GET /me either)',
      { licenses: [], oauth: JSON.stringify({ access_token: TOKEN }) },
      'ApplicationLicenses is empty',
    ],
  ])('rejects %s as invalid-context, with no call', async (_, input, words) => {
    const fake = fakeAccount();
    const done = await run(name, fake, input);
    expect(done.result).toMatchObject({ outcome: 'failed', error: 'invalid-context' });
    expect(done.result.message).toContain(words);
    expect(fake.requests).toEqual([]);
  });

  it(`takes an address of exactly ${EMAIL_LIMIT} characters`, async () => {
    const email = addressOf(EMAIL_LIMIT);
    const fake = fakeAccount({ users: [{ email, licenseKeys: [STANDARD] }] });
    const done = await run(name, fake, { email });
    expect(done.result.outcome).toBe(name === 'provisioning' ? 'unchanged' : 'unlicensed');
  });
});

describe.each(SCRIPTS)('%s: an app without its settings', (name) => {
  it.each([
    ['no Application', { Application: undefined }],
    ['settings that are not an object', { Application: { ApplicationSettings: 'x' } }],
    ['fields that are a list', { Application: { ApplicationSettings: { Fields: [] } } }],
  ])('%s is skipped, as switched off: nothing was done', async (_, part) => {
    const fake = fakeAccount();
    const done = await runScript(name, fake, { ...hostContext(), ...part });
    expectCleanEnd(done);
    expect(done.result).toMatchObject({ outcome: 'skipped', email: 'jane.doe@example.com' });
    expect(done.result.message).toBe(
      'Provisioning is disabled for this app (EnableAccountProvisioning is not set); nothing was done.',
    );
    expect(fake.requests).toEqual([]);
  });
});

describe.each(SCRIPTS)('%s: a context that is not an object', (name) => {
  it('a list as the whole context ends once, and nothing is written into it', async () => {
    const context: unknown[] = [];
    const run = await runBuiltScript({ script: builtScript(name), context });
    expect(run.doneCalls).toBe(1);
    expect(run.context).toBe(context);
    expect(Object.keys(context)).toEqual([]);
  });

  it('a null context is still notified, with the reason it cannot be used', async () => {
    const url = 'https://hooks.example.test/services/T0001/B0001/s3cret-path';
    const webhook = createWebhookReceiver(url);
    const fake = fakeAccount();
    const run = await runBuiltScript({
      script: (await buildWith({ notifyUrl: url }))[name],
      context: null,
      api: withWebhook(fake, webhook),
    });
    expect(run.doneCalls).toBe(1);
    expect(webhook.received).toHaveLength(1);
    expect(webhook.received[0]?.text).toContain(
      'The workflow context cannot be used: the workflow context is missing or not an object. No GoTo call was made.',
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('provisioning: names', () => {
  it('trims the names before they are sent', async () => {
    const fake = fakeAccount();
    const done = await run('provisioning', fake, { firstName: '  Jane ', lastName: '\tDoe  ' });
    expect(done.result.outcome).toBe('created');
    expect(fake.user('jane.doe@example.com')).toMatchObject({ firstName: 'Jane', lastName: 'Doe' });
    const sent = JSON.parse(fake.requests.find((r) => r.method === 'POST')?.body ?? '{}');
    expect(sent.users).toMatchObject([{ firstName: 'Jane', lastName: 'Doe' }]);
  });
});
