import { describe, expect, it, vi } from 'vitest';
import { createFakeGoto } from '../../emulator/fake-goto';
import { call, errorOf, LICENSE_A, newUser, start } from '../support/fake-api';

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
    expect(fake.requests.map((r) => [r.status, r.answeredBy])).toEqual([
      ['network-error', 'fault'],
      [200, undefined],
      ['network-error', 'fault'],
      [200, undefined],
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
    expect(fake.requests.every((r) => r.answeredBy === 'fault')).toBe(true);
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
