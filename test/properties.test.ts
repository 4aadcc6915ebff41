import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorCode, Outcome, ProvisioningResult } from '../src/host/result';
import {
  createFakeGoto,
  type FakeRequest,
  type FakeUserView,
  type FaultRule,
  type FilterMode,
  type SeedUser,
} from './fake-goto';
import { buildWith } from './support/builds';
import { hostContext, PRO, STANDARD, TOKEN, WEBINAR } from './support/contexts';
import { createInstantRest } from './support/instant-rest';
import { builtScript } from './support/scenario';
import { runInHost } from './support/vm-host';

/**
 * Random accounts and random answer sequences against the built scripts. For every drawn world
 * an oracle, written from the contract and not from the scripts, says what the run must end as
 * and what the account must look like afterwards; every run is compared with it. Seeded, so a
 * failure reproduces; fast-check prints the seed and the shrunk counterexample.
 */

const RUNS = 1000;
const SEED = 20261129;
const APP_KEYS = [STANDARD, PRO];
const ALL_KEYS = [STANDARD, PRO, WEBINAR];

const BASES = [
  'jane.doe@example.com',
  'first+tag@example.com',
  "jean.o'neil@example.com",
  'a-b@sub.example.org',
];

/** Another address that a loose match could take for the wanted one. */
const NEAR_MISSES: ((email: string) => string)[] = [
  (email) => `x${email}`,
  (email) => `${email}.au`,
  (email) => email.replace('@', '1@'),
  (email) => email.replace('+', ''),
  (email) => email.replace(/\./, '_'),
];

const casing = (email: string) =>
  fc
    .array(fc.boolean(), { minLength: email.length, maxLength: email.length })
    .map((upper) => [...email].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));

/**
 * What a fault does to the run. `transient`: the scripts retry or read back, and the run ends as
 * it would have without it. Otherwise the error the run must fail with once the fault is met.
 */
const FAULT_KINDS = {
  '429': 'transient',
  '502': 'transient',
  '503': 'transient',
  '504-after': 'transient',
  network: 'transient',
  'network-after': 'transient',
  slow: 'transient',
  '401': 'unauthorized',
  '500': 'api-error',
} as const satisfies Record<string, 'transient' | ErrorCode>;
type FaultKind = keyof typeof FAULT_KINDS;
type Method = 'GET' | 'POST' | 'DELETE';

interface Fault {
  method: Method;
  kind: FaultKind;
}

/** Faults whose write may or may not have gone through: the scripts read back to find out. */
const LOSES_WRITE_ANSWER = new Set<FaultKind>([
  '502',
  '503',
  '504-after',
  'network',
  'network-after',
]);

interface World {
  wanted: string;
  /** Free seats per license beyond its holders: 0 makes a create or assign run out. */
  spareSeats: number[];
  users: SeedUser[];
  appKeys: string[];
  filterMode: FilterMode;
  numericKeys: boolean;
  faults: Fault[];
}

function faultRule({ method, kind }: Fault): FaultRule {
  if (kind === 'network') return { method, respond: { networkError: true } };
  if (kind === 'network-after') return { method, when: 'after', respond: { networkError: true } };
  if (kind === '504-after') return { method, when: 'after', respond: { status: 504 } };
  if (kind === 'slow') return { method, respond: { delayMs: 5 } };
  return { method, respond: { status: Number(kind) } };
}

const world: fc.Arbitrary<World> = fc
  .constantFrom(...BASES)
  .chain((base) =>
    fc.record({
      wanted: casing(base),
      users: fc.array(
        fc.record({
          email: fc.oneof(
            casing(base),
            fc.constantFrom(...NEAR_MISSES).map((miss) => miss(base)),
            fc.constant('someone.else@example.com'),
          ),
          licenseKeys: fc.subarray(ALL_KEYS),
        }),
        { maxLength: 4 },
      ),
      appKeys: fc.subarray(APP_KEYS, { minLength: 1 }),
      filterMode: fc.constantFrom<FilterMode>('regex', 'regex-find', 'literal', 'literal-contains'),
      numericKeys: fc.boolean(),
      faults: fc.array(
        fc.record({
          method: fc.constantFrom<Method>('GET', 'POST', 'DELETE'),
          kind: fc.constantFrom(...(Object.keys(FAULT_KINDS) as FaultKind[])),
        }),
        { maxLength: 3 },
      ),
      spareSeats: fc.array(fc.nat(2), { minLength: ALL_KEYS.length, maxLength: ALL_KEYS.length }),
    }),
  )
  .map((generated) => ({
    ...generated,
    // The same string twice is one user; case variants of it are the legacy duplicates.
    users: generated.users.filter((u, i, all) => all.findIndex((v) => v.email === u.email) === i),
  }));

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A user as the oracle sees them: address, licenses (in any order) and status. */
type Shape = Pick<FakeUserView, 'email' | 'licenseKeys' | 'status'>;
const shapes = (users: Shape[]) =>
  users.map((u) => `${u.email} [${[...u.licenseKeys].sort().join(',')}] ${u.status}`).sort();

interface Expected {
  outcome: Outcome;
  error?: ErrorCode;
  licenseKeys?: string[];
  after: string[];
}

type Job = 'provision' | 'remove-licenses' | 'delete';

