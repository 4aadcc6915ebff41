import { describe, expect, it } from 'vitest';
import { call, errorOf, find, list, seedEmails, start } from '../support/fake-api';

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
