import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import type { ProvisioningResult } from '../src/host/result';
import type { FakeGoto } from './fake-goto';
import { createRestShim, simulatedRetries } from './host/rest-shim';
import { runForResult } from './host/vm-host';

/**
 * The local emulation outside the test runner: a built script in the emulated host, its `rest`
 * served by the in-process fake GoTo API (no network), retry delays simulated, not waited.
 */

export type ScriptFile = 'gotomeeting-provisioning.js' | 'gotomeeting-deprovisioning.js';

export function readBuilt(file: ScriptFile, dir = 'dist'): string {
  return readFileSync(`${dir}/${file}`, 'utf8');
}

export interface EmulatedRun {
  result: ProvisioningResult;
  /** What the script's retries would have waited, in ms. */
  simulatedWaitMs: number;
}

/** Serves one fake GoTo API for the lifetime of the process, through msw. */
export function serveFake(fake: FakeGoto): { close(): void } {
  const server = setupServer(...fake.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return { close: () => server.close() };
}

export async function runAgainstFake(code: string, context: unknown): Promise<EmulatedRun> {
  let simulatedWaitMs = 0;
  const rest = createRestShim({
    scheduleRetry: simulatedRetries((ms) => {
      simulatedWaitMs += Math.max(0, ms);
    }),
  });
  const run = await runForResult(code, context, rest);
  return { result: run.result, simulatedWaitMs };
}
