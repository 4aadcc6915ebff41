import { describe, expect, it } from 'vitest';
import { hostContext, STANDARD } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { calls, provision } from '../support/provision';

const USERS = /\/users\?/;
const CREATE = /\/users$/;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('provisioning under faults', () => {
  it('reports an expired or unscoped token as unauthorized at once', async () => {
    const fake = fakeAccount();
    fake.expireToken();
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'unauthorized' });
    expect(run.result.message).toMatch(/401.*not\.authenticated.*expired or lacks/);
    expect(calls(run)).toEqual(['GET 401']);
  });

  it('reports 403 as forbidden without retrying', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 403 } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'forbidden' });
    expect(calls(run)).toEqual(['GET 403']);
  });

  it('retries 429 with growing delays and then succeeds, the retries visible in calls', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, times: 2, respond: { status: 429 } });
    const run = await provision(fake, hostContext(), { random: () => 0.75 });
    expect(run.result.outcome).toBe('created');
    expect(calls(run)).toEqual(['GET 429', 'GET 429', 'GET 200', 'POST 201']);
    // Three quarters of the way from 100 ms to a ceiling of 1 s, then 3 s.
    expect(run.retryDelays).toEqual([775, 2275]);
  });

  it('honours Retry-After', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 429, headers: { 'Retry-After': '7' } } });
    const run = await provision(fake);
    expect(run.result.outcome).toBe('created');
    expect(run.retryDelays).toEqual([7000]);
  });

  it.each([
    ['seconds with blanks around them', ' 7 ', [7000]],
    ['not a number or a date', 'soon', [550]],
    ['a date in the past', new Date(Date.now() - 60_000).toUTCString(), [550]],
  ])('reads a Retry-After of %s, else keeps its own back-off', async (_, value, delays) => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 429, headers: { 'Retry-After': value } } });
    const run = await provision(fake, hostContext(), { random: () => 0.5 });
    expect(run.result.outcome).toBe('created');
    expect(run.retryDelays).toEqual(delays);
  });

  it('waits at least its own back-off when Retry-After asks for less', async () => {
    const fake = fakeAccount();
    fake.inject({
      path: USERS,
      times: 2,
      respond: { status: 503, headers: { 'Retry-After': '0' } },
    });
    const run = await provision(fake, hostContext(), { random: () => 0.5 });
    expect(run.result.outcome).toBe('created');
    expect(run.retryDelays).toEqual([550, 1550]);
  });

  it('ends the retries of a 503 whose Retry-After is longer than a workflow can wait', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 503, headers: { 'Retry-After': '600' } } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(calls(run)).toEqual(['GET 503']);
  });

  it('honours Retry-After given as an HTTP date, rounding a part second up', async () => {
    // An HTTP date has whole seconds: started 0.6 to 0.7 s into a second, a date 6 s on is
    // 5.3 to 5.4 s away (a little less once the script reads it), to be waited as 6 s, not 5.
    while (Date.now() % 1000 < 600 || Date.now() % 1000 > 700) await tick();
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 6_000).toUTCString();
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 429, headers: { 'Retry-After': at } } });
    const run = await provision(fake);
    expect(run.result.outcome).toBe('created');
    expect(run.retryDelays).toEqual([6_000]);
  });

  it('gives up as rate-limited once the wait budget of the run is used up', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, times: Infinity, respond: { status: 429 } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'rate-limited' });
    const waited = run.retryDelays.reduce((sum, ms) => sum + ms, 0);
    expect(waited).toBeLessThanOrEqual(240_000);
    expect(waited).toBeGreaterThan(240_000 - 100);
    expect(calls(run)).toEqual(Array(run.retryDelays.length + 1).fill('GET 429'));
    expect(run.result.message).toContain(`after ${run.retryDelays.length} retries (240 s waited`);
  });

  it('retries a 429 on create: the request was refused, not processed', async () => {
    const fake = fakeAccount();
    fake.inject({ method: 'POST', path: CREATE, respond: { status: 429 } });
    const run = await provision(fake);
    expect(run.result.outcome).toBe('created');
    expect(calls(run)).toEqual(['GET 200', 'POST 429', 'POST 201']);
    expect(fake.users()).toHaveLength(1);
  });

  it('gives up when Retry-After asks for longer than a workflow can wait', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, respond: { status: 429, headers: { 'Retry-After': '3600' } } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'rate-limited' });
    expect(run.result.message).toContain('asked to wait 3600 s');
    expect(calls(run)).toEqual(['GET 429']);
  });

  it('retries an HTML 502 page, then reports api-error with the page text', async () => {
    const fake = fakeAccount();
    const page = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    fake.inject({
      path: USERS,
      times: Infinity,
      respond: { status: 502, body: page, contentType: 'text/html' },
    });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(run.result.message).toContain('502 Bad Gateway');
    expect(calls(run)).toHaveLength(4);
  });

  it('keeps GoTo error code and incident id in an api-error', async () => {
    const fake = fakeAccount();
    fake.inject({
      path: USERS,
      respond: {
        status: 400,
        body: JSON.stringify({
          incidentId: 'inc-42',
          errors: [{ code: 'filter.invalid', value: 'x' }],
        }),
      },
    });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(run.result.message).toContain('code filter.invalid, incident inc-42');
  });

  it('reads a 404 user.not.found on the list as "nobody" (one client sees that), then creates', async () => {
    const fake = fakeAccount();
    fake.inject({
      path: USERS,
      respond: {
        status: 404,
        body: JSON.stringify({ incidentId: 'i', errors: [{ code: 'user.not.found', value: '' }] }),
      },
    });
    const run = await provision(fake);
    expect(calls(run)).toEqual(['GET 404', 'POST 201']);
    expect(run.result.outcome).toBe('created');
  });

  it('takes 200 for a create and 200 with an empty body for an assign as success too', async () => {
    const created = fakeAccount({ createStatus: 200 });
    expect((await provision(created)).result.outcome).toBe('created');
    const licensed = fakeAccount({ writeStatus: 200, users: [{ email: 'jane.doe@example.com' }] });
    const run = await provision(licensed);
    expect(calls(run)).toEqual(['GET 200', 'POST 200']);
    expect(run.result.outcome).toBe('licensed');
  });

  it('retries a network error on the lookup, then reports network-error', async () => {
    const fake = fakeAccount();
    fake.inject({ path: USERS, times: Infinity, respond: { networkError: true } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'network-error' });
    expect(calls(run)).toEqual(['GET null', 'GET null', 'GET null', 'GET null']);
  });

  it('reads back after a create that got no answer but went through, and sends nothing else', async () => {
    const fake = fakeAccount();
    fake.inject({ method: 'POST', path: CREATE, when: 'after', respond: { networkError: true } });
    const run = await provision(fake);
    expect(calls(run)).toEqual(['GET 200', 'POST null', 'GET 200']);
    expect(run.result).toMatchObject({ outcome: 'created', ok: true, licenseKeys: [STANDARD] });
    expect(run.result.message).toContain('answer was lost');
    expect(fake.users()).toHaveLength(1);
  });

  it('reads back after a create that got no answer and did not go through, then creates', async () => {
    const fake = fakeAccount();
    fake.inject({ method: 'POST', path: CREATE, respond: { networkError: true } });
    const run = await provision(fake);
    expect(calls(run)).toEqual(['GET 200', 'POST null', 'GET 200', 'POST 201']);
    expect(run.result.outcome).toBe('created');
    expect(fake.users()).toHaveLength(1);
  });

  it('reads back after a 504 on assign instead of re-sending it', async () => {
    const fake = fakeAccount({ users: [{ email: 'jane.doe@example.com' }] });
    fake.inject({ method: 'POST', path: /\/licenses\//, when: 'after', respond: { status: 504 } });
    const run = await provision(fake);
    expect(calls(run)).toEqual(['GET 200', 'POST 504', 'GET 200']);
    expect(run.result.outcome).toBe('licensed');
  });

  it('stops reading back after the retries when writes keep getting lost', async () => {
    const fake = fakeAccount();
    fake.inject({ method: 'POST', path: CREATE, times: Infinity, respond: { networkError: true } });
    const run = await provision(fake);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'network-error' });
    expect(calls(run)).toEqual([
      'GET 200',
      'POST null',
      'GET 200',
      'POST null',
      'GET 200',
      'POST null',
      'GET 200',
      'POST null',
    ]);
  });

  describe('create conflicts', () => {
    const emptyList = JSON.stringify({ results: [], fromIndex: 0, toIndex: 0, total: 0 });

    it('continues with the user found on the second lookup (licensed)', async () => {
      const fake = fakeAccount({ users: [{ email: 'jane.doe@example.com' }] });
      fake.inject({ path: USERS, respond: { status: 200, body: emptyList } });
      const run = await provision(fake);
      expect(calls(run)).toEqual(['GET 200', 'POST 409', 'GET 200', 'POST 204']);
      expect(run.result.outcome).toBe('licensed');
      expect(fake.users()).toHaveLength(1);
    });

    it('continues with the user found on the second lookup (unchanged)', async () => {
      const fake = fakeAccount({
        users: [{ email: 'jane.doe@example.com', licenseKeys: [STANDARD] }],
      });
      fake.inject({ path: USERS, respond: { status: 200, body: emptyList } });
      const run = await provision(fake);
      expect(calls(run)).toEqual(['GET 200', 'POST 409', 'GET 200']);
      expect(run.result.outcome).toBe('unchanged');
    });

    it('reports other-account when the email belongs to a user outside this account', async () => {
      const fake = fakeAccount({ otherAccountEmails: ['jane.doe@example.com'] });
      const run = await provision(fake);
      expect(calls(run)).toEqual(['GET 200', 'POST 409', 'GET 200']);
      expect(run.result).toMatchObject({ outcome: 'failed', error: 'other-account' });
      expect(fake.users()).toEqual([]);
    });

    it('treats a created entry without key as a conflict', async () => {
      const fake = fakeAccount({ users: [{ email: 'jane.doe@example.com' }] });
      fake.inject({ path: USERS, respond: { status: 200, body: emptyList } });
      fake.inject({
        method: 'POST',
        path: CREATE,
        respond: { status: 200, body: JSON.stringify([{ email: 'jane.doe@example.com' }]) },
      });
      const run = await provision(fake);
      expect(calls(run)).toEqual(['GET 200', 'POST 200', 'GET 200', 'POST 204']);
      expect(run.result.outcome).toBe('licensed');
    });

    it('reports no-seats when GoTo says the license is full', async () => {
      const fake = createFakeGoto({ licenses: [{ key: STANDARD, seats: 0 }] });
      const run = await provision(fake);
      expect(run.result).toMatchObject({ outcome: 'failed', error: 'no-seats' });
      expect(run.result.message).toContain('license.seats.exceeded');
    });
  });
});
