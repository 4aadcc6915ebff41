import {
  type EmulatedRun,
  type EmulatedRunOptions,
  resultOf,
  runBuiltScript,
  seededRandom,
} from '../../emulator';
import type { FakeGoto } from '../../emulator/fake-goto';
import { type WebhookReceiver, withWebhook } from '../../emulator/webhook-receiver';
import { readBuilt, type ScriptName } from '../../scripts/build/scripts';
import type { ProvisioningResult } from '../../src/host/result';

/**
 * One workflow run as a scenario test sees it: a built script in the emulated host, its `rest`
 * going through restler to the fake GoTo API.
 */

export type { ScriptName } from '../../scripts/build/scripts';

const distCache = new Map<ScriptName, string>();
const RETRY_SEED = 20261130;

/** The committed, built script from dist/. */
export function builtScript(name: ScriptName): string {
  let code = distCache.get(name);
  if (code === undefined) {
    code = readBuilt(name);
    distCache.set(name, code);
  }
  return code;
}

export interface ScenarioRun extends EmulatedRun {
  result: ProvisioningResult;
}

export interface RunOptions extends Omit<EmulatedRunOptions, 'script' | 'context' | 'api'> {
  /** Script source; default: the built dist/ script. */
  code?: string;
  /** A notification webhook answered beside the fake. */
  webhook?: WebhookReceiver;
}

/**
 * Runs a built script against a fake; anything but exactly one `done` with a result throws. The
 * script's `Math.random` is seeded unless `random` says otherwise, so retry waits repeat.
 */
export async function runScript(
  name: ScriptName,
  fake: FakeGoto,
  context: unknown,
  { code, webhook, ...options }: RunOptions = {},
): Promise<ScenarioRun> {
  const run = await runBuiltScript({
    ...options,
    random: options.random ?? seededRandom(RETRY_SEED),
    script: code ?? builtScript(name),
    context,
    api: webhook ? withWebhook(fake, webhook) : fake,
  });
  return { ...run, result: resultOf(run) };
}
