import { describe, expect, it } from 'vitest';
import { type EmulatedRunOptions, type Engine, runBuiltScript, seededRandom } from '../../emulator';
import { type ContextInput, hostContext, PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import {
  createFakeGoto,
  type FakeGoto,
  type FakeGotoOptions,
  type FaultRule,
} from '../../emulator/fake-goto';
import type { HostRun } from '../../emulator/host/vm-host';
import { ALLOWED_GLOBALS } from '../../src/host/allowed-globals';
import type { BuildOptions } from '../../src/options';
import { buildWith } from './builds';
import { builtScript, type ScriptName } from './scenario';

/**
 * The scenarios every engine must end exactly as V8's `vm` does: the same result, message and
 * calls included, and the same GoTo state. The MyWorkspace host's engine is not documented, so
 * each engine of the emulator is a peer here: QuickJS (test/quickjs.test.ts), JS-Interpreter,
 * ES5 only (test/js-interpreter.test.ts). Any difference is a product bug, not a test detail.
 */

/** A script in one engine, its `rest` answered in-process by a fake (a fresh, empty one by default). */
export function runIn(
  engine: Engine,
  script: string,
  context: unknown,
  fake: FakeGoto = createFakeGoto(),
  options: Pick<EmulatedRunOptions, 'timeoutMs' | 'random'> = {},
) {
  return runBuiltScript({ ...options, script, context, api: fake, rest: 'instant', engine });
}

const EMAIL = 'jane.doe@example.com';
const BIG_KEY = '9223372036854770001'; // above 2^53: JSON.parse would round it
const LICENSES = [STANDARD, PRO, WEBINAR].map((key) => ({ key, seats: 10 }));
const LOOKUP = /\/users\?/;
const CREATE = /\/users$/;
const RETRY_SEED = 20261130;

interface Setup {
  fake?: FakeGotoOptions;
  context?: ContextInput;
  faults?: FaultRule[];
  expireToken?: true;
  build?: Partial<BuildOptions>;
}

interface Scenario extends Setup {
  name: string;
  script: ScriptName;
  /** `outcome`, or `failed:error`: pins what the scenario is about, in every engine. */
  expected: string;
}

const P = (name: string, expected: string, setup: Setup = {}): Scenario => ({
  name,
  script: 'provisioning',
  expected,
  ...setup,
});
const D = (name: string, expected: string, setup: Setup = {}): Scenario => ({
  name,
  script: 'deprovisioning',
  expected,
  ...setup,
});
const users = (...seeds: { email: string; licenseKeys?: string[]; key?: string }[]) => ({
  fake: { users: seeds },
});
const always = (rule: FaultRule): FaultRule => ({ times: Infinity, ...rule });

// biome-ignore format: one scenario a line reads as a table
export const SCENARIOS: Scenario[] = [
  P('new user', 'created'),
  P('existing user', 'licensed', users({ email: EMAIL })),
  P('user already licensed', 'unchanged', users({ email: EMAIL, licenseKeys: [STANDARD] })),
  P('one of two keys missing', 'licensed', { ...users({ email: EMAIL, licenseKeys: [STANDARD] }), context: { licenses: [STANDARD, PRO] } }),
  P('plus-address, regex filter', 'licensed', { ...users({ email: 'first+tag@example.com' }), context: { email: 'first+tag@example.com' } }),
  P('other case, literal filter', 'licensed', { fake: { filterMode: 'literal', users: [{ email: EMAIL }] }, context: { email: 'Jane.Doe@Example.COM' } }),
  P('two exact matches', 'failed:ambiguous-user', users({ email: EMAIL }, { email: EMAIL.toUpperCase() })),
  P('provisioning disabled', 'skipped', { context: { enabled: false } }),
  P('bad email', 'failed:invalid-context', { context: { email: 'jane.doe(at)example.com' } }),
  P('401', 'failed:unauthorized', { expireToken: true }),
  P('429 twice, then success', 'created', { faults: [{ path: LOOKUP, times: 2, respond: { status: 429 } }] }),
  P('429 always', 'failed:rate-limited', { faults: [always({ path: LOOKUP, respond: { status: 429 } })] }),
  P('network error on lookup always', 'failed:network-error', { faults: [always({ path: LOOKUP, respond: { networkError: true } })] }),
  P('create answer lost, read back', 'created', { faults: [{ method: 'POST', path: CREATE, when: 'after', respond: { networkError: true } }] }),
  P('19-digit numeric keys', 'licensed', { fake: { numericKeys: true, users: [{ email: EMAIL, key: BIG_KEY }] } }),
  P('a lookup answered with a 302', 'failed:api-error', { faults: [{ path: LOOKUP, respond: { status: 302, headers: { location: 'http://127.0.0.2/admin/rest/v1/accounts' } } }] }),
  P('no licenseKeys listed, none by key', 'failed:bad-response', { fake: { omitLicenseKeys: { list: true, user: true }, users: [{ email: EMAIL }] } }),
  D('no licenseKeys listed, read by key', 'unlicensed', { fake: { omitLicenseKeys: { list: true }, users: [{ email: EMAIL, licenseKeys: [STANDARD] }] } }),
  D("unlicensed, other app's key kept", 'unlicensed', users({ email: EMAIL, licenseKeys: [STANDARD, WEBINAR] })),
  D('holds none of the keys', 'unchanged', users({ email: EMAIL, licenseKeys: [WEBINAR] })),
  D('no such user', 'not-found'),
  D('two exact matches', 'failed:ambiguous-user', users({ email: EMAIL, licenseKeys: [STANDARD] }, { email: EMAIL.toUpperCase() })),
  D('503 on removal, read back', 'unlicensed', { ...users({ email: EMAIL, licenseKeys: [STANDARD] }), faults: [{ method: 'DELETE', when: 'after', respond: { status: 503 } }] }),
  D('delete mode, 19-digit numeric keys', 'deleted', { build: { deprovisionMode: 'delete' }, fake: { numericKeys: true, users: [{ email: EMAIL, key: BIG_KEY, licenseKeys: [STANDARD] }] } }),
];

/** The GoTo account after a run: what every engine must leave as `vm` does. */
function stateOf(fake: FakeGoto) {
  return {
    users: fake.users(),
    licenses: LICENSES.map(({ key }) => fake.license(key)),
    emails: fake.sentEmails(),
    requests: fake.requests,
  };
}

/** One scenario in one engine, on a fresh fake: the same seed gives the same generated keys. */
async function play(engine: Engine, scenario: Scenario) {
  const fake = createFakeGoto({ licenses: LICENSES, ...scenario.fake });
  for (const fault of scenario.faults ?? []) fake.inject(fault);
  if (scenario.expireToken) fake.expireToken();
  const script = scenario.build
    ? (await buildWith(scenario.build))[scenario.script]
    : builtScript(scenario.script);
  // The same retry waits in every engine, so that their results can be compared whole.
  const run = await runIn(engine, script, hostContext(scenario.context), fake, {
    random: seededRandom(RETRY_SEED),
  });
  return { run, state: stateOf(fake) };
}

function summary(run: HostRun): string {
  const result = run.result;
  if (!result) return `no result, done called ${run.doneCalls} times`;
  return result.error === undefined ? result.outcome : `${result.outcome}:${result.error}`;
}

/** Standard, then Pro, then both removed, with 19-digit keys: one account through four runs. */
async function lifecycle(engine: Engine) {
  const fake = createFakeGoto({ numericKeys: true, licenses: LICENSES });
  const results = [];
  for (const [script, license] of [
    ['provisioning', STANDARD],
    ['provisioning', PRO],
    ['deprovisioning', STANDARD],
    ['deprovisioning', PRO],
  ] as const) {
    const run = await runIn(
      engine,
      builtScript(script),
      hostContext({ licenses: [license] }),
      fake,
    );
    expect(run.doneCalls).toBe(1);
    results.push(run.result);
  }
  return { results, state: stateOf(fake) };
}

/** The scenarios, the lifecycle and the globals, in `engine` and in `vm`, compared whole. */
export function describeEngineScenarios(engine: Exclude<Engine, 'vm'>, title: string): void {
  describe(`${title}: ${SCENARIOS.length + 2} scenarios, the same as in the vm host`, () => {
    it.each(SCENARIOS.map((s) => [`${s.script}: ${s.name}`, s] as const))(
      '%s',
      async (_, scenario) => {
        const other = await play(engine, scenario);
        const node = await play('vm', scenario);

        expect(other.run.doneCalls).toBe(1);
        expect(node.run.doneCalls).toBe(1);
        expect(summary(other.run)).toBe(scenario.expected);
        // The whole result: outcome, error, message, calls, userKey, licenseKeys, version…
        expect(other.run.result).toEqual(node.run.result);
        expect(other.state).toEqual(node.state);
      },
    );

    it('lifecycle: Standard, then Pro, then both removed, with 19-digit keys', async () => {
      const other = await lifecycle(engine);
      const node = await lifecycle('vm');

      expect(other.results.map((r) => r?.outcome)).toEqual([
        'created',
        'licensed',
        'unlicensed',
        'unlicensed',
      ]);
      expect(other.state.users).toEqual([
        expect.objectContaining({ email: EMAIL, licenseKeys: [], status: 'SUSPENDED' }),
      ]);
      expect(other.results).toEqual(node.results);
      expect(other.state).toEqual(node.state);
    });

    it('offers exactly the allowed globals, like the vm host', async () => {
      const code = `context.names = Object.getOwnPropertyNames((function () { return this; })());
        done(context);`;
      const expected = [...ALLOWED_GLOBALS].sort();
      for (const each of [engine, 'vm'] as const) {
        const run = await runIn(each, code, hostContext());
        const names = (run.context?.names ?? []) as string[];
        // JS-Interpreter lists its own binding of `this`, which no script can name.
        expect([...names].filter((name) => name !== 'this').sort(), each).toEqual(expected);
      }
    });
  });
}
