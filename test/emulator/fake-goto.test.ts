import { describe, expect, it } from 'vitest';
import type { FakeGotoOptions } from '../../emulator/fake-goto';
import {
  type CallOptions,
  call,
  errorOf,
  find,
  LICENSE_A,
  LICENSE_B,
  list,
  newUser,
  seedEmails,
  start,
} from '../support/fake-api';

describe('create users', () => {
  it('creates users with keys, licenses, locale and a welcome email (201)', async () => {
    const fake = start({ licenses: [{ key: LICENSE_A, seats: 5 }] });
    const response = await call(fake, 'POST', '/users', {
      body: {
        users: [newUser('dennis@eckersly.com', { locale: 'en_US' }), newUser('b@example.com')],
        licenseKeys: [LICENSE_A],
      },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe(
      '[{"key":"7843266547734050054","email":"dennis@eckersly.com"},' +
        '{"key":"7843266547734050055","email":"b@example.com"}]',
    );
    expect(fake.user('DENNIS@eckersly.com')).toEqual({
      key: '7843266547734050054',
      email: 'dennis@eckersly.com',
      firstName: 'New',
      lastName: 'Person',
      locale: 'en_US',
      status: 'ACTIVE',
      licenseKeys: [LICENSE_A],
    });
    expect(fake.license(LICENSE_A)?.userKeys).toEqual([
      '7843266547734050054',
      '7843266547734050055',
    ]);
    expect(fake.sentEmails()).toEqual([
      { to: 'dennis@eckersly.com', kind: 'default' },
      { to: 'b@example.com', kind: 'default' },
    ]);
    expect(await find(fake, '(email="b@example.com")')).toEqual(['b@example.com']);
  });

  it('answers createStatus 200 when configured, and records custom or suppressed emails', async () => {
    const fake = start({ createStatus: 200 });
    const custom = await call(fake, 'POST', '/users?allOrNothing=true', {
      body: { users: [newUser('a@example.com')], emailContent: { subject: 'Hi', text: 'Welcome' } },
    });
    expect(custom.status).toBe(200);
    const suppressed = await call(fake, 'POST', '/users', {
      body: { users: [newUser('b@example.com')], suppressEmail: true },
    });
    expect(suppressed.status).toBe(200);
    expect(fake.sentEmails()).toEqual([
      { to: 'a@example.com', kind: 'custom', subject: 'Hi', text: 'Welcome' },
    ]);
    expect(fake.users().map((u) => u.email)).toEqual(['a@example.com', 'b@example.com']);
  });

  it('answers 409 user.email.conflict for an email in this or another account; nothing created', async () => {
    const fake = start({
      users: seedEmails('Taken@Example.com'),
      otherAccountEmails: ['elsewhere@example.com'],
    });
    for (const email of ['taken@example.com', 'ELSEWHERE@example.com']) {
      const response = await call(fake, 'POST', '/users', {
        body: { users: [newUser('fresh@example.com'), newUser(email)] },
      });
      expect(await errorOf(response)).toEqual({ status: 409, codes: ['user.email.conflict'] });
    }
    expect(fake.users().map((u) => u.email)).toEqual(['Taken@Example.com']);
    expect(fake.sentEmails()).toEqual([]);
  });

  it('with allOrNothing=false returns a conflicting entry without key and creates the rest', async () => {
    const fake = start({ users: seedEmails('taken@example.com'), otherAccountEmails: ['o@x.com'] });
    const response = await call(fake, 'POST', '/users?allOrNothing=false', {
      body: {
        users: [newUser('TAKEN@example.com'), newUser('fresh@example.com'), newUser('o@x.com')],
      },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual([
      { email: 'TAKEN@example.com' },
      { key: '7843266547734050055', email: 'fresh@example.com' },
      { email: 'o@x.com' },
    ]);
    expect(fake.users().map((u) => u.email)).toEqual(['taken@example.com', 'fresh@example.com']);
  });

  it('checks license keys (404) and free seats (409 license.seats.exceeded); nothing created', async () => {
    const fake = start({
      licenses: [{ key: LICENSE_A, seats: 2 }],
      users: [{ email: 'holder@example.com', licenseKeys: [LICENSE_A] }],
    });
    const unknown = await call(fake, 'POST', '/users', {
      body: { users: [newUser('a@example.com')], licenseKeys: ['1111111111111111111'] },
    });
    expect(await errorOf(unknown)).toEqual({ status: 404, codes: ['license.not.found'] });
    const full = await call(fake, 'POST', '/users', {
      body: {
        users: [newUser('a@example.com'), newUser('b@example.com')],
        licenseKeys: [LICENSE_A],
      },
    });
    expect(await errorOf(full)).toEqual({ status: 409, codes: ['license.seats.exceeded'] });
    expect(fake.users()).toHaveLength(1);
    const fits = await call(fake, 'POST', '/users', {
      body: { users: [newUser('a@example.com')], licenseKeys: [LICENSE_A] },
    });
    expect(fits.status).toBe(201);
    expect(fake.license(LICENSE_A)?.userKeys).toHaveLength(2);
  });

  it('reads license keys sent as bare 19-digit numbers exactly', async () => {
    const fake = start({ licenses: [{ key: LICENSE_A, seats: 1 }] });
    const response = await call(fake, 'POST', '/users', {
      rawBody: `{"users":[{"email":"n@example.com","firstName":"N","lastName":"M"}],"licenseKeys":[${LICENSE_A}]}`,
    });
    expect(response.status).toBe(201);
    expect(fake.user('n@example.com')?.licenseKeys).toEqual([LICENSE_A]);
  });

  it('validates the body (400) and the content type (415)', async () => {
    const fake = start();
    const cases: [CallOptions, number, string][] = [
      [{ body: { users: [{ email: 'a@x.com', firstName: 'A' }] } }, 400, 'user.name.required'],
      [
        { body: { users: [{ email: 'a@x.com', firstName: ' ', lastName: 'B' }] } },
        400,
        'user.name.required',
      ],
      [{ body: { users: [{ firstName: 'A', lastName: 'B' }] } }, 400, 'user.email.required'],
      [{ body: { users: [] } }, 400, 'users.required'],
      [{ rawBody: '{"users":' }, 400, 'request.body.invalid'],
      [
        { body: { users: [newUser('a@x.com')] }, contentType: 'text/plain' },
        415,
        'media.type.unsupported',
      ],
      [{ body: { users: [newUser('a@x.com')] }, contentType: null }, 415, 'media.type.unsupported'],
    ];
    for (const [options, status, code] of cases) {
      const response = await call(fake, 'POST', '/users', options);
      expect(await errorOf(response)).toEqual({ status, codes: [code] });
    }
    const charset = await call(fake, 'POST', '/users', {
      body: { users: [newUser('a@x.com')] },
      contentType: 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(201);
  });
});

describe('assign and remove licenses, delete users', () => {
  const seed = (): FakeGotoOptions => ({
    licenses: [
      { key: LICENSE_A, seats: 2 },
      { key: LICENSE_B, seats: 1 },
    ],
    users: [
      { email: 'u@example.com', key: '1000000000000000010' },
      { email: 'v@example.com', key: '1000000000000000011', licenseKeys: [LICENSE_B] },
    ],
  });
  const U = '1000000000000000010';

  it('assigns several comma-separated keys (204, empty body); a held key is a no-op', async () => {
    const fake = start(seed());
    const response = await call(fake, 'POST', `/licenses/${LICENSE_A}/users/${U}`);
    expect(response.status).toBe(204);
    expect(response.headers.get('content-type')).toBeNull();
    expect(await response.text()).toBe('');
    const again = await call(fake, 'POST', `/licenses/${LICENSE_A}/users/${U}`);
    expect(again.status).toBe(204);
    expect(fake.user('u@example.com')?.licenseKeys).toEqual([LICENSE_A]);
    expect(fake.license(LICENSE_A)?.userKeys).toEqual([U]);
  });

  it('answers 404 for an unknown license or user and 409 without a free seat', async () => {
    const fake = start(seed());
    const noLicense = await call(fake, 'POST', `/licenses/${LICENSE_A},1234/users/${U}`);
    expect(await errorOf(noLicense)).toEqual({ status: 404, codes: ['license.not.found'] });
    const noUser = await call(fake, 'POST', `/licenses/${LICENSE_A}/users/1000000000000000099`);
    expect(await errorOf(noUser)).toEqual({ status: 404, codes: ['user.not.found'] });
    const full = await call(fake, 'POST', `/licenses/${LICENSE_A},${LICENSE_B}/users/${U}`);
    expect(await errorOf(full)).toEqual({ status: 409, codes: ['license.seats.exceeded'] });
    expect(fake.user('u@example.com')?.licenseKeys).toEqual([]);
  });

  it('uses writeStatus 200 when configured, also for an encoded comma', async () => {
    const fake = start({ ...seed(), writeStatus: 200 });
    const response = await call(
      fake,
      'POST',
      `/licenses/${LICENSE_A}%2C${LICENSE_B}/users/${U}`,
      {},
    );
    expect(response.status).toBe(409); // LICENSE_B is full
    const ok = await call(fake, 'POST', `/licenses/${LICENSE_A}/users/${U}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
  });

  it('removes held keys (not held: no-op); with none left the user is SUSPENDED', async () => {
    const fake = start(seed());
    const V = '1000000000000000011';
    const notHeld = await call(fake, 'DELETE', `/licenses/${LICENSE_A}/users/${V}`);
    expect(notHeld.status).toBe(204);
    expect(fake.user('v@example.com')).toMatchObject({
      licenseKeys: [LICENSE_B],
      status: 'ACTIVE',
    });
    const removed = await call(fake, 'DELETE', `/licenses/${LICENSE_A},${LICENSE_B}/users/${V}`);
    expect(removed.status).toBe(204);
    expect(fake.user('v@example.com')).toMatchObject({ licenseKeys: [], status: 'SUSPENDED' });
    expect(fake.license(LICENSE_B)?.userKeys).toEqual([]);
    // The freed seat can be given to someone else, who is then ACTIVE.
    expect((await call(fake, 'POST', `/licenses/${LICENSE_B}/users/${U}`)).status).toBe(204);
    expect((await call(fake, 'POST', `/licenses/${LICENSE_B}/users/${V}`)).status).toBe(409);
    const unknownUser = await call(fake, 'DELETE', `/licenses/${LICENSE_A}/users/42`);
    expect((await errorOf(unknownUser)).codes).toEqual(['user.not.found']);
  });

  it('deletes a user (204), then answers 404 user.not.found', async () => {
    const fake = start(seed());
    const V = '1000000000000000011';
    const response = await call(fake, 'DELETE', `/users/${V}`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(fake.user('v@example.com')).toBeUndefined();
    expect(fake.license(LICENSE_B)?.userKeys).toEqual([]);
    const again = await call(fake, 'DELETE', `/users/${V}`);
    expect(await errorOf(again)).toEqual({ status: 404, codes: ['user.not.found'] });
  });
});

describe('numeric keys', () => {
  it('writes key, licenseKeys and the create answer as bare 19-digit numbers', async () => {
    const fake = start({
      numericKeys: true,
      licenses: [{ key: LICENSE_A, seats: 3 }],
      users: [{ email: 'u@example.com', key: '9123456789012345678', licenseKeys: [LICENSE_A] }],
    });
    const listed = await (await call(fake, 'GET', '/users')).text();
    expect(listed).toContain('"key":9123456789012345678');
    expect(listed).toContain(`"licenseKeys":[${LICENSE_A}]`);
    expect(listed).not.toContain('"9123456789012345678"');
    expect(() => JSON.parse(listed)).not.toThrow();
    const created = await call(fake, 'POST', '/users', {
      body: { users: [newUser('n@example.com')], licenseKeys: [LICENSE_A] },
    });
    expect(await created.text()).toBe('[{"key":7843266547734050054,"email":"n@example.com"}]');
    const error = await (await call(fake, 'DELETE', '/users/1')).text();
    expect(error).toContain('"value":"1"');
  });
});

describe('one user by key, and answers without licenseKeys', () => {
  const seeded = (omitLicenseKeys?: FakeGotoOptions['omitLicenseKeys']) =>
    start({
      licenses: [{ key: LICENSE_A, seats: 5 }],
      users: [{ email: 'ann@example.com', key: '42', licenseKeys: [LICENSE_A] }],
      ...(omitLicenseKeys ? { omitLicenseKeys } : {}),
    });

  it('answers GET /users/{userKey} with the user, and 404 user.not.found for another key', async () => {
    const fake = seeded();
    const response = await call(fake, 'GET', '/users/42');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ key: '42', licenseKeys: [LICENSE_A] });
    expect(await errorOf(await call(fake, 'GET', '/users/43'))).toEqual({
      status: 404,
      codes: ['user.not.found'],
    });
  });

  it.each([
    [{ list: true }, false, true],
    [{ list: true, user: true }, false, false],
    [{ user: true }, true, false],
  ])('with omitLicenseKeys %j: in the list %s, by key %s', async (omit, inList, byKey) => {
    const fake = seeded(omit);
    const listed = (await list(fake)).results[0] as unknown as Record<string, unknown>;
    const single = (await (await call(fake, 'GET', '/users/42')).json()) as Record<string, unknown>;
    expect('licenseKeys' in listed).toBe(inList);
    expect('licenseKeys' in single).toBe(byKey);
    expect(listed.email).toBe('ann@example.com');
    expect(fake.user('ann@example.com')?.licenseKeys).toEqual([LICENSE_A]);
  });
});
