import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, PRO } from '../../emulator/contexts';
import { DEFAULT_BASE_URL } from '../../emulator/fake-goto';
import { settingsFile } from '../support/admin-tools';
import { APP_KEYS, buildAccount, SMALL } from '../support/reconcile-account';
import {
  convergedPlan,
  expectApplied,
  harness,
  reachedApi,
  snapshot,
} from '../support/reconcile-harness';

/**
 * Faults during `reconcile --apply`: whatever GoTo or the network does, no user is made twice,
 * no license is taken back that the plan did not name, and a second run finishes the rest.
 */

const APPLY = ['--apply', '--yes', '--max-reclaims', '50', '--json'];
const settings = () => settingsFile({ licenses: APP_KEYS });
const BATCH = /\/users\?allOrNothing=false$/;
const usersPath = `${DEFAULT_BASE_URL}/accounts/:accountKey/users`;

function setUp() {
  const account = buildAccount(SMALL);
  const h = harness(account, settings());
  return { account, h, before: snapshot(h.fake) };
}

async function applied(h: ReturnType<typeof setUp>['h']) {
  const done = await h.reconcile(APPLY);
  return { done, report: JSON.parse(done.stdout) };
}

/** Every result ok but another account's addresses. */
function onlyElsewhereFailed(report: { results: { ok: boolean; error?: string }[] }) {
  return report.results.filter((r) => !r.ok).every((r) => r.error === 'other-account');
}

async function expectConverged(setup: ReturnType<typeof setUp>) {
  const again = await setup.h.reconcile(['--json']);
  expect(JSON.parse(again.stdout).plan).toEqual(convergedPlan(setup.account));
  expectApplied(setup.h.fake, setup.account, setup.before);
}