/** What the contract says a run on this account, without faults, must end as. */
function oracle(job: Job, state: World, before: FakeUserView[]): Expected {
  const exact = before.filter((u) => same(u.email, state.wanted));
  const free = (key: string) => state.spareSeats[ALL_KEYS.indexOf(key)] ?? 0;
  const nothingChanged = (ending: Omit<Expected, 'after'>): Expected => ({
    ...ending,
    after: shapes(before),
  });
  const changed = (
    ending: Omit<Expected, 'after'>,
    user: FakeUserView,
    now: Shape | undefined,
  ) => ({
    ...ending,
    after: shapes([...before.filter((u) => u !== user), ...(now ? [now] : [])]),
  });
  if (exact.length > 1) return nothingChanged({ outcome: 'failed', error: 'ambiguous-user' });
  const user = exact[0];
  const { appKeys } = state;

  if (job === 'provision') {
    if (!user) {
      if (appKeys.some((key) => free(key) < 1)) {
        return nothingChanged({ outcome: 'failed', error: 'no-seats' });
      }
      const created: Shape = { email: state.wanted, licenseKeys: appKeys, status: 'ACTIVE' };
      return { outcome: 'created', licenseKeys: appKeys, after: shapes([...before, created]) };
    }
    const missing = appKeys.filter((key) => !user.licenseKeys.includes(key));
    if (missing.length === 0) return nothingChanged({ outcome: 'unchanged', licenseKeys: [] });
    if (missing.some((key) => free(key) < 1)) {
      return nothingChanged({ outcome: 'failed', error: 'no-seats' });
    }
    return changed({ outcome: 'licensed', licenseKeys: missing }, user, {
      ...user,
      licenseKeys: [...user.licenseKeys, ...missing],
      status: 'ACTIVE',
    });
  }

  if (!user) return nothingChanged({ outcome: 'not-found' });
  if (job === 'delete') return changed({ outcome: 'deleted' }, user, undefined);
  const held = appKeys.filter((key) => user.licenseKeys.includes(key));
  if (held.length === 0) return nothingChanged({ outcome: 'unchanged', licenseKeys: [] });
  const left = user.licenseKeys.filter((key) => !held.includes(key));
  return changed({ outcome: 'unlicensed', licenseKeys: held }, user, {
    ...user,
    licenseKeys: left,
    status: left.length > 0 ? user.status : 'SUSPENDED',
  });
}

/**
 * The faults the run actually met, in the order it met them: the fake hands each method's
 * faults, in the order they were injected, to that method's requests, one each.
 */
function metFaults(faults: Fault[], requests: FakeRequest[]): Fault[] {
  const left = { GET: 0, POST: 0, DELETE: 0 };
  const met: Fault[] = [];
  for (const request of requests) {
    const method = request.method as Method;
    const next = faults.filter((f) => f.method === method)[left[method]];
    left[method] += 1;
    if (next) met.push(next);
  }
  return met;
}

async function runOn(script: string, state: World) {
  const fake = createFakeGoto({
    filterMode: state.filterMode,
    numericKeys: state.numericKeys,
    licenses: ALL_KEYS.map((key, i) => ({
      key,
      seats:
        state.users.filter((u) => u.licenseKeys?.includes(key)).length + (state.spareSeats[i] ?? 0),
    })),
    users: state.users,
  });
  for (const fault of state.faults) fake.inject(faultRule(fault));
  const before = fake.users();
  const run = await runInHost(
    script,
    hostContext({ email: state.wanted, licenses: state.appKeys }),
    createInstantRest(fake.handlers),
    { settleMs: 0 },
  );
  return { before, after: fake.users(), met: metFaults(state.faults, fake.requests), run };
}

/** Runs the script on every drawn world and compares each run with the oracle. */
async function matchesOracle(job: Job, script: string): Promise<void> {
  await fc.assert(
    fc.asyncProperty(world, async (state) => {
      const { before, after, met, run } = await runOn(script, state);
      expect(run.doneCalls).toBe(1);
      expect(JSON.stringify(run.result)).not.toContain(TOKEN);
      const result = run.result as ProvisioningResult;
      const expected = oracle(job, state, before);
      const stopper = met.find((fault) => FAULT_KINDS[fault.kind] !== 'transient');
      if (stopper) {
        // The first fault the scripts cannot get past ends the run with its error; a write
        // whose answer was lost before it may have gone through.
        expect({ outcome: result.outcome, error: result.error }).toEqual({
          outcome: 'failed',
          error: FAULT_KINDS[stopper.kind],
        });
        expect([shapes(before), expected.after]).toContainEqual(shapes(after));
        return;
      }
      expect({ outcome: result.outcome, error: result.error }).toEqual({
        outcome: expected.outcome,
        error: expected.error,
      });
      expect(shapes(after)).toEqual(expected.after);
      const lostWrite = met.some((f) => f.method !== 'GET' && LOSES_WRITE_ANSWER.has(f.kind));
      // A write confirmed by reading back names all of this app's keys: the lost answer cannot
      // tell which of them that very write gave or took.
      const keys = lostWrite ? [expected.licenseKeys, state.appKeys] : [expected.licenseKeys];
      expect(keys).toContainEqual(result.licenseKeys);
    }),
    { numRuns: RUNS, seed: SEED },
  );
}

describe(`property tests (${RUNS} runs each, seed ${SEED})`, { timeout: 180_000 }, () => {
  it(`provisioning: ${RUNS} random accounts and answer sequences`, async () => {
    await matchesOracle('provision', builtScript('provisioning'));
  });

  it(`de-provisioning (remove-licenses): ${RUNS} random accounts and answer sequences`, async () => {
    await matchesOracle('remove-licenses', builtScript('deprovisioning'));
  });

  it(`de-provisioning (delete): ${RUNS} random accounts and answer sequences`, async () => {
    await matchesOracle('delete', (await buildWith({ deprovisionMode: 'delete' })).deprovisioning);
  });
});
