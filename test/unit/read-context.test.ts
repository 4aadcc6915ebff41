import { describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, hostContext, PRO, STANDARD, TOKEN } from '../../emulator/contexts';
import { readContext } from '../../src/host/context';

describe('readContext', () => {
  it('reads a complete context into settings', () => {
    expect(readContext(hostContext({ licenses: [STANDARD, PRO, STANDARD] }))).toMatchObject({
      kind: 'ready',
      settings: {
        email: 'jane.doe@example.com',
        accountKey: ACCOUNT_KEY,
        accessToken: TOKEN,
        licenseKeys: [STANDARD, PRO],
        firstName: 'Jane',
        lastName: 'Doe',
      },
    });
  });

  it('reports a disabled app before it looks at anything else', () => {
    expect(readContext(hostContext({ enabled: false, email: 42, oauth: null }))).toMatchObject({
      kind: 'disabled',
    });
  });

  it.each([
    ['no object at all', undefined],
    ['a quote in the email', hostContext({ email: 'jane"doe@example.com' })],
    ['an OAuth field that is not JSON', hostContext({ oauth: '{not json' })],
    ['a license key with a slash', hostContext({ licenses: ['6000/1'] })],
  ])('rejects %s as invalid', (_, context) => {
    expect(readContext(context).kind).toBe('invalid');
  });
});
