import { describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, PRO, STANDARD } from '../../emulator/contexts';
import { methodsSeen, settingsFile } from '../support/admin-tools';
import { APP_KEYS, buildAccount, LARGE, SMALL, seatTruth } from '../support/reconcile-account';
import {
  convergedPlan,
  expectApplied,
  harness,
  reachedApi,
  snapshot,
} from '../support/reconcile-harness';

/** `reconcile` against the fake: the plan is the seeded truth, and --apply makes it so. */

const settings = () => settingsFile({ licenses: APP_KEYS });

describe('reconcile: the plan', () => {
  it('equals the seeded truth for 3,000 users over 30 pages and 5,000 rows, sending only GETs', async () => {
    const account = buildAccount(LARGE);
    const h = harness(account, settings());
    const done = await h.reconcile(['--json']);
    expect(done.stderr).toBe(
      `reconcile: --apply would be refused: the plan takes licenses back from ${account.truth.reclaim.length} users, more than --max-reclaims 10; nothing was changed. Check that ${h.assigned} lists everyone assigned, or raise --max-reclaims.`,
    );
    const report = JSON.parse(done.stdout);
    expect(report).toEqual({
      accountKey: ACCOUNT_KEY,
      licenseKeys: APP_KEYS,
      plan: account.truth,
      seats: seatTruth(account),
    });
    expect(account.truth.create.length).toBeGreaterThan(3000);
    expect(new Set(account.truth.blocked.map((entry) => entry.reason))).toEqual(
      new Set(['ambiguous-user', 'no-names', 'malformed-address']),
    );
    // Something is left to do: a scheduled job can tell.
    expect(done.code).toBe(1);
    expect(methodsSeen(h.fake)).toEqual(['GET']);
    expect(h.fake.requests).toHaveLength(1 + 30);
    expect(h.fake.requests.map((r) => r.status)).not.toContain(429);
  });

  it('prints a readable plan: each list with its reason, the seats, and how to apply', async () => {
    const account = buildAccount(SMALL);
    const h = harness(account, settings());
    const done = await h.reconcile([]);
    expect(done.code).toBe(1);
    const out = done.stdout;
    expect(out).toContain(
      `Reconcile plan for GoTo account ${ACCOUNT_KEY}, licenses ${STANDARD}, ${PRO}`,
    );
    expect(out).toContain(`Create (${account.truth.create.length}): no GoTo user has the address`);
    expect(out).toContain(`License (${account.truth.license.length}): in GoTo without some`);
    expect(out).toContain(`Reclaim (${account.truth.reclaim.length}): holds the app's licenses`);
    expect(out).toContain(`  half1@example.com  ${STANDARD}, ${PRO}`);
    expect(out).toContain(
      '  new7@example.com  Maximiliana-Theodora-Konstantina Wolfeschlegelsteinhausenbergerdo  (first and last name cut to 32 characters)',
    );
    expect(out).toMatch(
      / {2}dup0@example\.com {2}ambiguous-user: 2 GoTo users of this account have this address \(keys \d+, \d+\)/,
    );
    expect(out).toContain('  nameless0@example.com  no-names: line ');
    expect(out).toContain('  a/b@example.com  malformed-address: line ');
    expect(out).toContain('the address contains the character /');
    const free = seatTruth(account).find((seat) => seat.key === STANDARD);
    expect(out).toMatch(
      new RegExp(
        `${STANDARD}\\s+GoToMeeting Standard\\s+\\d+\\s+\\d+\\s+${free?.needed}\\s+${(free?.free ?? 0) - (free?.needed ?? 0)}`,
      ),
    );
    expect(out).toMatch(
      /changes planned; nothing was changed\. To make them, run the same command with --apply\.$/,
    );
    expect(methodsSeen(h.fake)).toEqual(['GET']);
  });

  it('exits 0 with "Nothing to do" when GoTo matches', async () => {
    const account = buildAccount({
      ...SMALL,
      half: 0,
      left: 0,
      plus: 0,
      dup: 0,
      twin: 0,
      tagged: 0,
      fresh: 0,
      nameless: 0,
      elsewhere: 0,
    });
    const clean = {
      ...account,
      csv: account.csv
        .split('\n')
        .filter((line) => !/Bad;Row/.test(line))
        .join('\n'),
    };
    const h = harness(clean, settings());
    const done = await h.reconcile([]);
    expect(done.stdout).toMatch(/Nothing to do: GoTo matches the assignments\.$/);
    expect(done.code).toBe(0);
  });
});

