import type { HttpHandler } from 'msw';
import { expect } from 'vitest';
import { reconcileCommand } from '../../cli/account/reconcile';
import type { ToolIo } from '../../cli/account/session';
import { createFakeGoto, type FakeGoto, type FakeGotoOptions } from '../../emulator/fake-goto';
import { callCommand, simulatedTimer, tempFile } from './admin-tools';
import { APP_KEYS, type ReconcileAccount } from './reconcile-account';

/** `reconcile` run on an account of `reconcile-account.ts`, and what GoTo must look like after. */

export interface Harness {
  fake: FakeGoto;
  clock: ReturnType<typeof simulatedTimer>;
  settings: string;
  assigned: string;
  reconcile(args: string[], io?: Partial<ToolIo>): ReturnType<typeof callCommand>;
}

/** The account behind GoTo's rate limit on simulated time, and a way to run reconcile on it. */
export function harness(
  account: ReconcileAccount,
  settings: string,
  options: FakeGotoOptions = {},
  /** Handlers that see each request first (and fall through to the fake). */
  before: HttpHandler[] = [],
): Harness {
  const clock = simulatedTimer();
  const fake = createFakeGoto({
    ...account.seed,
    rateLimit: { perSecond: 10, clock },
    ...options,
  });
  const assigned = tempFile('assigned.csv', account.csv);
  return {
    fake,
    clock,
    settings,
    assigned,
    reconcile: (args, io = {}) =>
      callCommand(
        { ...fake, handlers: [...before, ...fake.handlers] },
        reconcileCommand,
        [settings, '--assigned', assigned, ...args],
        { timer: clock, io },
      ),
  };
}

/**
 * The requests GoTo's API (or an injected fault) answered, without those the rate limit turned
 * away. On simulated time one worker's wait moves the clock while another's request is on its
 * way, so a request can arrive later than the pacing started it, and the fake's limit may refuse
 * it. Such a refusal changes nothing and the request is sent again, so counting what was sent
 * means leaving it out.
 */
export function reachedApi(fake: FakeGoto): FakeGoto['requests'] {
  return fake.requests.filter((request) => request.answeredBy !== 'rate-limit');
}

/** Users by lower-case address, to find duplicates and compare states. */
export function usersByEmail(fake: FakeGoto): Map<string, ReturnType<FakeGoto['users']>> {
  const map = new Map<string, ReturnType<FakeGoto['users']>>();
  for (const u of fake.users()) {
    const key = u.email.toLowerCase();
    map.set(key, [...(map.get(key) ?? []), u]);
  }
  return map;
}

/** A snapshot of who holds what, before an apply. */
export function snapshot(fake: FakeGoto): Map<string, string[]> {
  return new Map(fake.users().map((u) => [u.key, [...u.licenseKeys]]));
}

/**
 * GoTo after applying the truth: nobody twice, every planned license given, every planned
 * reclaim done (other apps' keys kept), every creation made once (but another account's), and
 * no one else touched.
 */
export function expectApplied(
  fake: FakeGoto,
  account: ReconcileAccount,
  before: Map<string, string[]>,
): void {
  const { truth } = account;
  const errors: string[] = [];
  for (const [email, users] of usersByEmail(fake)) {
    const seeded = account.seed.users?.filter((u) => u.email.toLowerCase() === email).length ?? 0;
    if (users.length !== Math.max(1, seeded)) errors.push(`${email}: ${users.length} users`);
  }
  const reclaim = new Map(truth.reclaim.map((change) => [change.userKey, change]));
  const license = new Set(truth.license.map((change) => change.userKey));
  for (const user of fake.users()) {
    const was = before.get(user.key);
    const appKeys = user.licenseKeys.filter((key) => APP_KEYS.includes(key));
    if (was === undefined || license.has(user.key)) {
      if (appKeys.length !== APP_KEYS.length) errors.push(`${user.email}: holds ${appKeys}`);
      continue;
    }
    const expected = reclaim.has(user.key) ? was.filter((key) => !APP_KEYS.includes(key)) : was;
    if ([...user.licenseKeys].sort().join() !== [...expected].sort().join()) {
      errors.push(`${user.email}: held ${was}, now ${user.licenseKeys}`);
    }
  }
  for (const entry of truth.create) {
    const made = fake.user(entry.email);
    if (account.elsewhere.includes(entry.email) ? made : !made) {
      errors.push(`${entry.email}: ${made ? 'made' : 'not made'}`);
    }
  }
  const gone = [...before.keys()].filter((key) => !fake.users().some((u) => u.key === key));
  if (gone.length > 0) errors.push(`deleted: ${gone}`);
  expect(errors).toEqual([]);
}

/** A second plan after a complete apply: only another account's addresses, and the blocked. */
export function convergedPlan(account: ReconcileAccount) {
  return {
    create: account.truth.create.filter((entry) => account.elsewhere.includes(entry.email)),
    license: [],
    reclaim: [],
    blocked: account.truth.blocked,
  };
}
