import { describe, expect, it } from 'vitest';
import { hostContext, STANDARD } from '../../emulator/contexts';
import type { FakeGoto } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { buildWith } from '../support/builds';
import { expectCleanEnd } from '../support/expectations';
import { runScript, type ScriptName } from '../support/scenario';

/** The dryRun build option: reads only, writes recorded as planned, and said so in the message. */

const EMAIL = 'jane.doe@example.com';

const runBuilt = async (
  name: ScriptName,
  code: string,
  fake: FakeGoto,
  context = hostContext(),
) => {
  const result = await runScript(name, fake, context, { code });
  expectCleanEnd(result);
  return result.result;
};

describe('dryRun: reads only, writes recorded as planned, outcome as it would be', () => {
  const planned = (result: Awaited<ReturnType<typeof runBuilt>>) =>
    result.calls.map((c) => `${c.method} ${c.status}${c.planned ? ' planned' : ''}`);

  it('provisioning a new user', async () => {
    const fake = fakeAccount();
    const result = await runBuilt(
      'provisioning',
      (await buildWith({ dryRun: true })).provisioning,
      fake,
    );
    expect(result).toMatchObject({
      outcome: 'created',
      ok: true,
      dryRun: true,
      licenseKeys: [STANDARD],
    });
    expect(result.message).toBe(
      `Dry run: would create GoTo user ${EMAIL} with licenses ${STANDARD}; nothing was changed.`,
    );
    expect(planned(result)).toEqual(['GET 200', 'POST null planned']);
    expect(fake.users()).toEqual([]);
    expect(fake.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('records the body a planned create would send: names, locale, keys, welcome email', async () => {
    const welcomeEmail = { subject: 'Welcome', text: 'Your seat is ready.' };
    const code = (await buildWith({ dryRun: true, locale: 'de_DE', welcomeEmail })).provisioning;
    const result = await runBuilt('provisioning', code, fakeAccount());
    expect(result.calls[0]).not.toHaveProperty('body');
    expect(result.calls[1]).toEqual({
      method: 'POST',
      path: '/accounts/1000000000000000001/users',
      status: null,
      planned: true,
      body: {
        users: [{ email: EMAIL, firstName: 'Jane', lastName: 'Doe', locale: 'de_DE' }],
        licenseKeys: [STANDARD],
        emailContent: welcomeEmail,
      },
    });
  });

  it('provisioning an existing user', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL }] });
    const result = await runBuilt(
      'provisioning',
      (await buildWith({ dryRun: true })).provisioning,
      fake,
    );
    expect(result.outcome).toBe('licensed');
    const key = fake.user(EMAIL)?.key;
    expect(result.message).toBe(
      `Dry run: would assign licenses ${STANDARD} to GoTo user ${EMAIL} (key ${key}); nothing was changed.`,
    );
    expect(result.calls[1]).toMatchObject({
      method: 'POST',
      planned: true,
      path: expect.stringContaining('/licenses/'),
    });
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([]);
  });

  it('de-provisioning, remove-licenses', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL, licenseKeys: [STANDARD] }] });
    const result = await runBuilt(
      'deprovisioning',
      (await buildWith({ dryRun: true })).deprovisioning,
      fake,
    );
    expect(result.outcome).toBe('unlicensed');
    expect(result.message).toBe(
      `Dry run: would remove licenses ${STANDARD} from GoTo user ${EMAIL} (key ${fake.user(EMAIL)?.key}); nothing was changed.`,
    );
    expect(planned(result)).toEqual(['GET 200', 'DELETE null planned']);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);
  });

  it('de-provisioning, delete', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL }] });
    const code = (await buildWith({ dryRun: true, deprovisionMode: 'delete' })).deprovisioning;
    const result = await runBuilt('deprovisioning', code, fake);
    expect(result.outcome).toBe('deleted');
    expect(result.message).toBe(
      `Dry run: would delete GoTo user ${EMAIL} (key ${fake.user(EMAIL)?.key}) with their meeting history and recordings; nothing was changed.`,
    );
    expect(fake.users()).toHaveLength(1);
  });
});
