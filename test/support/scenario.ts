import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ProvisioningResult } from '../../src/host/result';
import type { FakeGoto } from '../fake-goto';
import { type HostFaults, withHostFaults } from './host-faults';
import { createRestShim, simulatedRetries } from './rest-shim';
import { seededRandom } from './seeded-random';
import { type HostRun, runForResult } from './vm-host';

/**
 * One workflow run as a test sees it: a built script in the emulated host, its `rest` going
 * through the restler shim to the fake GoTo API that msw serves.
 */

export type ScriptName = 'provisioning' | 'deprovisioning';

const distCache = new Map<ScriptName, string>();
const RETRY_SEED = 20261130;

/** The committed, built script from dist/. */
export function builtScript(name: ScriptName): string {
  let code = distCache.get(name);
  if (code === undefined) {
    code = readFileSync(new URL(`../../dist/gotomeeting-${name}.js`, import.meta.url), 'utf8');
    distCache.set(name, code);
  }
  return code;
}

/** Starts msw for this test file; each test registers its own fake with `server.use`. */
export function useMockServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

export interface ScenarioRun extends HostRun {
  result: ProvisioningResult;
  /** The delays the script asked `retry(ms)` for, in order. */
  retryDelays: number[];
}

export interface RunOptions {
  hostFaults?: HostFaults;
  /** Script source; default: the built dist/ script. */
  code?: string;
  /** The script's `Math.random`; default: seeded, so the retry waits are the same every time. */
  random?: () => number;
}

export async function runScript(
  server: ReturnType<typeof setupServer>,
  name: ScriptName,
  fake: FakeGoto,
  context: unknown,
  options: RunOptions = {},
): Promise<ScenarioRun> {
  server.use(...fake.handlers);
  const retryDelays: number[] = [];
  const shim = createRestShim({ scheduleRetry: simulatedRetries((ms) => retryDelays.push(ms)) });
  const rest = options.hostFaults ? withHostFaults(shim, options.hostFaults) : shim;
  const run = await runForResult(options.code ?? builtScript(name), context, rest, {
    random: options.random ?? seededRandom(RETRY_SEED),
  });
  return { ...run, retryDelays };
}
