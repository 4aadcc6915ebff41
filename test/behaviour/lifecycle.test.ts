import { expect, it } from 'vitest';
import { hostContext, PRO, STANDARD } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { expectCleanEnd } from '../support/expectations';
import { runScript, type ScriptName } from '../support/scenario';

const EMAIL = 'jane.doe@example.com';

it('moves a user from Standard to Pro and back out without losing the user', async () => {
  const fake = createFakeGoto({
    numericKeys: true,
    licenses: [
      { key: STANDARD, seats: 5 },
      { key: PRO, seats: 5 },
    ],
  });
  const step = async (script: ScriptName, license: string) => {
    const run = await runScript(script, fake, hostContext({ licenses: [license] }));
    expectCleanEnd(run);
    return run.result.outcome;
  };

  expect(await step('provisioning', STANDARD)).toBe('created');
  expect(fake.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);

  expect(await step('provisioning', PRO)).toBe('licensed');
  expect(fake.user(EMAIL)?.licenseKeys.sort()).toEqual([STANDARD, PRO].sort());

  expect(await step('deprovisioning', STANDARD)).toBe('unlicensed');
  expect(fake.user(EMAIL)?.licenseKeys).toEqual([PRO]);

  expect(await step('deprovisioning', PRO)).toBe('unlicensed');
  expect(fake.user(EMAIL)).toMatchObject({ licenseKeys: [], status: 'SUSPENDED' });
  expect(fake.users()).toHaveLength(1);

  expect(await step('deprovisioning', PRO)).toBe('unchanged');
});
