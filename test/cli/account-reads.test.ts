import { describe, expect, it } from 'vitest';
import { type AccountLicense, listLicenses, listUsers } from '../../cli/account/account-reads';
import { connect } from '../../cli/shared/connection';
import { serveApi } from '../../emulator';
import { ACCOUNT_KEY, PRO, STANDARD } from '../../emulator/contexts';
import { createFakeGoto, type FakeGotoOptions } from '../../emulator/fake-goto';
import { type Me, readMe } from '../../src/goto/me';
import type { GotoUser } from '../../src/goto/types';
import { simulatedTimer } from '../support/admin-tools';

/** The whole-account reads (cli/account/account-reads.ts), through the tools' paced connection, against the fake. */

function fakeWith(options: FakeGotoOptions) {
  const fake = createFakeGoto(options);
  serveApi(fake.handlers);
  const connection = connect({
    apiBaseUrl: fake.options.baseUrl,
    accessToken: fake.options.token,
    timer: simulatedTimer(),
  });
  return { fake, connection };
}

const users = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    email: `user${i}@example.com`,
    licenseKeys: i % 3 === 0 ? [STANDARD] : [],
  }));

describe('GoTo account reads', () => {
  it('reads /me with 19-digit keys exact, even as bare JSON numbers', async () => {
    const { connection } = fakeWith({
      me: {
        accountKey: 'number',
        otherAccounts: ['9223372036854775807'],
        accountDetails: { [ACCOUNT_KEY]: { name: 'Acme', adminRoles: ['MANAGE_USERS'] } },
      },
    });
    const me = await connection.ask<Me>(readMe);
    expect(me).toEqual({
      ok: true,
      value: {
        key: '8000000000000000001',
        email: 'admin@example.com',
        accountKey: ACCOUNT_KEY,
        adminRoles: ['SUPER_USER'],
        accounts: [
          { key: ACCOUNT_KEY, name: 'Acme', adminRoles: ['MANAGE_USERS'] },
          { key: '9223372036854775807', name: 'Account 2', adminRoles: ['SUPER_USER'] },
        ],
      },
    });
  });

  it.each([
    ['an account key with letters', '{"accountKey":"12abc","accounts":[]}'],
    ['a listed account key that is a path', `{"accounts":[{"key":"../${ACCOUNT_KEY}"}]}`],
    ['a listed account key that lost digits', '{"accounts":[{"key":1e21}]}'],
  ])('refuses /me with %s: only digits name an account', async (_, body) => {
    const { fake, connection } = fakeWith({});
    fake.inject({ path: '/me', respond: { status: 200, body } });
    const me = await connection.ask<Me>(readMe);
    expect(!me.ok && me.failure.code).toBe('bad-response');
  });

  it('reads null in /me as absent, not as a failure', async () => {
    const { fake, connection } = fakeWith({});
    fake.inject({
      path: '/me',
      respond: {
        status: 200,
        body: `{"key":null,"email":null,"accountKey":null,"adminRoles":null,"accounts":[{"key":"${ACCOUNT_KEY}","name":null,"adminRoles":null}]}`,
      },
    });
    const me = await connection.ask<Me>(readMe);
    expect(me).toStrictEqual({
      ok: true,
      value: { adminRoles: [], accounts: [{ key: ACCOUNT_KEY }] },
    });
  });

  it('pages through every user by the number of results actually returned', async () => {
    const { fake, connection } = fakeWith({
      licenses: [{ key: STANDARD, seats: 100 }],
      users: users(250),
      maxPageSize: 7,
      numericKeys: true,
    });
    const all = await connection.ask<GotoUser[]>((transport, callback) =>
      listUsers(transport, ACCOUNT_KEY, callback),
    );
    expect(all.ok && all.value).toEqual(
      fake
        .users()
        .map(({ key, email, licenseKeys, status }) => ({ key, email, licenseKeys, status })),
    );
    const offsets = fake.requests.map((request) => /offset=(\d+)/.exec(request.path)?.[1]);
    expect(offsets).toEqual(Array.from({ length: 36 }, (_, i) => String(i * 7)));
  });

  it('lists licenses with seats and GoTo’s user count', async () => {
    const { connection } = fakeWith({
      licenses: [
        { key: STANDARD, seats: 100, description: 'Standard' },
        { key: PRO, seats: 2 },
      ],
      users: users(10),
    });
    const licenses = await connection.ask<AccountLicense[]>((transport, callback) =>
      listLicenses(transport, ACCOUNT_KEY, callback),
    );
    expect(licenses).toEqual({
      ok: true,
      value: [
        { key: STANDARD, description: 'Standard', seats: 100, userCount: 4, enabled: true },
        { key: PRO, seats: 2, userCount: 0, enabled: true },
      ],
    });
  });

  it('stops with a clear failure past the page bound', async () => {
    const { fake, connection } = fakeWith({});
    fake.inject({
      path: /\/users\?/,
      times: Infinity,
      respond: {
        status: 200,
        body: '{"results":[{"key":"1","email":"a@example.com"}],"total":5000}',
      },
    });
    const all = await connection.ask<GotoUser[]>((transport, callback) =>
      listUsers(transport, ACCOUNT_KEY, callback, { maxPages: 30 }),
    );
    expect(!all.ok && all.failure).toEqual({
      code: 'bad-response',
      message: expect.stringMatching(
        /^GoTo's answer \(200\) while listing the users of account 1000000000000000001 was not finished after 30 pages \(it reports 5000 in all\)/,
      ),
    });
    expect(fake.requests).toHaveLength(30);
  });

  it('fails a list whose user key lost precision instead of guessing', async () => {
    const { fake, connection } = fakeWith({});
    fake.inject({
      path: /\/users\?/,
      respond: {
        status: 200,
        body: '{"results":[{"key":7843266547734050054.0,"email":"a@example.com"}],"total":1}',
      },
    });
    const all = await connection.ask<GotoUser[]>((transport, callback) =>
      listUsers(transport, ACCOUNT_KEY, callback),
    );
    expect(!all.ok && all.failure.code).toBe('bad-response');
  });

  it('keeps under the fake’s 10 requests per second, which an unpaced connection exceeds', async () => {
    const pages = async (requestsPerSecond?: number) => {
      const clock = simulatedTimer();
      const fake = createFakeGoto({
        licenses: [{ key: STANDARD, seats: 100 }],
        users: users(300),
        maxPageSize: 10,
        rateLimit: { perSecond: 10, clock },
      });
      serveApi(fake.handlers);
      const connection = connect({
        apiBaseUrl: fake.options.baseUrl,
        accessToken: fake.options.token,
        timer: clock,
        ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
      });
      const all = await connection.ask<GotoUser[]>((transport, callback) =>
        listUsers(transport, ACCOUNT_KEY, callback),
      );
      expect(all.ok && all.value).toHaveLength(300);
      return fake.requests.filter((request) => request.status === 429).length;
    };
    expect(await pages()).toBe(0);
    expect(await pages(1000)).toBeGreaterThan(0);
  });
});