describe('reconcile --apply', () => {
  it('converges in one run: a second plan has nothing left but another account’s addresses', async () => {
    const account = buildAccount(LARGE);
    const h = harness(account, settings());
    const before = snapshot(h.fake);
    const applied = await h.reconcile(['--apply', '--yes', '--max-reclaims', '200', '--json']);
    const report = JSON.parse(applied.stdout);
    expect(report.plan).toEqual(account.truth);
    const failed = report.results.filter((result: { ok: boolean }) => !result.ok);
    expect(
      failed.map((r: { email: string; action: string; error: string }) => [
        r.email,
        r.action,
        r.error,
      ]),
    ).toEqual(account.elsewhere.sort().map((email) => [email, 'blocked', 'other-account']));
    expect(report.results).toHaveLength(
      account.truth.create.length + account.truth.license.length + account.truth.reclaim.length,
    );
    expect(applied.code).toBe(1);
    expect(methodsSeen(h.fake).sort()).toEqual(['DELETE', 'GET', 'POST']);
    expect(
      h.fake.requests.filter(
        (r) =>
          r.method === 'DELETE' && r.path.includes('/users/') && !r.path.includes('/licenses/'),
      ),
    ).toEqual([]);

    const again = await h.reconcile(['--json']);
    expect(JSON.parse(again.stdout).plan).toEqual(convergedPlan(account));
    expectApplied(h.fake, account, before);
    const created = account.truth.create.length - account.elsewhere.length;
    expect(h.fake.users()).toHaveLength(3000 + created);
    // Creations went a hundred at a time, not one call per user.
    const batches = reachedApi(h.fake).filter(
      (r) => r.method === 'POST' && r.path.includes('allOrNothing=false'),
    );
    expect(batches).toHaveLength(Math.ceil(account.truth.create.length / 100));
  });

  it('makes batches of --batch-size with the app’s keys, allOrNothing=false, locale and welcome email', async () => {
    const account = buildAccount({ ...SMALL, fresh: 25, elsewhere: 0 });
    const h = harness(account, settings());
    const done = await h.reconcile([
      '--apply',
      '--yes',
      '--max-reclaims',
      '50',
      '--batch-size',
      '10',
      '--locale',
      'de_DE',
      '--welcome-subject',
      'Willkommen',
      '--welcome-text',
      'Ihr Zugang',
    ]);
    expect(done.stderr).toContain('reconcile: creations ');
    const batches = reachedApi(h.fake).filter(
      (r) => r.method === 'POST' && r.path.endsWith('/users?allOrNothing=false'),
    );
    const sizes = batches.map((r) => JSON.parse(r.body ?? '{}').users.length);
    expect(sizes).toEqual([10, 10, 9]);
    const body = JSON.parse(batches[0]?.body ?? '{}');
    expect(body.licenseKeys).toEqual(APP_KEYS);
    expect(body.emailContent).toEqual({ subject: 'Willkommen', text: 'Ihr Zugang' });
    expect(body.users[0]).toEqual({
      email: account.truth.create[0]?.email,
      firstName: account.truth.create[0]?.firstName,
      lastName: account.truth.create[0]?.lastName,
      locale: 'de_DE',
    });
    expect(h.fake.sentEmails().every((email) => email.kind === 'custom')).toBe(true);
    expect(done.stdout).toMatch(/Applied to GoTo account/);
    expect(done.stdout).toMatch(
      /done, 0 failed, \d+ blocked\. Fix what failed or is blocked, then run reconcile again\.$/,
    );
  });

  it('with nothing to do changes nothing and exits 0', async () => {
    const account = buildAccount({
      ...SMALL,
      half: 0,
      left: 0,
      plus: 0,
      dup: 0,
      twin: 0,
      tagged: 0,
      fresh: 0,
      nameless: 0,
      elsewhere: 0,
    });
    const clean = {
      ...account,
      csv: account.csv
        .split('\n')
        .filter((line) => !/Bad;Row/.test(line))
        .join('\n'),
    };
    const h = harness(clean, settings());
    const done = await h.reconcile(['--apply']);
    expect(done.code).toBe(0);
    expect(methodsSeen(h.fake)).toEqual(['GET']);
  });

  it('suppresses the welcome email when asked', async () => {
    const account = buildAccount({ ...SMALL, fresh: 5, elsewhere: 0 });
    const h = harness(account, settings());
    await h.reconcile(['--apply', '--yes', '--max-reclaims', '50', '--welcome-email', 'suppress']);
    const batch = h.fake.requests.find(
      (r) => r.method === 'POST' && r.path.includes('allOrNothing'),
    );
    expect(JSON.parse(batch?.body ?? '{}').suppressEmail).toBe(true);
    expect(h.fake.sentEmails()).toEqual([]);
  });
});
