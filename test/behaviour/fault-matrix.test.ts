import { describe, expect, it } from 'vitest';
import { ENGINES, type Engine } from '../../emulator';
import { hostContext, PRO, STANDARD, TOKEN, WEBINAR } from '../../emulator/contexts';
import {
  createFakeGoto,
  type FakeGoto,
  type FakeGotoOptions,
  type FaultRule,
} from '../../emulator/fake-goto';
import type { HostFaults } from '../../emulator/host/host-faults';
import type { ErrorCode, Outcome } from '../../src/host/result';
import { buildWith } from '../support/builds';
import { builtScript, runScript, type ScriptName } from '../support/scenario';

/**
 * Every fault at every call position the scripts can reach (issue: fault matrix). A position is a
 * scenario plus the call in it; a fault is one line. Every cell checks the same invariants.
 */

const EMAIL = 'jane.doe@example.com';
const USER_KEY = '7000000000000000042';

type Kind = 'me' | 'lookup' | 'create' | 'assign' | 'remove' | 'delete';

interface Scenario {
  name: string;
  script: ScriptName;
  deleteMode?: boolean;
  seed: FakeGotoOptions;
  licenses: string[];
  /** The outcome with no fault. */
  success: Exclude<Outcome, 'failed'>;
  write: { kind: Kind; method: 'POST' | 'DELETE'; path: RegExp };
}

