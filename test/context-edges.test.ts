import { describe, expect, it } from 'vitest';
import type { FakeGoto } from './fake-goto';
import { fakeAccount } from './support/accounts';
import { type ContextInput, hostContext, STANDARD } from './support/contexts';
import { expectCleanEnd } from './support/expectations';
import { runScript, type ScriptName, useMockServer } from './support/scenario';

/** The edges of the context checks, on the built scripts: just inside is used, just outside is not. */

const server = useMockServer();
const SCRIPTS: ScriptName[] = ['provisioning', 'deprovisioning'];
/** The longest address the scripts take. */
const EMAIL_LIMIT = 254;
const DOMAIN = '@example.com';
const addressOf = (length: number) => `${'a'.repeat(length - DOMAIN.length)}${DOMAIN}`;

async function run(name: ScriptName, fake: FakeGoto, input: ContextInput) {
  const done = await runScript(server, name, fake, hostContext(input));
  expectCleanEnd(done);
  return done;
}

describe.each(SCRIPTS)('%s: context edges', (name) => {
  it.each<[string, ContextInput, string]>([
    ['an address starting with @', { email: '@example.com' }, 'not an email address'],
    [
      `an address of ${EMAIL_LIMIT + 1} characters`,
      { email: addressOf(EMAIL_LIMIT + 1) },
      `longer than ${EMAIL_LIMIT} characters`,
    ],
    ['a negative license key', { licenses: [-6000] }, 'not a license key'],
    ['a negative key among valid ones', { licenses: [STANDARD, -1] }, 'not a license key'],
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
