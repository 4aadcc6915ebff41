import { describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, STANDARD, TOKEN } from '../../emulator/contexts';
import { callLines, runInEveryEngine } from '../support/both-engines';

/**
 * Which GoTo account the scripts act in: the `accountKey` build option, else the connection's
 * `account_key`, else one `GET /me` with the same token. Connections made since GoTo's token
 * migration hold only the token fields, so `/me` is the common case.
 */

const EMAIL = 'jane.doe@example.com';
const USER_KEY = '7000000000000000042';
/** What GoTo's current token endpoint answers: no account_key. */
const TOKEN_ONLY = JSON.stringify({
  access_token: TOKEN,
  token_type: 'Bearer',
  refresh_token: 'refresh-SECRET-value',
  expires_in: 3600,
  scope: 'identity: identity:scim.org',
  principal: 'admin@example.com',
});
const withAccount = (accountKey: unknown) =>
  JSON.stringify({ access_token: TOKEN, account_key: accountKey });
const holder = { users: [{ email: EMAIL, key: USER_KEY, licenseKeys: [STANDARD] }] };

describe('a connection with only the token fields', () => {
  it('provisioning asks GET /me once, then creates the user in that account', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      context: { oauth: TOKEN_ONLY },
    });
    expect(result.outcome).toBe('created');
    expect(result.accountKey).toBe(ACCOUNT_KEY);
    expect(callLines(result)).toEqual([
      'GET /me 200',
      `GET /accounts/${ACCOUNT_KEY}/users 200`,
      `POST /accounts/${ACCOUNT_KEY}/users 201`,
    ]);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);
  });

  it('de-provisioning asks GET /me once, then takes the license back', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'deprovisioning',
      fake: holder,
      context: { oauth: TOKEN_ONLY },
    });
    expect(result.outcome).toBe('unlicensed');
    expect(result.accountKey).toBe(ACCOUNT_KEY);
    expect(result.calls.map((c) => c.path.split('?')[0])).toEqual([
      '/me',
      `/accounts/${ACCOUNT_KEY}/users`,
      `/accounts/${ACCOUNT_KEY}/licenses/${STANDARD}/users/${USER_KEY}`,
    ]);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([]);
  });

  it.each([
    ['an empty string', ''],
    ['null', null],
  ])('treats an account_key of %s as absent', async (_, value) => {
    const { result } = await runInEveryEngine({
      script: 'deprovisioning',
      fake: holder,
      context: { oauth: withAccount(value) },
    });
    expect(result.outcome).toBe('unlicensed');
    expect(result.calls[0]?.path).toBe('/me');
  });

  it('reads a 19-digit accountKey sent as a bare JSON number digit for digit', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      fake: { ...holder, me: { accountKey: 'number' } },
      context: { oauth: TOKEN_ONLY },
    });
    expect(result.outcome).toBe('unchanged');
    expect(result.accountKey).toBe(ACCOUNT_KEY);
    expect(result.calls[1]?.path).toContain(`/accounts/${ACCOUNT_KEY}/users?`);
  });

  it("with several accounts, uses the admin's default and names it in the message", async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      fake: { me: { otherAccounts: ['2000000000000000002', '3000000000000000003'] } },
      context: { oauth: TOKEN_ONLY },
    });
    expect(result.outcome).toBe('created');
    expect(result.accountKey).toBe(ACCOUNT_KEY);
    expect(result.message).toContain(
      `GoTo account ${ACCOUNT_KEY} was used: it is the connected admin's default of the 3 accounts`,
    );
    expect(result.message).toContain('accountKey build option');
  });

  it('with one account, says nothing about accounts', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      context: { oauth: TOKEN_ONLY },
    });
    expect(result.message).not.toContain('accounts');
  });

  it.each([['provisioning' as const], ['deprovisioning' as const]])(
    '%s: no license keys configured is a setup mistake found before GET /me',
    async (script) => {
      const { result } = await runInEveryEngine({
        script,
        context: { oauth: TOKEN_ONLY, licenses: [] },
      });
      expect(result.error).toBe('invalid-context');
      expect(result.message).toContain('ApplicationLicenses is empty');
      expect(result.calls).toEqual([]);
      expect(result.accountKey).toBeUndefined();
    },
  );

  it('makes GET /me in a dry run too, and only plans the write', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      build: { dryRun: true },
      context: { oauth: TOKEN_ONLY },
    });
    expect(result.outcome).toBe('created');
    expect(result.accountKey).toBe(ACCOUNT_KEY);
    expect(callLines(result)).toEqual([
      'GET /me 200',
      `GET /accounts/${ACCOUNT_KEY}/users 200`,
      `POST /accounts/${ACCOUNT_KEY}/users null`,
    ]);
    expect(fake.users()).toEqual([]);
  });
});

