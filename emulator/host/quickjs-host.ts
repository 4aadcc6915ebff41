import { types } from 'node:util';
import { getQuickJS, type QuickJSContext, type QuickJSHandle, Scope } from 'quickjs-emscripten';
import { ALLOWED_GLOBALS } from '../../src/host/allowed-globals';
import type { Rest, RestOptions, RestRequest } from '../../src/host/rest';
import type { ProvisioningResult } from '../../src/host/result';
import type { HostRun, HostRunOptions } from './vm-host';

/**
 * Runs a built script in QuickJS (WebAssembly), a second engine beside Node's `vm`
 * (vm-host.ts). The product assumes nothing about the host's engine, which is not documented, so
 * the same scenarios must give the same results in an engine that shares no code with V8.
 *
 * The guest sees the same globals as in the vm host: `context`, `rest`, `done` and the allowed
 * built-ins; everything else is deleted first. Host-made values cross the boundary as copies:
 * `context` and JSON bodies via JSON, a network error as a guest `Error` with `code`, a response
 * as `{statusCode, headers, raw}` with `raw` the exact body text. QuickJS only runs Promise jobs
 * when the embedder asks (`executePendingJobs`), and this host never asks: a script that needs a
 * job queue never reaches `done`.
 */

/** The same shape as `runInHost`: a timeout gives `doneCalls: 0` and no context. */
export async function runInQuickJS(
  code: string,
  context: unknown,
  rest: Rest,
  options: HostRunOptions = {},
): Promise<HostRun> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const settleMs = options.settleMs ?? 50;
  const quickjs = await getQuickJS();
  const runtime = quickjs.newRuntime();
  // A guest loop that never returns would block Node's event loop (and vitest's own timeout).
  const deadline = Date.now() + timeoutMs + settleMs + 1_000;
  runtime.setInterruptHandler(() => Date.now() > deadline);
  const vm = runtime.newContext();
  // Handles the host holds across turns of the event loop (guest callbacks, request objects,
  // helpers, marshalled host objects): all disposed when the run ends, before the context.
  const held = new Scope();

  let doneCalls = 0;
  let finished: unknown;
  let failure: Error | undefined;
  let closed = false;
  // Settles on the first `done` or the first escaped exception, whichever comes first.
  let wake: () => void = () => {};
  const woken = new Promise<void>((resolve) => {
    wake = resolve;
  });

  /** A guest exception that escaped (top level or a handler): the run fails with it. */
  const fail = (error: Error) => {
    failure ??= error;
    wake();
  };

  try {
    const helpers = held.manage(
      unwrap(vm, vm.evalCode(HELPERS, 'quickjs-host-helpers.js', { type: 'global' })),
    );
    const parseJson = held.manage(vm.getProp(helpers, 'parse'));
    const newError = held.manage(vm.getProp(helpers, 'error'));
    removeDisallowedGlobals(vm);

    /** A guest copy of a value from the host: what restler hands to a `complete` handler. */
    const copies = new Map<object, QuickJSHandle>();
    const toGuest = (value: unknown, scope: Scope): QuickJSHandle => {
      if (value === undefined) return vm.undefined;
      if (value === null) return vm.null;
      if (typeof value === 'string') return scope.manage(vm.newString(value));
      if (typeof value === 'number') return scope.manage(vm.newNumber(value));
      if (typeof value === 'boolean') return value ? vm.true : vm.false;
      if (typeof value !== 'object') throw new Error(`quickjs-host: cannot pass a ${typeof value}`);
      // The scripts tell a repeated `complete` by the identity of its argument (transport.ts),
      // so the same host object must stay the same guest object.
      const known = copies.get(value);
      if (known) return known;
      const copy = types.isNativeError(value)
        ? guestError(value)
        : Scope.withScope((inner) =>
            unwrap(
              vm,
              vm.callFunction(
                parseJson,
                vm.undefined,
                inner.manage(vm.newString(JSON.stringify(value))),
              ),
            ),
          );
      copies.set(value, held.manage(copy));
      return copy;
    };
    const guestError = (error: Error & { code?: unknown }) =>
      Scope.withScope((inner) => {
        const message = inner.manage(vm.newString(error.message));
        const errorCode =
          typeof error.code === 'string' ? inner.manage(vm.newString(error.code)) : vm.undefined;
        return unwrap(vm, vm.callFunction(newError, vm.undefined, message, errorCode));
      });
    /** restler's response, reduced to what the scripts may read: statusCode, headers, raw. */
    const responseView = (response: unknown): unknown => {
      if (response === null || response === undefined) return response;
      const { statusCode, headers, raw } = response as Record<string, unknown>;
      const view: Record<string, unknown> = { statusCode, headers };
      if (raw !== undefined) view.raw = raw === null ? null : String(raw);
      return view;
    };
    const responses = new Map<object, object>();
    const sameView = (response: unknown): unknown => {
      if (typeof response !== 'object' || response === null) return responseView(response);
      let view = responses.get(response);
      if (!view) {
        view = responseView(response) as object;
        responses.set(response, view);
      }
      return view;
    };

    /** Calls a guest handler for a host event; a throw in it is a failed run. */
    const deliver = (
      handler: QuickJSHandle,
      self: QuickJSHandle,
      result: unknown,
      response: unknown,
    ) => {
      if (closed) return;
      try {
        Scope.withScope((scope) => {
          const args = [toGuest(result, scope), toGuest(sameView(response), scope)];
          scope.manage(unwrap(vm, vm.callFunction(handler, self, args)));
        });
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    };

    /** A guest request object forwarding `on` and `retry` to the host's request. */
    const guestRequest = (request: RestRequest): QuickJSHandle => {
      const self = held.manage(vm.newObject());
      Scope.withScope((scope) => {
        const on = scope.manage(
          vm.newFunction('on', (eventHandle, handlerHandle) => {
            if (!handlerHandle || vm.typeof(handlerHandle) !== 'function') {
              throw new TypeError('The "listener" argument must be of type function');
            }
            // The argument handle dies when `on` returns; the host keeps its own copy.
            const handler = held.manage(handlerHandle.dup());
            request.on(String(vm.dump(eventHandle)) as 'complete', (result, response) =>
              deliver(handler, self, result, response),
            );
            return self.dup();
          }),
        );
        vm.setProp(self, 'on', on);
        // A host without retry (host-faults `noRetry`) gives requests without it here too.
        if (typeof request.retry === 'function') {
          const retry = scope.manage(
            vm.newFunction('retry', (msHandle) => {
              request.retry?.(msHandle ? (vm.dump(msHandle) as number) : Number.NaN);
            }),
          );
          vm.setProp(self, 'retry', retry);
        }
      });
      return self;
    };

    const send = (method: 'get' | 'post' | 'del') =>
      vm.newFunction(method, (urlHandle, optionsHandle) => {
        const url = String(vm.dump(urlHandle));
        const requestOptions = optionsHandle
          ? (vm.dump(optionsHandle) as RestOptions | undefined)
          : undefined;
        return guestRequest(rest[method](url, requestOptions)).dup();
      });

    Scope.withScope((scope) => {
      const guestRest = scope.manage(vm.newObject());
      for (const method of ['get', 'post', 'del'] as const) {
        vm.setProp(guestRest, method, scope.manage(send(method)));
      }
      vm.setProp(vm.global, 'rest', guestRest);
      const random = options.random;
      if (random) {
        const guestMath = scope.manage(vm.getProp(vm.global, 'Math'));
        vm.setProp(
          guestMath,
          'random',
          scope.manage(vm.newFunction('random', () => vm.newNumber(random()))),
        );
      }
      const done = vm.newFunction('done', (ctxHandle) => {
        doneCalls += 1;
        // dump() serialises the guest object to JSON: the host keeps a copy of the first one.
        if (doneCalls === 1) finished = ctxHandle ? vm.dump(ctxHandle) : undefined;
        wake();
      });
      vm.setProp(vm.global, 'done', scope.manage(done));
      // A JSON copy, as a .NET host would hand over a serialised object.
      vm.setProp(vm.global, 'context', toGuest(context, scope));
    });

    // The script's own top level: a throw here fails the run at once.
    const top = vm.evalCode(code, 'built-script.js', { type: 'global' });
    unwrap(vm, top).dispose();

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([woken, timedOut]);
    clearTimeout(timer);
    if (failure) throw failure;
    if (doneCalls === 0) return { context: undefined, result: undefined, doneCalls };
    // Keep listening a little: a second `done` or a late throw must still show.
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    if (failure) throw failure;
    const ctx = finished as Record<string, unknown> | undefined;
    return {
      context: ctx,
      result: ctx ? (ctx.ProvisioningResult as ProvisioningResult | undefined) : undefined,
      doneCalls,
    };
  } finally {
    // Late host events (a request still in flight) find the guest gone and are ignored.
    closed = true;
    held.dispose();
    vm.dispose();
    runtime.dispose();
  }
}

