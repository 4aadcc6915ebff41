import { PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import type {
  FakeRequest,
  FakeUserView,
  FilterMode,
  LicenseRules,
  SeedUser,
} from '../../emulator/fake-goto';
import type { ErrorCode, Outcome } from '../../src/host/result';

/**
 * The property tests' oracle: from a drawn world (an account, how GoTo answers, the faults it
 * injects) and the faults a run met, what the contract says the run must end as and what the
 * account must look like afterwards. Written from the contract, not from the scripts.
 */

export const APP_KEYS = [STANDARD, PRO];
export const ALL_KEYS = [STANDARD, PRO, WEBINAR];

export const FAULT_KINDS = [
  '405',
  '409',
  '422',
  '429',
  '500',
  '502',
  '503',
  '504-after',
  '401',
  'network',
  'network-after',
  'slow',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type Method = 'GET' | 'POST' | 'DELETE';

/** Faults the scripts get past by retrying or reading back: the run ends as it would have without. */
export const TRANSIENT = new Set<FaultKind>([
  '429',
  '502',
  '503',
  '504-after',
  'network',
  'network-after',
  'slow',
]);

/**
 * What a fault does to the request it meets: `transient`, or the error the run fails with
 * unless a later fault ends it first (a 409 on create and a refused assignment are read back).
 */
export function effect(kind: FaultKind, request: FakeRequest): 'transient' | ErrorCode {
  if (TRANSIENT.has(kind)) return 'transient';
  if (kind === '401') return 'unauthorized';
  if (kind === '500') return 'api-error';
  const keys = /\/licenses\/([^/]+)\//.exec(request.path)?.[1];
  const create = request.method === 'POST' && keys === undefined && !request.path.startsWith('/me');
  // A refused comma-joined path is sent again one key a call.
  if (kind === '405') return keys?.includes(',') ? 'transient' : 'api-error';
  // A conflicting create is looked up again, and the user is not in this account.
  if (kind === '409') return create ? 'other-account' : 'api-error';
  return request.method === 'POST' && keys !== undefined ? 'no-seats' : 'api-error';
}

export interface Fault {
  method: Method;
  kind: FaultKind;
}

/** Faults whose write may or may not have gone through: the scripts read back to find out. */
export const LOSES_WRITE_ANSWER = new Set<FaultKind>([
  '502',
  '503',
  '504-after',
  'network',
  'network-after',
]);

export interface World {
  wanted: string;
  /** Free seats per license beyond its holders: 0 makes a create or assign run out. */
  spareSeats: number[];
  users: SeedUser[];
  appKeys: string[];
  filterMode: FilterMode;
  numericKeys: boolean;
  /** A connection without account_key: the account comes from GET /me. */
  tokenOnly: boolean;
  licenseRules: LicenseRules;
  faults: Fault[];
}

export const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A user as the oracle sees them: address, licenses (in any order) and status. */
export type Shape = Pick<FakeUserView, 'email' | 'licenseKeys' | 'status'>;
export const shapes = (users: Shape[]) =>
  users.map((u) => `${u.email} [${[...u.licenseKeys].sort().join(',')}] ${u.status}`).sort();

export interface Expected {
  outcome: Outcome;
  error?: ErrorCode;
  licenseKeys?: string[];
  after: string[];
  /** Every state a run may leave when a fault stops it halfway through, `after` included. */
  reachable: string[][];
}

export type Job = 'provision' | 'remove-licenses' | 'delete';

/**
 * What the contract says a run on this account must end as, faults aside. `refusedJoined`: a
 * fault refused the comma-joined license path, so the keys went one a call.
 */
export function oracle(
  job: Job,
  state: World,
  before: FakeUserView[],
  refusedJoined: boolean,
): Expected {
  const exact = before.filter((u) => same(u.email, state.wanted));
  const free = (key: string) => state.spareSeats[ALL_KEYS.indexOf(key)] ?? 0;
  const withUser = (user: FakeUserView, now: Shape | undefined) =>
    shapes([...before.filter((u) => u !== user), ...(now ? [now] : [])]);
  const ending = (end: Omit<Expected, 'reachable'>, reachable: string[][] = []): Expected => ({
    ...end,
    reachable: [shapes(before), ...reachable, end.after],
  });
  const nothingChanged = (end: Omit<Expected, 'after' | 'reachable'>) =>
    ending({ ...end, after: shapes(before) });
  if (exact.length > 1) return nothingChanged({ outcome: 'failed', error: 'ambiguous-user' });
  const user = exact[0];
  const { appKeys } = state;

  if (job === 'provision') {
    if (!user) {
      if (appKeys.some((key) => free(key) < 1)) {
        return nothingChanged({ outcome: 'failed', error: 'no-seats' });
      }
      const created: Shape = { email: state.wanted, licenseKeys: appKeys, status: 'ACTIVE' };
      return ending({
        outcome: 'created',
        licenseKeys: appKeys,
        after: shapes([...before, created]),
      });
    }
    const missing = appKeys.filter((key) => !user.licenseKeys.includes(key));
    if (missing.length === 0) return nothingChanged({ outcome: 'unchanged', licenseKeys: [] });
    const holding = (keys: string[]) =>
      withUser(user, { ...user, licenseKeys: [...user.licenseKeys, ...keys], status: 'ACTIVE' });
    // One key a call when there is one, or when GoTo refuses the joined path: the keys before
    // the first without a free seat are given. Joined, the call gives all or nothing.
    const oneByOne =
      missing.length === 1 ||
      refusedJoined ||
      (state.licenseRules.joinedKeys ?? 'accepted') !== 'accepted';
    const full = missing.findIndex((key) => free(key) < 1);
    const partial = missing.map((_, i) => holding(missing.slice(0, i)));
    if (full < 0) {
      return ending(
        { outcome: 'licensed', licenseKeys: missing, after: holding(missing) },
        partial,
      );
    }
    const given = oneByOne ? missing.slice(0, full) : [];
    return ending(
      {
        outcome: 'failed',
        error: 'no-seats',
        ...(given.length > 0 ? { licenseKeys: given } : {}),
        after: holding(given),
      },
      partial,
    );
  }

  if (!user) return nothingChanged({ outcome: 'not-found' });
  if (job === 'delete') return ending({ outcome: 'deleted', after: withUser(user, undefined) });
  const held = appKeys.filter((key) => user.licenseKeys.includes(key));
  if (held.length === 0) return nothingChanged({ outcome: 'unchanged', licenseKeys: [] });
  const without = (keys: string[]) => {
    const left = user.licenseKeys.filter((key) => !keys.includes(key));
    return withUser(user, {
      ...user,
      licenseKeys: left,
      status: left.length > 0 ? user.status : 'SUSPENDED',
    });
  };
  return ending(
    { outcome: 'unlicensed', licenseKeys: held, after: without(held) },
    held.map((_, i) => without(held.slice(0, i))),
  );
}

/**
 * The faults the run actually met, in the order it met them: the fake hands each method's
 * faults, in the order they were injected, to that method's requests, one each.
 */
export function metFaults(faults: Fault[], requests: FakeRequest[]): MetFault[] {
  const left = { GET: 0, POST: 0, DELETE: 0 };
  const met: MetFault[] = [];
  for (const request of requests) {
    const method = request.method as Method;
    const next = faults.filter((f) => f.method === method)[left[method]];
    left[method] += 1;
    if (next) met.push({ ...next, effect: effect(next.kind, request), request });
  }
  return met;
}

/** A fault a request met, what it does, and the request. */
export type MetFault = Fault & { effect: 'transient' | ErrorCode; request: FakeRequest };