describe('GET /me failing', () => {
  it.each([['provisioning' as const], ['deprovisioning' as const]])(
    '%s: an answer without accountKey is bad-response asking for the option',
    async (script) => {
      const { result } = await runInEveryEngine({
        script,
        fake: { ...holder, me: { accountKey: 'missing' } },
        context: { oauth: TOKEN_ONLY },
      });
      expect(result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
      expect(result.message).toContain('Set the accountKey build option');
      expect(result.accountKey).toBeUndefined();
      expect(callLines(result)).toEqual(['GET /me 200']);
    },
  );

  it('401 is unauthorized', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      context: { oauth: JSON.stringify({ access_token: 'a-token-GoTo-does-not-know' }) },
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'unauthorized' });
    expect(callLines(result)).toEqual(['GET /me 401']);
  });

  it('403 is forbidden, explained as a connection without the Admin Center scope', async () => {
    const { result } = await runInEveryEngine({
      script: 'deprovisioning',
      fake: { ...holder, me: { forbidden: true } },
      context: { oauth: TOKEN_ONLY },
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'forbidden' });
    expect(result.message).toContain('the connection lacks the Admin Center (identity:) scope');
    expect(callLines(result)).toEqual(['GET /me 403']);
  });

  it('a 429 is retried like any read', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      context: { oauth: TOKEN_ONLY },
      faults: [{ method: 'GET', path: '/me', respond: { status: 429 } }],
    });
    expect(result.outcome).toBe('created');
    expect(callLines(result).slice(0, 2)).toEqual(['GET /me 429', 'GET /me 200']);
  });

  it('a 503 on every try ends as api-error after the retries, with no further call', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      context: { oauth: TOKEN_ONLY },
      faults: [{ method: 'GET', path: '/me', times: Infinity, respond: { status: 503 } }],
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(callLines(result)).toEqual(Array(4).fill('GET /me 503'));
  });
});

describe('an account named by the connection or the build', () => {
  it('takes a numeric account_key exactly, without asking /me', async () => {
    const { result } = await runInEveryEngine({
      script: 'deprovisioning',
      fake: holder,
      context: { oauth: `{"access_token":"${TOKEN}","account_key":${ACCOUNT_KEY}}` },
    });
    expect(result.outcome).toBe('unlicensed');
    expect(result.accountKey).toBe(ACCOUNT_KEY);
    expect(result.calls[0]?.path).toContain(`/accounts/${ACCOUNT_KEY}/users?`);
  });

  it('refuses an account_key that is not digits, before any call', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      context: { oauth: withAccount('acme-01') },
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'invalid-context' });
    expect(result.message).toContain('account_key that is not a GoTo account key (digits)');
    expect(result.calls).toEqual([]);
  });

  it('lets the accountKey build option win over the connection, without /me', async () => {
    const chosen = '4000000000000000004';
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      build: { accountKey: chosen },
      fake: { accountKey: chosen },
      context: { oauth: withAccount(ACCOUNT_KEY) },
    });
    expect(result.outcome).toBe('created');
    expect(result.accountKey).toBe(chosen);
    expect(result.calls.every((c) => c.path.startsWith(`/accounts/${chosen}/`))).toBe(true);
    expect(fake.users()).toHaveLength(1);
  });

  it('with the build option, serves a token-only connection without /me', async () => {
    const { result } = await runInEveryEngine({
      script: 'deprovisioning',
      build: { accountKey: ACCOUNT_KEY },
      fake: holder,
      context: { oauth: TOKEN_ONLY },
    });
    expect(result.outcome).toBe('unlicensed');
    expect(result.calls).toHaveLength(2);
  });
});