const LICENSES = [STANDARD, PRO, WEBINAR].map((key) => ({ key, seats: 10 }));
const SCENARIOS: Scenario[] = [
  {
    name: 'provision a new user',
    script: 'provisioning',
    seed: { licenses: LICENSES },
    licenses: [STANDARD],
    success: 'created',
    write: { kind: 'create', method: 'POST', path: /\/users$/ },
  },
  {
    name: 'provision an existing user',
    script: 'provisioning',
    seed: { licenses: LICENSES, users: [{ email: EMAIL, key: USER_KEY, licenseKeys: [WEBINAR] }] },
    licenses: [STANDARD, PRO],
    success: 'licensed',
    write: { kind: 'assign', method: 'POST', path: /\/licenses\// },
  },
  {
    name: 'de-provision (remove-licenses)',
    script: 'deprovisioning',
    seed: {
      licenses: LICENSES,
      users: [{ email: EMAIL, key: USER_KEY, licenseKeys: [STANDARD, WEBINAR] }],
    },
    licenses: [STANDARD, PRO],
    success: 'unlicensed',
    write: { kind: 'remove', method: 'DELETE', path: /\/licenses\// },
  },
  {
    name: 'de-provision (delete)',
    script: 'deprovisioning',
    deleteMode: true,
    seed: { licenses: LICENSES, users: [{ email: EMAIL, key: USER_KEY, licenseKeys: [STANDARD] }] },
    licenses: [STANDARD],
    success: 'deleted',
    write: { kind: 'delete', method: 'DELETE', path: /\/users\/\d+$/ },
  },
];

interface Position {
  scenario: Scenario;
  kind: Kind;
  rule: Pick<FaultRule, 'method' | 'path'>;
}

/** A connection as GoTo's current token endpoint leaves it: no account_key, so GET /me first. */
const TOKEN_ONLY = JSON.stringify({ access_token: TOKEN, expires_in: 3600, principal: 'a@b.c' });

const POSITIONS: Position[] = SCENARIOS.flatMap((scenario) => [
  { scenario, kind: 'me' as Kind, rule: { method: 'GET', path: /\/me$/ } },
  { scenario, kind: 'lookup' as Kind, rule: { method: 'GET', path: /\/users\?/ } },
  {
    scenario,
    kind: scenario.write.kind,
    rule: { method: scenario.write.method, path: scenario.write.path },
  },
]);

type Expected = { outcome: Outcome; error?: ErrorCode };
const failed = (error: ErrorCode): Expected => ({ outcome: 'failed', error });
const succeeded = (p: Position): Expected => ({ outcome: p.scenario.success });
const isWrite = (p: Position) => p.kind !== 'lookup' && p.kind !== 'me';

interface Fault {
  name: string;
  /** Injected at the position, every time unless `times` says otherwise. */
  respond?: FaultRule['respond'];
  times?: number;
  /** 'after': the write changes the state, then its answer is replaced (a lost or odd answer). */
  when?: 'before' | 'after';
  host?: (match: { method?: 'GET' | 'POST' | 'DELETE'; url: RegExp }) => HostFaults;
  /** A fault of a live host object: engines that are handed copies never see it. */
  liveObjectsOnly?: true;
  expect(position: Position): Expected;
}

const html = '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>';
const FAULTS: Fault[] = [
  { name: '400', respond: { status: 400 }, expect: () => failed('api-error') },
  { name: '401', respond: { status: 401 }, expect: () => failed('unauthorized') },
  { name: '403', respond: { status: 403 }, expect: () => failed('forbidden') },
  {
    name: '404',
    respond: { status: 404 },
    expect: (p) => (p.kind === 'delete' ? { outcome: 'not-found' } : failed('api-error')),
  },
  {
    name: '409',
    respond: { status: 409 },
    expect: (p) => failed(p.kind === 'create' ? 'other-account' : 'api-error'),
  },
  {
    name: '405 (a refused path: several license keys fall back to one a call)',
    respond: { status: 405 },
    expect: () => failed('api-error'),
  },
  {
    name: '422',
    respond: { status: 422 },
    expect: (p) => failed(p.kind === 'assign' ? 'no-seats' : 'api-error'),
  },
  { name: '429 once', respond: { status: 429 }, times: 1, expect: succeeded },
  { name: '429 always', respond: { status: 429 }, expect: () => failed('rate-limited') },
  { name: '500', respond: { status: 500 }, expect: () => failed('api-error') },
  {
    name: '502 with an HTML page',
    respond: { status: 502, body: html, contentType: 'text/html' },
    expect: () => failed('api-error'),
  },
  { name: '503', respond: { status: 503 }, expect: () => failed('api-error') },
  {
    name: '504 after the write went through',
    respond: { status: 504 },
    when: 'after',
    expect: (p) => (isWrite(p) ? succeeded(p) : failed('api-error')),
  },
  { name: 'network error', respond: { networkError: true }, expect: () => failed('network-error') },
  {
    name: 'network error after the write went through',
    respond: { networkError: true },
    when: 'after',
    expect: (p) => (isWrite(p) ? succeeded(p) : failed('network-error')),
  },
  {
    name: 'malformed JSON with a JSON content type',
    respond: { status: 200, body: '{"results": [', contentType: 'application/json' },
    when: 'after',
    expect: (p) => (isWrite(p) ? succeeded(p) : failed('bad-response')),
  },
  {
    name: 'an empty body where JSON is expected',
    respond: { status: 200, body: '', contentType: 'application/json' },
    when: 'after',
    expect: (p) => (isWrite(p) ? succeeded(p) : failed('bad-response')),
  },
  {
    name: 'complete fired twice',
    host: (match) => ({ completeTwice: { match, second: 'same' } }),
    expect: succeeded,
  },
  {
    name: 'a handler that throws',
    host: (match) => ({ throwingResponse: match }),
    liveObjectsOnly: true,
    expect: () => failed('bad-response'),
  },
  { name: 'a very slow answer', respond: { delayMs: 400 }, expect: succeeded },
];

const CELLS = POSITIONS.flatMap((position) => FAULTS.map((fault) => ({ position, fault })));

async function scriptFor(scenario: Scenario): Promise<string> {
  if (!scenario.deleteMode) return builtScript(scenario.script);
  return (await buildWith({ deprovisionMode: 'delete' })).deprovisioning;
}

/** Every write must follow a successful read: none after a failed or ambiguous lookup. */
function expectWritesOnlyAfterGoodReads(fake: FakeGoto): void {
  let lastReadOk = false;
  for (const request of fake.requests) {
    if (request.method === 'GET') lastReadOk = request.status === 200;
    else expect(lastReadOk, `${request.method} ${request.path} after a failed read`).toBe(true);
  }
}

/** One cell in one engine, with the invariants every cell must keep. */
async function playCell(position: Position, fault: Fault, engine: Engine) {
  const scenario = position.scenario;
  const fake = createFakeGoto(scenario.seed);
  if (fault.respond) {
    fake.inject({
      ...position.rule,
      respond: fault.respond,
      times: fault.times ?? Infinity,
      when: fault.when ?? 'before',
    });
  }
  const match = {
    ...(position.rule.method ? { method: position.rule.method as 'GET' | 'POST' | 'DELETE' } : {}),
    url: position.rule.path as RegExp,
  };
  const run = await runScript(
    scenario.script,
    fake,
    hostContext({
      licenses: scenario.licenses,
      ...(position.kind === 'me' ? { oauth: TOKEN_ONLY } : {}),
    }),
    {
      code: await scriptFor(scenario),
      engine,
      ...(fault.host ? { hostFaults: fault.host(match) } : {}),
    },
  );

  const expected = fault.expect(position);
  expect({ outcome: run.result.outcome, error: run.result.error }).toEqual({
    outcome: expected.outcome,
    error: expected.error,
  });
  expectWritesOnlyAfterGoodReads(fake);
  for (const request of fake.requests.filter((r) => r.method === 'DELETE')) {
    expect(request.path).toMatch(new RegExp(`/users/${USER_KEY}$`));
  }
  const { OAuth2ProtocolConfiguration: _token, ...rest } = run.context ?? {};
  expect(JSON.stringify(rest)).not.toContain(TOKEN);
  return { result: run.result, requests: fake.requests };
}

const named = (cells: typeof CELLS) =>
  cells.map(
    ({ position, fault }) =>
      [`${position.scenario.name}, ${position.kind}: ${fault.name}`, position, fault] as const,
  );

describe(`fault matrix: ${POSITIONS.length} call positions × ${FAULTS.length} faults = ${CELLS.length} cells`, () => {
  it.each(named(CELLS))('%s', async (_, position: Position, fault: Fault) => {
    await playCell(position, fault, 'vm');
  });
});

/** Every fault once, each at another call position: the same result and requests as in vm. */
const SAMPLE = FAULTS.filter((fault) => !fault.liveObjectsOnly).map((fault, index) => ({
  position: POSITIONS[(index * 5) % POSITIONS.length] as Position,
  fault,
}));

describe.each(ENGINES.filter((engine) => engine !== 'vm'))(
  `a sample of ${SAMPLE.length} cells in %s`,
  (engine) => {
    it.each(named(SAMPLE))('%s', async (_, position: Position, fault: Fault) => {
      const other = await playCell(position, fault, engine);
      const node = await playCell(position, fault, 'vm');
      expect(other).toEqual(node);
    });
  },
);
