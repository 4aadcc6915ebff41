import type { RequestHandler } from 'msw';
import type { ProvisioningResult } from '../../src/host/result';
import { createInstantRest, type InstantRestOptions } from '../../test/support/instant-rest';
import { runForResult } from '../../test/support/vm-host';

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
  random?: () => number,
): Promise<ProvisioningResult> {
  const rest = createInstantRest(handlers, restOptions);
  const hostOptions = random === undefined ? { settleMs: 0 } : { settleMs: 0, random };
  return (await runForResult(code, context, rest, hostOptions)).result;
}

/** `created`, or `failed/rate-limited`: an outcome with its error code, for histograms. */
export function outcomeLabel(result: ProvisioningResult): string {
  return result.error === undefined ? result.outcome : `${result.outcome}/${result.error}`;
}
