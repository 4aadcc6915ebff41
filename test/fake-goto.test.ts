import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeGoto, type FakeGoto, type FakeGotoOptions } from './fake-goto/index';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const LICENSE_A = '6713924577432541578';
const LICENSE_B = '6713924577432541579';

function start(options: FakeGotoOptions = {}): FakeGoto {
  const fake = createFakeGoto(options);
  server.use(...fake.handlers);
  return fake;
}

interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string | null;
  contentType?: string | null;
}

/** fetch against the fake; `path` is relative to `{base}/accounts/{accountKey}`. */
function call(fake: FakeGoto, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token === undefined ? fake.options.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (body !== undefined && contentType !== null) headers['content-type'] = contentType;
  const url = `${fake.options.baseUrl}/accounts/${fake.options.accountKey}${path}`;
  return fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
}

interface Envelope {
  results: { key: string; email: string; licenseKeys: string[]; status: string }[];
  fromIndex: number;
  toIndex: number;
  total: number;
}

async function list(fake: FakeGoto, query = ''): Promise<Envelope> {
  const response = await call(fake, 'GET', `/users${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as Envelope;
}

/** The emails a filter finds, encoded the way the product does (encodeURIComponent). */
async function find(fake: FakeGoto, filter: string): Promise<string[]> {
  const envelope = await list(fake, `?filter=${encodeURIComponent(filter)}`);
  return envelope.results.map((u) => u.email);
}

async function errorOf(response: Response): Promise<{ status: number; codes: string[] }> {
  const body = (await response.json()) as {
    incidentId: string;
    errors: { code: string; value: string }[];
  };
  expect(body.incidentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  return { status: response.status, codes: body.errors.map((e) => e.code) };
}

function seedEmails(...emails: string[]) {
  return emails.map((email) => ({ email }));
}

function newUser(email: string, extra: Record<string, unknown> = {}) {
  return { email, firstName: 'New', lastName: 'Person', ...extra };
}

describe('filters, regex mode (the default)', () => {
  it('misses a plus-address with a plain clause and finds it with (?i) and .', async () => {
    const fake = start({
      users: seedEmails('first+tag@example.com', 'firsttag@example.com', 'firstttag@example.com'),
    });
    // `+` is a quantifier: "t+" matches one or more t, never a literal plus.
    expect(await find(fake, '(email="first+tag@example.com")')).toEqual([
      'firsttag@example.com',
      'firstttag@example.com',
    ]);
    // `.` stands for the `+` (and over-matches firstttag, which the client filters out).
    expect(await find(fake, '(email="(?i)first.tag@example.com")')).toEqual([
      'first+tag@example.com',
      'firstttag@example.com',
    ]);
    expect(await find(fake, '(email="(?i)FIRST.TAG@EXAMPLE.COM")')).toEqual([
      'first+tag@example.com',
      'firstttag@example.com',
    ]);
  });

  it('is case-sensitive unless the value starts with (?i)', async () => {
    const fake = start({ users: seedEmails('John.Smith@Example.com') });
    expect(await find(fake, '(email="john.smith@example.com")')).toEqual([]);
    expect(await find(fake, '(email="John.Smith@Example.com")')).toEqual([
      'John.Smith@Example.com',
    ]);
    expect(await find(fake, '(email="(?i)john.smith@example.com")')).toEqual([
      'John.Smith@Example.com',
    ]);
  });

  it('matches the whole value, so .* is needed for substrings', async () => {
    const fake = start({
      users: seedEmails('john@example.com', 'xjohn@example.com', 'john@example.com.au'),
    });
    expect(await find(fake, '(email="john@example.com")')).toEqual(['john@example.com']);
    expect((await find(fake, '(email=".*john@example.com.*")')).sort()).toEqual([
      'john@example.com',
      'john@example.com.au',
      'xjohn@example.com',
    ]);
  });

  it('lets . over-match any character', async () => {
    const fake = start({ users: seedEmails('a.b@x.com', 'axb@x.com') });
    expect(await find(fake, '(email="a.b@x.com")')).toEqual(['a.b@x.com', 'axb@x.com']);
    expect(await find(fake, '(email="a\\.b@x\\.com")')).toEqual(['a.b@x.com']);
    expect(await find(fake, '(email="\\Qa.b@x.com\\E")')).toEqual(['a.b@x.com']);
    expect(await find(fake, '(email="\\Qfirst+tag@x.com")')).toEqual([]);
  });

  it('combines clauses with | and &, & binding tighter', async () => {
    const fake = start({
      users: [
        { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' },
        { email: 'ann2@example.com', firstName: 'Ann', lastName: 'Other' },
        { email: 'bob@example.com', firstName: 'Bob', lastName: 'Lee' },
      ],
    });
    expect(
      await find(fake, '(firstName="Ann") & (lastName="Lee") | (email="bob@example.com")'),
    ).toEqual(['ann@example.com', 'bob@example.com']);
    expect(await find(fake, '(lastName="Lee")&(firstName="B.*")')).toEqual(['bob@example.com']);
    // The product's double clause: exact address, or (?i) with metacharacters as '.'.
    expect(await find(fake, '(email="ANN@example.com") | (email="(?i)ANN@example.com")')).toEqual([
      'ann@example.com',
    ]);
  });

  it('answers 400 filter.invalid for a malformed filter or an invalid regex', async () => {
    const fake = start({ users: seedEmails('a@example.com') });
    for (const filter of [
      'email="a@example.com"',
      '(email="a@example.com"',
      '(email=a@example.com)',
      '(mail="a@example.com")',
      '(email="a") (email="b")',
      '(email="a") |',
      '',
      '(email="(unclosed")',
      '(email="a)|(b")',
      '(email="*a")',
    ]) {
      const response = await call(fake, 'GET', `/users?filter=${encodeURIComponent(filter)}`);
      expect(await errorOf(response), filter).toEqual({ status: 400, codes: ['filter.invalid'] });
    }
  });

  it('decodes the query as a form: %2B is +, a raw + is a blank', async () => {
    const fake = start({ users: seedEmails('first+tag@example.com', 'first tag@example.com') });
    const raw = await list(fake, '?filter=(email="(?i)first+tag@example.com")');
    expect(raw.results.map((u) => u.email)).toEqual(['first tag@example.com']);
    const encoded = await list(fake, '?filter=(email%3D%22(%3Fi)first%2Btag%40example.com%22)');
    expect(encoded.results.map((u) => u.email)).toEqual([]); // regex: + is a quantifier
  });
});

describe('filters, literal mode', () => {
  it('finds case variants by exact, case-insensitive equality only', async () => {
    const fake = start({
      filterMode: 'literal',
      users: seedEmails('First+Tag@Example.com', 'firsttag@example.com', 'xjohn@example.com'),
    });
    expect(await find(fake, '(email="first+tag@example.com")')).toEqual(['First+Tag@Example.com']);
    expect(await find(fake, '(email="FIRST+TAG@EXAMPLE.COM")')).toEqual(['First+Tag@Example.com']);
    expect(await find(fake, '(email="(?i)first.tag@example.com")')).toEqual([]);
    expect(await find(fake, '(email=".*john@example.com.*")')).toEqual([]);
    expect(await find(fake, '(email="a") | (email="XJOHN@example.com")')).toEqual([
      'xjohn@example.com',
    ]);
  });

  it('still rejects a malformed filter, but not regex syntax', async () => {
    const fake = start({ filterMode: 'literal', users: seedEmails('(x@example.com') });
    expect(await find(fake, '(email="(x@example.com")')).toEqual(['(x@example.com']);
    const response = await call(fake, 'GET', `/users?filter=${encodeURIComponent('(email=x)')}`);
    expect((await errorOf(response)).codes).toEqual(['filter.invalid']);
  });
});

describe('filters that over-match (regex-find and literal-contains modes)', () => {
  const emails = seedEmails(
    'john@example.com',
    'xjohn@example.com',
    'John@Example.com.au',
    'joan@example.com',
  );

  it('regex-find finds the expression anywhere in the value', async () => {
    const fake = start({ filterMode: 'regex-find', users: emails });
    expect(await find(fake, '(email="john@example.com")')).toEqual([
      'john@example.com',
      'xjohn@example.com',
    ]);
    expect(await find(fake, '(email="(?i)john@example.com")')).toHaveLength(3);
  });

  it('literal-contains finds the value anywhere, ignoring case', async () => {
    const fake = start({ filterMode: 'literal-contains', users: emails });
    expect(await find(fake, '(email="JOHN@example.com")')).toHaveLength(3);
    expect(await find(fake, '(email="(?i)john@example.com")')).toEqual([]);
  });
});

describe('list envelope and paging', () => {
  const many = Array.from({ length: 25 }, (_, i) => ({
    email: `user${i}@example.com`,
    key: String(9000000000000000000n - BigInt(i)),
  }));

  it('returns all users sorted by key without a filter', async () => {
    const fake = start({ users: many });
    const page = await list(fake, '?pageSize=100');
    expect(page.total).toBe(25);
    const keys = page.results.map((u) => u.key);
    expect(keys).toEqual([...keys].sort());
    expect(page.results[0]?.email).toBe('user24@example.com');
    expect(page.results[0]).toMatchObject({ status: 'ACTIVE', licenseKeys: [] });
  });

  it('pages with offset and pageSize (default 20, at most 100, toIndex exclusive)', async () => {
    const fake = start({ users: many });
    const first = await list(fake);
    expect(first).toMatchObject({ fromIndex: 0, toIndex: 20, total: 25 });
    expect(first.results).toHaveLength(20);
    const second = await list(fake, '?offset=20&pageSize=20');
    expect(second).toMatchObject({ fromIndex: 20, toIndex: 25, total: 25 });
    expect(second.results).toHaveLength(5);
    const small = await list(fake, '?offset=3&pageSize=2');
    expect(small.results.map((u) => u.email)).toEqual(['user21@example.com', 'user20@example.com']);
    expect(await list(fake, '?offset=30')).toEqual({
      results: [],
      fromIndex: 30,
      toIndex: 30,
      total: 25,
    });
  });

  it('caps pageSize at 100', async () => {
    const fake = start({
      users: Array.from({ length: 120 }, (_, i) => ({ email: `u${i}@example.com` })),
    });
    const page = await list(fake, '?pageSize=1000');
    expect(page).toMatchObject({ fromIndex: 0, toIndex: 100, total: 120 });
  });

  it('answers no match with total 0 and rejects bad paging parameters', async () => {
    const fake = start({ users: many });
    expect(await list(fake, `?filter=${encodeURIComponent('(email="none@x.com")')}`)).toEqual({
      results: [],
      fromIndex: 0,
      toIndex: 0,
      total: 0,
    });
    for (const query of ['?pageSize=0', '?pageSize=abc', '?offset=-1']) {
      const response = await call(fake, 'GET', `/users${query}`);
      expect(response.status, query).toBe(400);
    }
  });
});

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

describe('authentication and account', () => {
  it('answers 401 not.authenticated for a wrong or missing token', async () => {
    const fake = start({ token: 'good' });
    for (const token of ['bad', null]) {
      const response = await call(fake, 'GET', '/users', { token });
      expect(await errorOf(response)).toEqual({ status: 401, codes: ['not.authenticated'] });
    }
    expect((await call(fake, 'GET', '/users')).status).toBe(200);
  });

  it('answers 401 after expireToken, and accepts the next token when one is given', async () => {
    const fake = start();
    expect((await call(fake, 'GET', '/users')).status).toBe(200);
    fake.expireToken();
    expect((await call(fake, 'GET', '/users')).status).toBe(401);
    fake.expireToken('fresh-token');
    expect((await call(fake, 'GET', '/users')).status).toBe(401);
    expect((await call(fake, 'GET', '/users', { token: 'fresh-token' })).status).toBe(200);
  });

  it('answers 403 not.authorized for another account key', async () => {
    const fake = start();
    const response = await fetch(`${fake.options.baseUrl}/accounts/42/users`, {
      headers: { authorization: `Bearer ${fake.options.token}` },
    });
    expect(await errorOf(response)).toEqual({ status: 403, codes: ['not.authorized'] });
  });

  it('serves a configured base URL and account, and records the requests', async () => {
    const fake = start({ baseUrl: 'http://goto.test/admin/rest/v1/', accountKey: '7' });
    expect(fake.options).toMatchObject({
      baseUrl: 'http://goto.test/admin/rest/v1',
      accountKey: '7',
    });
    await call(fake, 'GET', `/users?filter=${encodeURIComponent('(email="a")')}&pageSize=5`);
    await call(fake, 'POST', '/users', { body: { users: [newUser('a@x.com')] } });
    expect(fake.requests).toEqual([
      { method: 'GET', path: '/accounts/7/users?filter=(email%3D%22a%22)&pageSize=5', status: 200 },
      {
        method: 'POST',
        path: '/accounts/7/users',
        status: 201,
        body: JSON.stringify({ users: [newUser('a@x.com')] }),
      },
    ]);
  });

  it('leaves unknown routes unhandled', async () => {
    const fake = start();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(call(fake, 'GET', '/groups')).rejects.toThrow();
      await expect(call(fake, 'PUT', '/users/1', { body: {} })).rejects.toThrow();
    } finally {
      quiet.mockRestore();
    }
    expect(fake.requests).toEqual([]);
  });
});

describe('fault injection', () => {
  it('answers with an injected status, body, content type and headers, once by default', async () => {
    const fake = start();
    fake.inject({
      method: 'get',
      path: '/accounts/1000000000000000001/users',
      respond: {
        status: 502,
        body: '<html>Bad Gateway</html>',
        contentType: 'text/html',
        headers: { 'x-a': '1' },
      },
    });
    const first = await call(fake, 'GET', '/users?pageSize=5');
    expect(first.status).toBe(502);
    expect(first.headers.get('content-type')).toBe('text/html');
    expect(first.headers.get('x-a')).toBe('1');
    expect(await first.text()).toBe('<html>Bad Gateway</html>');
    expect((await call(fake, 'GET', '/users')).status).toBe(200);
    expect(fake.requests.map((r) => r.status)).toEqual([502, 200]);
  });

  it('gives an injected error status a GoTo error body unless a body is given', async () => {
    const fake = start();
    fake.inject({ respond: { status: 429, headers: { 'retry-after': '1' } } });
    const response = await call(fake, 'GET', '/users');
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await errorOf(response)).toEqual({ status: 429, codes: ['fault.injected'] });
  });

  it('injects network errors, counted by times and recorded as network-error', async () => {
    const fake = start();
    fake.inject({ path: /\/users\?/, times: 2, respond: { networkError: true } });
    await expect(call(fake, 'GET', '/users?offset=0')).rejects.toThrow();
    expect((await call(fake, 'GET', '/users')).status).toBe(200); // no query: rule not matched
    await expect(call(fake, 'GET', '/users?offset=0')).rejects.toThrow();
    expect((await call(fake, 'GET', '/users?offset=0')).status).toBe(200);
    expect(fake.requests.map((r) => r.status)).toEqual([
      'network-error',
      200,
      'network-error',
      200,
    ]);
  });

  it('applies faults in order of injection, Infinity meaning always', async () => {
    const fake = start();
    fake.inject({ method: 'POST', respond: { status: 500 } });
    fake.inject({ respond: { status: 503 }, times: Number.POSITIVE_INFINITY });
    fake.inject({ respond: { status: 504 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await call(fake, 'GET', '/users')).status);
    statuses.push(
      (await call(fake, 'POST', '/users', { body: { users: [newUser('a@x.com')] } })).status,
    );
    expect(statuses).toEqual([503, 503, 503, 500]);
    expect(fake.users()).toEqual([]);
  });

  it('delays the normal answer', async () => {
    const fake = start();
    fake.inject({ respond: { delayMs: 150 } });
    const started = Date.now();
    const response = await call(fake, 'GET', '/users');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
    expect(fake.requests).toEqual([
      { method: 'GET', path: '/accounts/1000000000000000001/users', status: 200 },
    ]);
  });

  it("with when: 'after' applies the request, then loses the response", async () => {
    const fake = start({ licenses: [{ key: LICENSE_A, seats: 1 }] });
    fake.inject({ method: 'POST', when: 'after', respond: { networkError: true } });
    await expect(
      call(fake, 'POST', '/users', {
        body: { users: [newUser('a@x.com')], licenseKeys: [LICENSE_A] },
      }),
    ).rejects.toThrow();
    expect(fake.user('a@x.com')).toMatchObject({ licenseKeys: [LICENSE_A] });
    fake.inject({ method: 'DELETE', when: 'after', respond: { status: 504 } });
    const key = fake.user('a@x.com')?.key;
    expect((await call(fake, 'DELETE', `/licenses/${LICENSE_A}/users/${key}`)).status).toBe(504);
    expect(fake.user('a@x.com')).toMatchObject({ licenseKeys: [], status: 'SUSPENDED' });
    expect(fake.requests.map((r) => r.status)).toEqual(['network-error', 504]);
  });

  it('rejects an impossible fault', () => {
    const fake = createFakeGoto();
    expect(() => fake.inject({ respond: { status: 99 } })).toThrow();
    expect(() => fake.inject({ respond: { status: 204, body: 'x' } })).toThrow();
    expect(() => fake.inject({ times: 0, respond: { networkError: true } })).toThrow();
  });
});