/**
 * Guest-side helpers, taken before the script runs so that it cannot replace them: JSON.parse
 * for copies, and an Error maker so that a network error is a real guest Error
 * (`Object.prototype.toString` gives `[object Error]`, which is how the scripts tell one from a body).
 */
const HELPERS = `({
  parse: JSON.parse,
  error: (function (GuestError) {
    return function (message, code) {
      var error = new GuestError(message);
      if (code !== undefined) error.code = code;
      return error;
    };
  })(Error)
})`;

/**
 * Deletes every global that is not allowed, as vm-host.ts does. In QuickJS only `undefined`,
 * `NaN` and `Infinity` are non-configurable, and they are allowed; should a QuickJS version add
 * another, the strict-mode delete throws and the check below names it.
 */
function removeDisallowedGlobals(vm: QuickJSContext): void {
  const left = unwrap(
    vm,
    vm.evalCode(
      `"use strict";
      (function (global, allowed) {
        var names = Object.getOwnPropertyNames(global);
        var kept = [];
        for (var i = 0; i < names.length; i++) {
          if (allowed.indexOf(names[i]) >= 0) continue;
          try { delete global[names[i]]; } catch (e) { kept.push(names[i]); }
        }
        return kept;
      })(globalThis, ${JSON.stringify(ALLOWED_GLOBALS)});`,
      'quickjs-host-globals.js',
      { type: 'global' },
    ),
  );
  const kept = vm.dump(left) as string[];
  left.dispose();
  if (kept.length > 0) throw new Error(`quickjs-host: cannot delete globals ${kept.join(', ')}`);
}

/** The value of a guest call, or a host Error carrying the guest exception's name and stack. */
function unwrap(
  vm: QuickJSContext,
  result: { value: QuickJSHandle; error?: undefined } | { error: QuickJSHandle },
): QuickJSHandle {
  if (result.error === undefined) return result.value;
  const dumped = vm.dump(result.error) as { name?: string; message?: string; stack?: string };
  result.error.dispose();
  const error = new Error(
    `QuickJS: ${dumped.name ?? 'Error'}: ${dumped.message ?? String(dumped)}`,
  );
  error.stack = `${error.message}\n${dumped.stack ?? ''}`;
  throw error;
}
