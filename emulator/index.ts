import type { RequestHandler } from 'msw';
import type { Rest } from '../src/host/rest';
import type { ProvisioningResult } from '../src/host/result';
import { serveApi } from './api-server';
import { type Clock, instantClock } from './clock';
import { boundedRest } from './host/bounded-rest';
import { type HostFaults, withHostFaults } from './host/host-faults';
import { createInstantRest } from './host/instant-rest';
import { runInJsInterpreter } from './host/js-interpreter-host';
import { runInQuickJS } from './host/quickjs-host';
import { restlerRest } from './host/restler';
import { type HostRun, runInHost } from './host/vm-host';
import { type Call, type OnRetry, recordCalls } from './record';

/**
 * The one way to run a built script: in an emulated MyWorkspace host (only `context`, `rest`,
 * `done`), its `rest` answered by the fake GoTo API. Tests, the demo, the local runner and the
 * bench all come through here.
 */

export { closeApi, serveApi } from './api-server';
export { type Clock, instantClock, SimulatedClock, VirtualClock } from './clock';
export { MAX_ATTEMPTS } from './host/bounded-rest';
export type { HostFaults, RequestMatch } from './host/host-faults';
export { restlerRest } from './host/restler';
export type { Call } from './record';
export { seededRandom } from './seeded-random';

/**
 * The engines a script runs in: Node's V8 in a `vm` context, QuickJS, and JS-Interpreter, which
 * parses and provides ECMAScript 5 only. None shares code with another.
 */
export const ENGINES = ['vm', 'quickjs', 'js-interpreter'] as const;
export type Engine = (typeof ENGINES)[number];

const HOSTS: Record<Engine, typeof runInHost> = {
  vm: runInHost,
  quickjs: runInQuickJS,
  'js-interpreter': runInJsInterpreter,
};

export interface EmulatedRunOptions {
  /** The built script's source. */
  script: string;
  /** The workflow context as the host hands it over. */
  context: unknown;
  /**
   * What answers the script's requests: a fake GoTo API (`createFakeGoto`) or any msw handlers.
   * Omitted: restler's requests go wherever their URL points: the real API for the local
   * runner's --real, msw's unhandled-request error in tests.
   */
  api?: { readonly handlers: readonly RequestHandler[] } | undefined;
  /**
   * Which `rest`: 'restler' (default), npm restler 3.4.0 through msw's interception of Node's
   * http, one run at a time per process; or 'instant', msw handlers called in-process with no
   * HTTP, for thousands of runs or runs side by side.
   */
  rest?: 'restler' | 'instant';
  /** When `retry(ms)` fires; default `instantClock`. 'real': restler's own setTimeout. */
  clock?: Clock | 'real';
  /** Which engine (see ENGINES); default Node's `vm`. */
  engine?: Engine;
  /**
   * Stands in for the script's `Math.random`, the only randomness in the scripts (the jitter of
   * their retry waits): a seeded generator (`seededRandom`) makes the waits repeatable.
   */
  random?: () => number;
  /** Faults of the host rather than of the API. */
  hostFaults?: HostFaults;
  /**
   * Sends the requests whose URL starts with `from` to `to` instead (the local runner's
   * --api-base-url), so a script built for GoTo can be pointed at a local test server. The
   * recorded calls keep the URL the script asked for.
   */
  redirect?: { from: string; to: string };
  /** Told as soon as the script asks to repeat a request, before the wait (the runner's notes). */
  onRetry?: OnRetry;
  /** How long to wait for `done`; default 10 s. */
  timeoutMs?: number;
  /**
   * How long to keep watching for a second `done`; default 50 ms, 0 when only the result matters.
   * 'quiet' (the 'instant' rest on the instant clock, in the vm engine): until no attempt is on
   * its way and no retry waits, so that a second `done`, however late, is seen.
   */
  settleMs?: number | 'quiet';
  /** Attempts after which the run is stopped as one that would never end; default MAX_ATTEMPTS. */
  maxAttempts?: number;
}

export interface EmulatedRun extends HostRun {
  /** Every attempt the script made, in the order the answers arrived. */
  calls: Call[];
  /** The delays the script asked `retry(ms)` for, in order. */
  retryDelays: number[];
  /** The run was stopped for making more than `maxAttempts` attempts: it would never have ended. */
  runaway: boolean;
}

export async function runBuiltScript(options: EmulatedRunOptions): Promise<EmulatedRun> {
  const clock = options.clock ?? instantClock;
  const quiet = options.settleMs === 'quiet';
  if (
    quiet &&
    (options.rest !== 'instant' || clock !== instantClock || (options.engine ?? 'vm') !== 'vm')
  ) {
    throw new Error(
      "settleMs 'quiet' needs the 'instant' rest on the instant clock, in the vm engine",
    );
  }
  let rest: Rest;
  let idle: Promise<void> | undefined;
  if (options.rest === 'instant') {
    if (!options.api) throw new Error("the 'instant' rest needs an api to answer");
    if (clock === 'real') throw new Error("the 'instant' rest runs on a simulated clock");
    const instant = createInstantRest(options.api.handlers, clock);
    if (quiet) idle = instant.whenQuiet();
    rest = instant;
  } else {
    if (options.api) serveApi(options.api.handlers);
    rest = restlerRest(clock === 'real' ? undefined : clock);
  }
  const calls: Call[] = [];
  const retryDelays: number[] = [];
  if (options.redirect) rest = redirected(rest, options.redirect);
  rest = recordCalls(rest, calls, retryDelays, options.onRetry);
  if (options.hostFaults) rest = withHostFaults(rest, options.hostFaults);
  const bounds = boundedRest(rest, options.maxAttempts);
  const host = HOSTS[options.engine ?? 'vm'];
  if (clock !== 'real' && clock.idle) idle = clock.idle;
  try {
    const run = await host(options.script, options.context, bounds.rest, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(typeof options.settleMs === 'number' ? { settleMs: options.settleMs } : {}),
      ...(options.random === undefined ? {} : { random: options.random }),
      ...(idle ? { idle } : {}),
    });
    return { ...run, calls, retryDelays, runaway: bounds.exceeded() };
  } finally {
    bounds.close();
  }
}

function redirected(rest: Rest, { from, to }: { from: string; to: string }): Rest {
  const target = (url: string) => (url.startsWith(from) ? to + url.slice(from.length) : url);
  return {
    get: (url, options) => rest.get(target(url), options),
    post: (url, options) => rest.post(target(url), options),
    del: (url, options) => rest.del(target(url), options),
  };
}

/** The result of a run that ended as every run must: `done` called once, with a result. */
export function resultOf(run: HostRun & { runaway?: boolean }): ProvisioningResult {
  if (run.doneCalls !== 1 || run.result === undefined) {
    const stopped = run.runaway ? ' (stopped: it kept sending requests)' : '';
    throw new Error(
      `the script called done ${run.doneCalls} times${run.result ? '' : ' and left no result'}${stopped}`,
    );
  }
  return run.result;
}
