import type { RequestHandler } from 'msw';
import { createInstantRest, type InstantRestOptions } from '../../emulator/host/instant-rest';
import { runForResult } from '../../emulator/host/vm-host';
import type { ProvisioningResult } from '../../src/host/result';

/**
 * One workflow run for the bench: a built script in the emulated host (a fresh `vm` context with
 * only `context`, `rest`, `done`), its `rest` answered in-process by msw handlers with no HTTP in
 * between. `settleMs: 0`: the bench does not wait to catch a second `done` (the tests do that).
 */

/** The three scripts the bench runs: the default build, plus de-provisioning in delete mode. */
export interface BenchScripts {
  provisioning: string;
  deprovisioning: string;
  deprovisioningDelete: string;
}

export type ScriptKey = keyof BenchScripts;

export async function runWorkflow(
  code: string,
  handlers: RequestHandler[],
  context: unknown,
  restOptions: InstantRestOptions = {},
): Promise<ProvisioningResult> {
  const rest = createInstantRest(handlers, restOptions);
  return (await runForResult(code, context, rest, { settleMs: 0 })).result;
}

/** `created`, or `failed/rate-limited`: an outcome with its error code, for histograms. */
export function outcomeLabel(result: ProvisioningResult): string {
  return result.error === undefined ? result.outcome : `${result.outcome}/${result.error}`;
}
