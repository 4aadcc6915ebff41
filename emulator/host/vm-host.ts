import vm from 'node:vm';
import { ALLOWED_GLOBALS } from '../../src/host/allowed-globals';
import type { Rest } from '../../src/host/rest';
import type { ProvisioningResult } from '../../src/host/result';

/**
 * Runs a built script the way a Node-based MyWorkspace host would: in a
 * fresh `vm` context whose only globals are `context`, `rest`, `done` and the allowed ECMAScript
 * built-ins. Everything else, `Promise` and `Symbol` included, is removed first, so a stray
 * timer, `require` or Promise in the output fails the run. Host-made values (the context, the
 * responses) stay in this realm, so cross-realm pitfalls show as they would in the host.
 */

export interface HostRun {
  /** The context as handed to `done`, or undefined when done was never called. */
  context: Record<string, unknown> | undefined;
  result: ProvisioningResult | undefined;
  doneCalls: number;
}

export interface HostRunOptions {
  /** How long to wait for `done` before failing; default 10 s. */
  timeoutMs?: number;
  /** How long to keep watching for a second `done` after the first; default 50 ms. */
  settleMs?: number;
  /** Replaces the script's `Math.random` (a seeded generator makes the retry waits repeatable). */
  random?: () => number;
  /**
   * Settles when nothing more can happen to the run (a simulated clock with no event left):
   * awaited instead of the real-time wait for `done` and for a second `done`.
   */
  idle?: Promise<void>;
}

export async function runInHost(
  code: string,
  context: unknown,
  rest: Rest,
  options: HostRunOptions = {},
): Promise<HostRun> {
  let doneCalls = 0;
  let finished: unknown;
  let signal: () => void = () => {};
  const doneOnce = new Promise<void>((resolve) => {
    signal = resolve;
  });
  const done = (ctx: unknown) => {
    doneCalls += 1;
    if (doneCalls === 1) finished = ctx;
    signal();
  };
  const sandbox = vm.createContext({ context, rest, done });
  vm.runInContext(
    `(function (global, allowed) {
      var names = Object.getOwnPropertyNames(global);
      for (var i = 0; i < names.length; i++) {
        if (allowed.indexOf(names[i]) < 0) delete global[names[i]];
      }
    })(globalThis, ${JSON.stringify(ALLOWED_GLOBALS)});`,
    sandbox,
  );
  if (options.random) (vm.runInContext('Math', sandbox) as Math).random = options.random;
  vm.runInContext(code, sandbox, { filename: 'built-script.js' });
  if (options.idle) {
    await options.idle;
    return finishedRun(finished, doneCalls);
  }

  const timeoutMs = options.timeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const first = await Promise.race([doneOnce, timedOut]);
  clearTimeout(timer);
  if (first === 'timeout') return { context: undefined, result: undefined, doneCalls };
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 50));
  return finishedRun(finished, doneCalls);
}

function finishedRun(finished: unknown, doneCalls: number): HostRun {
  const ctx = finished as Record<string, unknown> | undefined;
  return {
    context: ctx,
    result: ctx ? (ctx.ProvisioningResult as ProvisioningResult | undefined) : undefined,
    doneCalls,
  };
}
