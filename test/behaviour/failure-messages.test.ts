import { describe, expect, it } from 'vitest';
import { hostContext, TOKEN } from '../../emulator/contexts';
import type { FaultRule } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { calls, provision } from '../support/provision';

/**
 * The sentence an administrator acts on when GoTo refuses: which error, what GoTo said (its first
 * error entry, or the text of a page), what the run was doing, how often it retried and how long
 * it waited. Each message is checked whole, as the README shows them.
 */

const EMAIL = 'jane.doe@example.com';
const LOOKUP = /\/users\?/;
const DOING = `while looking up ${EMAIL}`;
const gotoError = (...codes: string[]) =>
  JSON.stringify({ incidentId: 'inc-7', errors: codes.map((code) => ({ code, value: 'v' })) });

async function failing(...faults: FaultRule[]) {
  const fake = fakeAccount({ users: [{ email: EMAIL }] });
  for (const fault of faults) fake.inject(fault);
  const run = await provision(fake, hostContext());
  expect(run.result.outcome).toBe('failed');
  return run;
}

describe('what GoTo refused, in words', () => {
  it('401: the token, and what to reconnect', async () => {
    const run = await failing({ path: LOOKUP, respond: { status: 401, body: gotoError('auth') } });
    expect(run.result.error).toBe('unauthorized');
    expect(run.result.message).toBe(
      `GoTo rejected the access token (401, code auth, incident inc-7) ${DOING}: it has expired or lacks the Admin Center (identity:) scope; reconnect the app's OAuth configuration.`,
    );
  });

  it('403: the admin lacks the right, or the account is not theirs', async () => {
    const run = await failing({ path: LOOKUP, respond: { status: 403, body: gotoError('no') } });
    expect(run.result.error).toBe('forbidden');
    expect(run.result.message).toBe(
      `GoTo refused the request (403, code no, incident inc-7) ${DOING}: the connected GoTo admin lacks the right to manage users and licenses, or the account key is not theirs.`,
    );
  });

  it("GoTo's first error entry is the one shown, not a later one", async () => {
    const body = gotoError('first.code', 'second.code');
    const run = await failing({ path: LOOKUP, respond: { status: 400, body } });
    expect(run.result.message).toBe(`GoTo answered 400, code first.code, incident inc-7 ${DOING}.`);
  });

  it('an incident id that is not text, or is empty, is left out', async () => {
    for (const incidentId of [42, '']) {
      const body = JSON.stringify({ incidentId, errors: [{ code: 'bad' }] });
      const run = await failing({ path: LOOKUP, respond: { status: 400, body } });
      expect(run.result.message).toBe(`GoTo answered 400, code bad ${DOING}.`);
    }
  });

  it('an HTML page is shown as its text, tags taken out', async () => {
    const page = '<html><body><h1>Service down</h1><p>try\n later</p></body></html>';
    const run = await failing({
      path: LOOKUP,
      respond: { status: 500, body: page, contentType: 'text/html' },
    });
    expect(run.result.message).toBe(`GoTo answered 500, "Service down try later" ${DOING}.`);
  });

  it('an answer that is not the documented list says what was expected and what came', async () => {
    const run = await failing({ path: LOOKUP, respond: { status: 200, body: '{"results":7}' } });
    expect(run.result.error).toBe('bad-response');
    expect(run.result.message).toBe(
      `GoTo's answer (200) while looking up ${EMAIL} was not a list of users in which each match has exact keys: "{"results":7}".`,
    );
  });

  it('a seat is missing only when the first error entry says so', async () => {
    const assign = { method: 'POST', path: /\/licenses\// } as const;
    const other = await failing({
      ...assign,
      respond: { status: 400, body: gotoError('user.invalid', 'seat.limit') },
    });
    expect(other.result.error).toBe('api-error');
    const seats = await failing({
      ...assign,
      respond: { status: 400, body: gotoError('seat.limit', 'user.invalid') },
    });
    expect(seats.result.error).toBe('no-seats');
    expect(seats.result.message).toMatch(
      /^GoTo reports no free seat \(400, code seat\.limit, incident inc-7\) while assigning licenses \d+ to user \d+; free a seat or add seats to the license, then run the workflow again\.$/,
    );
  });
});

describe('retries, as the message counts them', () => {
  it('a 429 asked to wait too long at once: no retry, nothing waited, and said so', async () => {
    const run = await failing({
      path: LOOKUP,
      respond: { status: 429, body: gotoError('rate'), headers: { 'Retry-After': '3600' } },
    });
    expect(run.result.error).toBe('rate-limited');
    expect(run.result.message).toBe(
      `GoTo kept rate-limiting the requests (429, code rate, incident inc-7) and asked to wait 3600 s ${DOING}; run the workflow again later.`,
    );
  });

  it('429s retried, then one asking too long: the retries and the seconds waited', async () => {
    const run = await failing(
      { path: LOOKUP, times: 2, respond: { status: 429, body: gotoError('rate') } },
      {
        path: LOOKUP,
        respond: { status: 429, body: gotoError('rate'), headers: { 'Retry-After': '3600' } },
      },
    );
    const waited = run.retryDelays.reduce((sum, ms) => sum + ms, 0);
    expect(run.retryDelays).toHaveLength(2);
    expect(run.result.message).toBe(
      `GoTo kept rate-limiting the requests (429, code rate, incident inc-7) and asked to wait 3600 s ${DOING}, after 2 retries (${Math.round(waited / 1000)} s waited in this run); run the workflow again later.`,
    );
  });

  it('a 4xx after a 429 was retried says no retry: the retries were for the rate limit', async () => {
    const run = await failing(
      { path: LOOKUP, respond: { status: 429 } },
      { path: LOOKUP, respond: { status: 400, body: gotoError('bad') } },
    );
    expect(calls(run)).toEqual(['GET 429', 'GET 400']);
    expect(run.result.message).toBe(`GoTo answered 400, code bad, incident inc-7 ${DOING}.`);
  });

  it('a 503 that stays: the retries counted', async () => {
    const run = await failing({
      path: LOOKUP,
      times: Infinity,
      respond: { status: 503, body: gotoError('down') },
    });
    expect(calls(run)).toEqual(['GET 503', 'GET 503', 'GET 503', 'GET 503']);
    expect(run.result.message).toBe(
      `GoTo answered 503, code down, incident inc-7 ${DOING}, after 3 retries.`,
    );
  });

  it('no answer at all: the network, and the retries', async () => {
    const run = await failing({ path: LOOKUP, times: Infinity, respond: { networkError: true } });
    expect(run.result.error).toBe('network-error');
    expect(run.result.message).toBe(
      `GoTo did not answer (Network error) ${DOING}, after 3 retries; check the network path to the GoTo API and run the workflow again.`,
    );
  });

  it('a 429 after the gateway retries are used up is still retried', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL }] });
    fake.inject({ path: LOOKUP, times: 3, respond: { status: 502 } });
    fake.inject({ path: LOOKUP, respond: { status: 429 } });
    const run = await provision(fake);
    expect(run.result.outcome).toBe('licensed');
    expect(calls(run)).toEqual(['GET 502', 'GET 502', 'GET 502', 'GET 429', 'GET 200', 'POST 204']);
    expect(JSON.stringify(run.result)).not.toContain(TOKEN);
  });
});

