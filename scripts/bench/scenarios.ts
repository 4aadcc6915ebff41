import { readFileSync } from 'node:fs';
import { hostContext, PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import {
  createFakeGoto,
  DEFAULT_TOKEN,
  type FakeGoto,
  type FakeGotoOptions,
} from '../../emulator/fake-goto';
import { type BenchScripts, benchRun, outcomeLabel, type ScriptKey } from './run';

/**
 * Section 1: API calls per scenario. Each scenario runs once on a fresh fake; its count is
 * `ProvisioningResult.calls.length` (every HTTP attempt, retries included), checked against the
 * fake's own request log and against the committed table scripts/bench/expected-calls.json, so a change
 * that adds a call shows up as a failing bench rather than as a slower tenant.
 */

export const EXPECTED_CALLS_FILE = 'scripts/bench/expected-calls.json';

interface Scenario {
  name: string;
  script: ScriptKey;
  fake: FakeGotoOptions;
  context: Record<string, unknown>;
  /** Outcome (with error code) the scenario is about; any other means the set-up is wrong. */
  outcome: string;
  /** What any correct script must do: look the user up, and write when something must change. */
  needs: { lookup: boolean; write: boolean; account?: boolean };
  /** A token-only variant names the scenario it varies: it must make exactly one call more. */
  variantOf?: string;
  /** Faults injected before the run. */
  arrange?: (fake: FakeGoto) => void;
  note?: string;
}

export interface ScenarioResult {
  name: string;
  outcome: string;
  expectedOutcome: string;
  calls: number;
  expected: number | undefined;
  lowerBound: number;
  note?: string;
  ok: boolean;
}

const EMAIL = 'jane.doe@example.com';
const LICENSES = [STANDARD, PRO, WEBINAR].map((key) => ({ key, seats: 10 }));
const EMPTY_LIST = JSON.stringify({ results: [], fromIndex: 0, toIndex: 0, total: 0 });
const bothApps = hostContext({ licenses: [STANDARD, PRO] });

const BASE_SCENARIOS: Scenario[] = [
  {
    name: 'provisioning: new user',
    script: 'provisioning',
    fake: {},
    context: hostContext(),
    outcome: 'created',
    needs: { lookup: true, write: true },
  },
  {
    name: 'provisioning: existing user missing licenses',
    script: 'provisioning',
    fake: { users: [{ email: EMAIL }] },
    context: hostContext(),
    outcome: 'licensed',
    needs: { lookup: true, write: true },
  },
  {
    name: 'provisioning: already holds them',
    script: 'provisioning',
    fake: { users: [{ email: EMAIL, licenseKeys: [STANDARD] }] },
    context: hostContext(),
    outcome: 'unchanged',
    needs: { lookup: true, write: false },
  },
  {
    name: 'provisioning: holds one of two',
    script: 'provisioning',
    fake: { users: [{ email: EMAIL, licenseKeys: [STANDARD] }] },
    context: bothApps,
    outcome: 'licensed',
    needs: { lookup: true, write: true },
  },
  {
    name: 'provisioning: ambiguous',
    script: 'provisioning',
    fake: { users: [{ email: EMAIL }, { email: EMAIL.toUpperCase() }] },
    context: hostContext(),
    outcome: 'failed/ambiguous-user',
    needs: { lookup: true, write: false },
  },
  {
    name: 'provisioning: disabled',
    script: 'provisioning',
    fake: {},
    context: hostContext({ enabled: false }),
    outcome: 'skipped',
    needs: { lookup: false, write: false },
  },
  {
    name: 'provisioning: invalid context',
    script: 'provisioning',
    fake: {},
    context: hostContext({ oauth: 'not json' }),
    outcome: 'failed/invalid-context',
    needs: { lookup: false, write: false },
  },
  {
    name: 'provisioning: create conflict then found',
    script: 'provisioning',
    fake: { users: [{ email: EMAIL }] },
    context: hostContext(),
    outcome: 'licensed',
    needs: { lookup: true, write: true },
    // The first lookup misses a user who exists (a stale search, or a create racing ours).
    arrange: (fake) =>
      fake.inject({ method: 'GET', path: /\/users\?/, respond: { status: 200, body: EMPTY_LIST } }),
    note: 'first lookup made stale by a fault',
  },
  {
    name: 'deprovisioning: unlicensed',
    script: 'deprovisioning',
    fake: { users: [{ email: EMAIL, licenseKeys: [STANDARD, PRO, WEBINAR] }] },
    context: bothApps,
    outcome: 'unlicensed',
    needs: { lookup: true, write: true },
  },
  {
    name: 'deprovisioning: unchanged',
    script: 'deprovisioning',
    fake: { users: [{ email: EMAIL, licenseKeys: [WEBINAR] }] },
    context: bothApps,
    outcome: 'unchanged',
    needs: { lookup: true, write: false },
  },
  {
    name: 'deprovisioning: not-found',
    script: 'deprovisioning',
    fake: {},
    context: bothApps,
    outcome: 'not-found',
    needs: { lookup: true, write: false },
  },
  {
    name: 'deprovisioning (delete mode): deleted',
    script: 'deprovisioningDelete',
    fake: { users: [{ email: EMAIL, licenseKeys: [STANDARD] }] },
    context: bothApps,
    outcome: 'deleted',
    needs: { lookup: true, write: true },
  },
];

/** What GoTo's current token endpoint leaves in the connection: no account_key. */
const TOKEN_ONLY = JSON.stringify({ access_token: DEFAULT_TOKEN, expires_in: 3600 });

/**
 * Every scenario that reaches GoTo, on a token-only connection: the account then comes from one
 * `GET /me`, so each must make exactly one call more than its base scenario.
 */
const SCENARIOS: Scenario[] = BASE_SCENARIOS.concat(
  BASE_SCENARIOS.filter((s) => s.needs.lookup).map((s) => ({
    ...s,
    name: `${s.name} (token-only connection)`,
    context: { ...s.context, OAuth2ProtocolConfiguration: TOKEN_ONLY },
    needs: { ...s.needs, account: true },
    variantOf: s.name,
  })),
);

export function readExpectedCalls(file = EXPECTED_CALLS_FILE): Record<string, number> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
}

export async function runScenarios(
  scripts: BenchScripts,
  expectedCalls: Record<string, number>,
): Promise<{ results: ScenarioResult[]; unknownExpected: string[] }> {
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    const fake = createFakeGoto({ licenses: LICENSES, ...scenario.fake });
    scenario.arrange?.(fake);
    const result = await benchRun(scripts[scenario.script], fake, scenario.context);
    const calls = result.calls.length;
    if (calls !== fake.requests.length) {
      throw new Error(
        `${scenario.name}: the result lists ${calls} calls, the fake answered ${fake.requests.length}`,
      );
    }
    const outcome = outcomeLabel(result);
    const expected = expectedCalls[scenario.name];
    const base = results.find((r) => r.name === scenario.variantOf);
    results.push({
      name: scenario.name,
      outcome,
      expectedOutcome: scenario.outcome,
      calls,
      expected,
      lowerBound:
        Number(scenario.needs.lookup) +
        Number(scenario.needs.write) +
        Number(scenario.needs.account === true),
      ...(scenario.note === undefined ? {} : { note: scenario.note }),
      ok:
        calls === expected &&
        outcome === scenario.outcome &&
        (base === undefined || calls === base.calls + 1),
    });
  }
  // A stale entry in the table would otherwise go unnoticed.
  const names = new Set(SCENARIOS.map((s) => s.name));
  const unknownExpected = Object.keys(expectedCalls).filter((name) => !names.has(name));
  return { results, unknownExpected };
}