describe('reconcile --apply under faults', () => {
  it('rides out 429 bursts on batches, assignments, removals and lookups', async () => {
    const setup = setUp();
    const { fake } = setup.h;
    fake.inject({ method: 'POST', path: BATCH, times: 4, respond: { status: 429 } });
    fake.inject({ method: 'POST', path: /\/licenses\//, times: 6, respond: { status: 429 } });
    fake.inject({ method: 'DELETE', path: /\/licenses\//, times: 3, respond: { status: 429 } });
    fake.inject({ method: 'GET', path: /filter=/, times: 5, respond: { status: 429 } });
    const { report } = await applied(setup.h);
    expect(onlyElsewhereFailed(report)).toBe(true);
    const faults = fake.requests.filter((r) => r.answeredBy === 'fault');
    expect(faults.map((r) => r.status)).toEqual(Array(18).fill(429));
    await expectConverged(setup);
  });

  it('checks a batch whose 503 came after it went through address by address, and sends nothing again', async () => {
    const setup = setUp();
    const { fake } = setup.h;
    fake.inject({ method: 'POST', path: BATCH, when: 'after', respond: { status: 503 } });
    const { report } = await applied(setup.h);
    expect(onlyElsewhereFailed(report)).toBe(true);
    const lost = report.results.filter((r: { message: string }) =>
      r.message.includes('the creation went through although its answer was lost'),
    );
    // The first batch, less another account's addresses, which GoTo never made.
    expect(lost).toHaveLength(100 - setup.account.elsewhere.length);
    // Sent again: only the addresses GoTo did not make, which are another account's.
    const batches = reachedApi(fake).filter((r) => r.method === 'POST' && BATCH.test(r.path));
    const emails = (body?: string) =>
      JSON.parse(body ?? '{}').users.map((u: { email: string }) => u.email);
    expect(batches.map((r) => emails(r.body).length)).toEqual([
      100,
      setup.account.elsewhere.length,
      100,
      48,
    ]);
    expect(emails(batches[1]?.body).sort()).toEqual([...setup.account.elsewhere].sort());
    await expectConverged(setup);
  });

  it('sends a batch lost before GoTo saw it again, once its addresses are found missing', async () => {
    const setup = setUp();
    const { fake } = setup.h;
    fake.inject({ method: 'POST', path: BATCH, respond: { networkError: true } });
    const { report } = await applied(setup.h);
    expect(onlyElsewhereFailed(report)).toBe(true);
    const batches = reachedApi(fake).filter((r) => r.method === 'POST' && BATCH.test(r.path));
    expect(batches.map((r) => r.status)).toEqual(['network-error', 201, 201, 201]);
    expect(batches[1]?.body).toBe(batches[0]?.body);
    await expectConverged(setup);
  });

  it('reads back a removal and an assignment whose connection dropped after they went through', async () => {
    const setup = setUp();
    const { fake } = setup.h;
    fake.inject({
      method: 'DELETE',
      path: /\/licenses\//,
      when: 'after',
      times: 2,
      respond: { networkError: true },
    });
    fake.inject({
      method: 'POST',
      path: /\/licenses\//,
      when: 'after',
      times: 2,
      respond: { networkError: true },
    });
    const { report } = await applied(setup.h);
    expect(onlyElsewhereFailed(report)).toBe(true);
    const removals = reachedApi(fake).filter((r) => r.method === 'DELETE');
    expect(removals).toHaveLength(setup.account.truth.reclaim.length);
    await expectConverged(setup);
  });

  it('reads back a batch answered with success but without its entries', async () => {
    const setup = setUp();
    setup.h.fake.inject({
      method: 'POST',
      path: BATCH,
      when: 'after',
      respond: { status: 201, body: '[]' },
    });
    const { report } = await applied(setup.h);
    expect(onlyElsewhereFailed(report)).toBe(true);
    await expectConverged(setup);
  });

  it('licenses an address GoTo answers without a key when it is this account’s after all', async () => {
    const account = buildAccount(SMALL);
    const late = account.truth.create.find((entry) => !account.elsewhere.includes(entry.email));
    let raced = false;
    // Someone creates the user (without licenses) between the plan and the batch.
    const race = http.post(usersPath, async ({ request }) => {
      if (raced || !new URL(request.url).search.includes('allOrNothing=false')) return;
      raced = true;
      await fetch(`${DEFAULT_BASE_URL}/accounts/${ACCOUNT_KEY}/users`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${h.fake.options.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          users: [{ email: late?.email, firstName: 'Quick', lastName: 'Racer' }],
        }),
      });
    });
    const h = harness(account, settings(), {}, [race]);
    const { report } = await applied(h as ReturnType<typeof setUp>['h']);
    expect(report.results.find((r: { email: string }) => r.email === late?.email)).toMatchObject({
      action: 'license',
      ok: true,
    });
    expect(h.fake.user(late?.email ?? '')?.licenseKeys).toEqual(APP_KEYS);
    expect(h.fake.user(late?.email ?? '')?.firstName).toBe('Quick');
  });

  it('splits a batch GoTo refuses as a whole until the one address it will not take stands alone', async () => {
    const account = buildAccount(SMALL);
    const refused = account.truth.create[60]?.email ?? '';
    const picky = http.post(usersPath, async ({ request }) => {
      const body = await request.clone().text();
      if (body.includes(`"${refused}"`)) {
        return HttpResponse.json(
          { errors: [{ code: 'user.email.invalid', value: refused }] },
          { status: 400 },
        );
      }
      return undefined;
    });
    const h = harness(account, settings(), {}, [picky]);
    const before = h.fake.users().length;
    const report = JSON.parse((await h.reconcile(APPLY)).stdout);
    const failed = report.results.filter(
      (r: { ok: boolean; error?: string }) => !r.ok && r.error !== 'other-account',
    );
    expect(failed).toEqual([
      {
        email: refused,
        action: 'create',
        ok: false,
        error: 'api-error',
        message: expect.stringContaining('GoTo answered 400, code user.email.invalid'),
      },
    ]);
    expect(h.fake.user(refused)).toBeUndefined();
    expect(h.fake.users()).toHaveLength(
      before + account.truth.create.length - account.elsewhere.length - 1,
    );
    // Halving: about two calls per halving of the first batch, not one per user.
    const batches = reachedApi(h.fake).filter((r) => BATCH.test(r.path));
    expect(batches.length).toBeLessThanOrEqual(3 + 2 * Math.ceil(Math.log2(100)));
  });

  it('stops on a token GoTo no longer accepts, starting nothing more', async () => {
    const account = buildAccount(SMALL);
    let licensed = 0;
    const expire = http.post(`${DEFAULT_BASE_URL}/accounts/:a/licenses/:k/users/:u`, () => {
      licensed += 1;
      if (licensed === 3) h.fake.expireToken();
    });
    const h = harness(account, settings(), {}, [expire]);
    const done = await h.reconcile(APPLY.filter((flag) => flag !== '--json'));
    expect(done.code).toBe(1);
    expect(done.stdout).toMatch(
      /Stopped: GoTo rejected the access token \(401[^\n]*configuration\. \d+ done, \d+ failed, \d+ not started, \d+ blocked\. Run reconcile --apply again: it does only what is still missing\.$/,
    );
    const after401 = h.fake.requests.findIndex((r) => r.status === 401);
    // The actions already under way end; nothing new starts.
    expect(h.fake.requests.length - after401).toBeLessThanOrEqual(4);
    expect(h.fake.requests.some((r) => BATCH.test(r.path))).toBe(false);
    expect(done.stdout).toMatch(
      /not-started +Not started: GoTo refused a call \(unauthorized\), so nothing more was sent; run reconcile --apply again to finish\./,
    );
  });
});

describe('reconcile --apply interrupted', () => {
  it('after the second batch: what was done stays done, and a second run does only the rest', async () => {
    const account = buildAccount(SMALL);
    const controller = new AbortController();
    let batches = 0;
    const stopper = http.post(usersPath, ({ request }) => {
      if (!new URL(request.url).search.includes('allOrNothing=false')) return;
      batches += 1;
      if (batches === 2) controller.abort();
    });
    const h = harness(account, settings(), {}, [stopper]);
    const before = snapshot(h.fake);
    const first = await h.reconcile(APPLY, { interrupt: controller.signal });
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout);
    const notStarted = report.results.filter((r: { error?: string }) => r.error === 'not-started');
    expect(notStarted).toHaveLength(account.truth.create.length - 200);
    expect(notStarted[0].message).toBe(
      'Not started: the apply was interrupted; run reconcile --apply again to finish.',
    );

    const plan = JSON.parse((await h.reconcile(['--json'])).stdout).plan;
    const remaining = account.truth.create.slice(200);
    expect(plan).toEqual({
      ...convergedPlan(account),
      create: [...convergedPlan(account).create, ...remaining],
    });

    const second = await h.reconcile(APPLY);
    const rerun = JSON.parse(second.stdout);
    expect(rerun.results.map((r: { email: string }) => r.email)).toEqual(
      [...convergedPlan(account).create, ...remaining].map((entry) => entry.email),
    );
    expect(JSON.parse((await h.reconcile(['--json'])).stdout).plan).toEqual(convergedPlan(account));
    expectApplied(h.fake, account, before);
  });

  it('among the licenses: the reclaims stay done, the rest follows on the second run', async () => {
    const account = buildAccount(SMALL);
    const controller = new AbortController();
    let assigned = 0;
    const stopper = http.post(`${DEFAULT_BASE_URL}/accounts/:a/licenses/:k/users/:u`, () => {
      assigned += 1;
      if (assigned === 5) controller.abort();
    });
    const h = harness(account, settings(), {}, [stopper]);
    const before = snapshot(h.fake);
    const first = JSON.parse((await h.reconcile(APPLY, { interrupt: controller.signal })).stdout);
    const byAction = (action: string) =>
      first.results.filter((r: { action: string; ok: boolean }) => r.action === action && r.ok);
    expect(byAction('reclaim')).toHaveLength(account.truth.reclaim.length);
    expect(byAction('create')).toEqual([]);
    expect(h.fake.requests.some((r) => BATCH.test(r.path))).toBe(false);
    await h.reconcile(APPLY);
    expect(JSON.parse((await h.reconcile(['--json'])).stdout).plan).toEqual(convergedPlan(account));
    expectApplied(h.fake, account, before);
    // Nobody lost a key twice: one removal per planned reclaim, all in the first run.
    expect(reachedApi(h.fake).filter((r) => r.method === 'DELETE')).toHaveLength(
      account.truth.reclaim.length,
    );
    expect(h.fake.user('half0@example.com')?.licenseKeys).toContain(PRO);
  });
});