describe('the same words on a host that hands over no raw body', () => {
  const withoutRaw = async (respond: FaultRule['respond']) => {
    const fake = fakeAccount({ users: [{ email: EMAIL }] });
    fake.inject({ path: LOOKUP, respond });
    const run = await provision(fake, hostContext(), { hostFaults: { noRaw: true } });
    expect(run.result.outcome).toBe('failed');
    return run.result;
  };

  it('an empty error body adds nothing', async () => {
    const result = await withoutRaw({ status: 500, body: '' });
    expect(result.message).toBe(`GoTo answered 500 ${DOING}.`);
  });

  it('a text error body is quoted once, as it came', async () => {
    const result = await withoutRaw({
      status: 500,
      body: 'Internal error',
      contentType: 'text/plain',
    });
    expect(result.message).toBe(`GoTo answered 500, "Internal error" ${DOING}.`);
  });

  it('JSON the host could not parse is shown by the parser’s complaint, not as an empty object', async () => {
    const result = await withoutRaw({ status: 200, body: '{"results": [' });
    expect(result.error).toBe('bad-response');
    expect(result.message).toMatch(
      /was not a list of users in which each match has exact keys: ".*JSON.*"\.$/,
    );
    expect(result.message).not.toContain('"{}"');
  });
});

describe('a status the host reports that HTTP has no final answer for', () => {
  it('status 0: api-error naming it, not a redirect', async () => {
    const fake = fakeAccount({ users: [{ email: EMAIL }] });
    const run = await provision(fake, hostContext(), {
      hostFaults: { statusCode: { method: 'GET', status: 0 } },
    });
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(run.result.message).toMatch(new RegExp(`^GoTo answered 0, ".*" ${DOING}\\.$`));
    expect(run.result.message).not.toContain('redirect');
    expect(calls(run)).toEqual(['GET 0']);
  });
});
