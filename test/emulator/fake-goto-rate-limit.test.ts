import { describe, expect, it } from 'vitest';
import { serveApi } from '../../emulator';
import {
  createFakeGoto,
  type FakeGoto,
  type FakeGotoOptions,
} from '../../emulator/fake-goto/index';

const LICENSE = '6713924577432541578';

/** A clock that moves only when the test says so. */
function manualClock(start = 0) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function start(options: FakeGotoOptions = {}): FakeGoto {
  const fake = createFakeGoto({ licenses: [{ key: LICENSE, seats: 100 }], ...options });
  serveApi(fake.handlers);
  return fake;
}

function request(fake: FakeGoto, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${fake.options.token}`,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = `${fake.options.baseUrl}/accounts/${fake.options.accountKey}${path}`;
  return fetch(url, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const list = (fake: FakeGoto) => request(fake, 'GET', '/users');

async function statuses(fake: FakeGoto, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) out.push((await list(fake)).status);
  return out;
}

describe('fake GoTo rate limit', () => {
  it('admits perSecond requests within one second and answers 429 above, GoTo style', async () => {
    const clock = manualClock();
    const fake = start({ rateLimit: { perSecond: 10, clock } });
    expect(await statuses(fake, 10)).toEqual(Array(10).fill(200));

    const response = await list(fake);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { incidentId: string; errors: { code: string }[] };
    expect(body.incidentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.errors.map((e) => e.code)).toEqual(['rate.limit.exceeded']);
    expect(fake.requests.map((r) => r.status)).toEqual([...Array(10).fill(200), 429]);
  });

  it('counts every route of the API together', async () => {
    const clock = manualClock();
    const fake = start({ rateLimit: { perSecond: 2, clock } });
    expect((await list(fake)).status).toBe(200);
    const created = await request(fake, 'POST', '/users', {
      users: [{ email: 'a@example.com', firstName: 'A', lastName: 'B' }],
      licenseKeys: [LICENSE],
    });
    expect(created.status).toBe(201);
    const user = fake.user('a@example.com');
    const removed = await request(fake, 'DELETE', `/licenses/${LICENSE}/users/${user?.key}`);
    expect(removed.status).toBe(429);
  });

  it('slides the window with the clock: a slot frees 1000 ms after it was used', async () => {
    const clock = manualClock(5_000);
    const fake = start({ rateLimit: { perSecond: 2, clock } });
    expect(await statuses(fake, 1)).toEqual([200]); // at 5000
    clock.advance(600);
    expect(await statuses(fake, 2)).toEqual([200, 429]); // at 5600
    clock.advance(399);
    expect(await statuses(fake, 1)).toEqual([429]); // at 5999: both still inside the window
    clock.advance(1);
    expect(await statuses(fake, 2)).toEqual([200, 429]); // at 6000: the 5000 slot is free
    clock.advance(600);
    expect(await statuses(fake, 2)).toEqual([200, 429]); // at 6600: only the 5600 slot is free
    clock.advance(1000);
    expect(await statuses(fake, 3)).toEqual([200, 200, 429]); // at 7600: both slots are free
  });

  it('does not count turned-away requests against the limit', async () => {
    const clock = manualClock();
    const fake = start({ rateLimit: { perSecond: 1, clock } });
    expect(await statuses(fake, 5)).toEqual([200, 429, 429, 429, 429]);
    clock.advance(1000);
    expect(await statuses(fake, 1)).toEqual([200]);
  });

  it('in strict mode counts turned-away requests too', async () => {
    const clock = manualClock();
    const fake = start({ rateLimit: { perSecond: 2, clock, mode: 'strict' } });
    expect(await statuses(fake, 4)).toEqual([200, 200, 429, 429]); // at 0
    clock.advance(600);
    expect(await statuses(fake, 1)).toEqual([429]); // at 600: four in the window
    clock.advance(400);
    // At 1000 the four from 0 have left; the refused one from 600 still counts: one slot.
    expect(await statuses(fake, 2)).toEqual([200, 429]);
    clock.advance(600);
    // At 1600 the one admitted and the one refused at 1000 fill the window.
    expect(await statuses(fake, 1)).toEqual([429]);
    clock.advance(1000);
    expect(await statuses(fake, 2)).toEqual([200, 200]); // at 2600: a quiet second
  });

  it.each([
    ['lenient', 91],
    ['strict', 0],
  ] as const)(
    'at twice the limit for ten seconds, %s mode lets %i through',
    async (mode, passed) => {
      const clock = manualClock();
      const fake = start({ rateLimit: { perSecond: 10, clock, mode } });
      expect(await statuses(fake, 10)).toEqual(Array(10).fill(200));
      const later: number[] = [];
      for (let i = 0; i < 200; i += 1) {
        clock.advance(50);
        later.push(...(await statuses(fake, 1)));
      }
      expect(later.filter((status) => status === 200)).toHaveLength(passed);
      expect(later.filter((status) => status === 429)).toHaveLength(200 - passed);
    },
  );

  it('changes no state and uses up no fault on a 429', async () => {
    const clock = manualClock();
    const fake = start({ rateLimit: { perSecond: 1, clock } });
    fake.inject({ method: 'POST', respond: { status: 503 } });
    expect((await list(fake)).status).toBe(200);

    const create = () =>
      request(fake, 'POST', '/users', {
        users: [{ email: 'new@example.com', firstName: 'New', lastName: 'Person' }],
        licenseKeys: [LICENSE],
      });
    expect((await create()).status).toBe(429);
    expect(fake.users()).toEqual([]);
    expect(fake.sentEmails()).toEqual([]);
    expect(fake.license(LICENSE)?.userKeys).toEqual([]);

    clock.advance(1000);
    expect((await create()).status).toBe(503); // the injected fault is still waiting
    clock.advance(1000);
    expect((await create()).status).toBe(201);
    expect(fake.users().map((u) => u.email)).toEqual(['new@example.com']);
    // Who answered each: the API, the gateway's limit, the fault, the API.
    expect(fake.requests.map((r) => [r.status, r.answeredBy])).toEqual([
      [200, undefined],
      [429, 'rate-limit'],
      [503, 'fault'],
      [201, undefined],
    ]);
  });

  it('is off by default', async () => {
    const fake = start();
    expect(await statuses(fake, 50)).toEqual(Array(50).fill(200));
  });

  it('rejects a limit that is not a whole number of requests, and an unknown mode', () => {
    const clock = manualClock();
    expect(() => createFakeGoto({ rateLimit: { perSecond: 0, clock } })).toThrow(/perSecond/);
    expect(() => createFakeGoto({ rateLimit: { perSecond: 2.5, clock } })).toThrow(/perSecond/);
    const mode = 'sliding' as unknown as 'strict';
    expect(() => createFakeGoto({ rateLimit: { perSecond: 1, clock, mode } })).toThrow(/mode/);
  });
});
