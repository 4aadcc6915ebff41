import { type Clock, resultOf, runBuiltScript } from '../../emulator';
import type { ProvisioningResult } from '../../src/host/result';
import type { BuiltScripts } from '../build/scripts';

/**
 * One workflow run for the bench, through the emulator's entry point with the instant `rest`
 * (msw handlers in-process, no HTTP). `settleMs: 0`: the bench does not wait to catch a second
 * `done` (the tests do that).
 */

/** The three scripts the bench runs: the default build, plus de-provisioning in delete mode. */
export interface BenchScripts extends BuiltScripts {
  deprovisioningDelete: string;
}

export type ScriptKey = keyof BenchScripts;

export async function benchRun(
  script: string,
  api: Parameters<typeof runBuiltScript>[0]['api'],
  context: unknown,
  clock?: Clock,
  random?: () => number,
): Promise<ProvisioningResult> {
  const run = await runBuiltScript({
    script,
    context,
    api,
    rest: 'instant',
    settleMs: 0,
    ...(clock ? { clock } : {}),
    ...(random ? { random } : {}),
  });
  return resultOf(run);
}

/** `created`, or `failed/rate-limited`: an outcome with its error code, for histograms. */
export function outcomeLabel(result: ProvisioningResult): string {
  return result.error === undefined ? result.outcome : `${result.outcome}/${result.error}`;
}
