import { expect } from 'vitest';
import { ENGINES, type Engine, runBuiltScript } from '../../emulator';
import { type ContextInput, hostContext, TOKEN } from '../../emulator/contexts';
import type { FakeGoto, FakeGotoOptions, FaultRule } from '../../emulator/fake-goto';
import type { ProvisioningResult } from '../../src/host/result';
import type { BuildOptions } from '../../src/options';
import { fakeAccount } from './accounts';
import { buildWith } from './builds';
import { builtScript, type ScriptName } from './scenario';

/**
 * One scenario run on a built script in every engine (V8's vm, QuickJS, JS-Interpreter), each on
 * a fresh fake with the same seed: each must call `done` once and end with the same result and
 * GoTo state as vm. Returns the vm run's result and fake for the test's own expectations.
 */

export interface Case {
  script: ScriptName;
  fake?: FakeGotoOptions;
  context?: ContextInput;
  faults?: FaultRule[];
  /** Build options other than the defaults; default: the committed dist/ script. */
  build?: Partial<BuildOptions>;
}

async function codeFor(c: Case): Promise<string> {
  return c.build ? (await buildWith(c.build))[c.script] : builtScript(c.script);
}

async function playIn(engine: Engine, script: string, c: Case) {
  const fake = fakeAccount(c.fake);
  for (const fault of c.faults ?? []) fake.inject(fault);
  const context = hostContext(c.context);
  const run = await runBuiltScript({ script, context, api: fake, rest: 'instant', engine });
  return { run, fake, state: { users: fake.users(), requests: fake.requests } };
}

export async function runInEveryEngine(
  c: Case,
): Promise<{ result: ProvisioningResult; fake: FakeGoto }> {
  const code = await codeFor(c);
  const node = await playIn('vm', code, c);
  expect(node.run.doneCalls).toBe(1);
  expect(JSON.stringify(node.run.result)).not.toContain(TOKEN);
  for (const engine of ENGINES.filter((each) => each !== 'vm')) {
    const other = await playIn(engine, code, c);
    expect(other.run.doneCalls, engine).toBe(1);
    expect(other.run.result, engine).toEqual(node.run.result);
    expect(other.state, engine).toEqual(node.state);
  }
  return { result: node.run.result as ProvisioningResult, fake: node.fake };
}

/** `METHOD path` of every call the result lists. */
export function callLines(result: ProvisioningResult): string[] {
  return result.calls.map((call) => `${call.method} ${call.path.split('?')[0]} ${call.status}`);
}
