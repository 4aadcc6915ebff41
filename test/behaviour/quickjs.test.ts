import { describe, expect, it } from 'vitest';
import { type EmulatedRunOptions, runBuiltScript, seededRandom } from '../../emulator';
import { type ContextInput, hostContext, PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import {
  createFakeGoto,
  type FakeGoto,
  type FakeGotoOptions,
  type FaultRule,
} from '../../emulator/fake-goto';
import type { HostRun } from '../../emulator/host/vm-host';
import { ALLOWED_GLOBALS } from '../../src/host/allowed-globals';
import { builtScript, type ScriptName } from '../support/scenario';

/**
 * The built scripts in a second engine. The MyWorkspace host's engine is not documented: Node,
 * or an embedded engine in .NET. QuickJS shares no code with V8, * has its own RegExp, JSON and string internals, never runs a Promise job unless asked, and gets
 * every host value as a copy. The same scenario must end with the same result and the same
 * GoTo state in both engines; any difference is a product bug, not a test detail.
 */

type Engine = NonNullable<EmulatedRunOptions['engine']>;
const ENGINES: Engine[] = ['quickjs', 'vm'];

/** A script in one engine, its `rest` answered in-process by a fake (a fresh, empty one by default). */
function runIn(
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
}

interface Scenario extends Setup {
  name: string;
  script: ScriptName;
  /** `outcome`, or `failed:error`: pins what the scenario is about, in both engines. */
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
const SCENARIOS: Scenario[] = [
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
  D("unlicensed, other app's key kept", 'unlicensed', users({ email: EMAIL, licenseKeys: [STANDARD, WEBINAR] })),
  D('holds none of the keys', 'unchanged', users({ email: EMAIL, licenseKeys: [WEBINAR] })),
  D('no such user', 'not-found'),
  D('two exact matches', 'failed:ambiguous-user', users({ email: EMAIL, licenseKeys: [STANDARD] }, { email: EMAIL.toUpperCase() })),
  D('503 on removal, read back', 'unlicensed', { ...users({ email: EMAIL, licenseKeys: [STANDARD] }), faults: [{ method: 'DELETE', when: 'after', respond: { status: 503 } }] }),
];

/** The GoTo account after a run: what the two engines must leave identical. */
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
  // The same retry waits in both engines, so that their results can be compared whole.
  const run = await runIn(
    engine,
    builtScript(scenario.script),
    hostContext(scenario.context),
    fake,
    {
      random: seededRandom(RETRY_SEED),
    },
  );
  return { run, state: stateOf(fake) };
}

function summary(run: HostRun): string {
  const result = run.result;
  if (!result) return `no result, done called ${run.doneCalls} times`;
  return result.error === undefined ? result.outcome : `${result.outcome}:${result.error}`;
}

describe(`QuickJS: ${SCENARIOS.length + 1} scenarios, the same as in the vm host`, () => {
  it.each(SCENARIOS.map((s) => [`${s.script}: ${s.name}`, s] as const))(
    '%s',
    async (_, scenario) => {
      const quick = await play('quickjs', scenario);
      const node = await play('vm', scenario);

      expect(quick.run.doneCalls).toBe(1);
      expect(node.run.doneCalls).toBe(1);
      expect(summary(quick.run)).toBe(scenario.expected);
      // The whole result: outcome, error, message, calls, userKey, licenseKeys, version…
      expect(quick.run.result).toEqual(node.run.result);
      expect(quick.state).toEqual(node.state);
    },
  );

  it('lifecycle: Standard, then Pro, then both removed, with 19-digit keys', async () => {
    const lifecycle = async (engine: Engine) => {
      const fake = createFakeGoto({ numericKeys: true, licenses: LICENSES });
      const step = async (script: ScriptName, license: string) => {
        const run = await runIn(
          engine,
          builtScript(script),
          hostContext({ licenses: [license] }),
          fake,
        );
        expect(run.doneCalls).toBe(1);
        return run.result;
      };
      const results = [
        await step('provisioning', STANDARD),
        await step('provisioning', PRO),
        await step('deprovisioning', STANDARD),
        await step('deprovisioning', PRO),
      ];
      return { results, state: stateOf(fake) };
    };
    const quick = await lifecycle('quickjs');
    const node = await lifecycle('vm');

    expect(quick.results.map((r) => r?.outcome)).toEqual([
      'created',
      'licensed',
      'unlicensed',
      'unlicensed',
    ]);
    expect(quick.state.users).toEqual([
      expect.objectContaining({ email: EMAIL, licenseKeys: [], status: 'SUSPENDED' }),
    ]);
    expect(quick.results).toEqual(node.results);
    expect(quick.state).toEqual(node.state);
  });
});

describe('the QuickJS host itself', () => {
  const quick = (code: string, timeoutMs?: number) =>
    runIn(
      'quickjs',
      code,
      hostContext(),
      createFakeGoto(),
      timeoutMs === undefined ? {} : { timeoutMs },
    );

  it('offers exactly the allowed globals, like the vm host', async () => {
    const code = `context.names = Object.getOwnPropertyNames((function () { return this; })());
      done(context);`;
    const expected = [...ALLOWED_GLOBALS].sort();
    for (const engine of ENGINES) {
      const run = await runIn(engine, code, hostContext());
      expect([...((run.context?.names ?? []) as string[])].sort()).toEqual(expected);
    }
  });

  it.each([
    ['Promise', 'Promise.resolve().then(() => done(context));', /'?Promise'? is not defined/],
    ['setTimeout', 'setTimeout(() => done(context), 0);', /'?setTimeout'? is not defined/],
  ])('fails a script that uses %s', async (_, code, message) => {
    await expect(quick(code)).rejects.toThrow(/ReferenceError/);
    await expect(quick(code)).rejects.toThrow(message);
  });

  it('never runs Promise jobs: an async function without the Promise global never reaches done', async () => {
    // Deleting `Promise` does not remove async functions; their continuations are jobs that
    // only `executePendingJobs` would run, and the host never calls it.
    const run = await quick('(async function () { await null; done(context); })();', 300);
    expect(run).toMatchObject({ context: undefined, result: undefined, doneCalls: 0, calls: [] });
  });

  it('fails the run when a guest handler throws', async () => {
    const code = `rest.get('https://api.getgo.com/admin/rest/v1/accounts/1/users')
      .on('complete', function () { throw new TypeError('handler broke'); });`;
    await expect(quick(code)).rejects.toThrow('TypeError: handler broke');
  });

  it('hands a network error over as a guest Error with its code, and the response as null', async () => {
    const fake = createFakeGoto();
    fake.inject({ respond: { networkError: true } });
    const code = `rest.get('https://api.getgo.com/admin/rest/v1/accounts/1/users').on('complete',
      function (result, response) {
        context.seen = [Object.prototype.toString.call(result), result.code, response, this.on !== undefined];
        done(context);
      });`;
    const run = await runIn('quickjs', code, hostContext(), fake);
    expect(run.context?.seen).toEqual(['[object Error]', 'ECONNRESET', null, true]);
  });
});
