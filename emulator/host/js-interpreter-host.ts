import { createRequire } from 'node:module';
import { types } from 'node:util';
import { ALLOWED_GLOBALS } from '../../src/host/allowed-globals';
import type { Rest, RestOptions, RestRequest } from '../../src/host/rest';
import type { ProvisioningResult } from '../../src/host/result';
import type { HostRun, HostRunOptions } from './vm-host';

/**
 * Runs a built script in JS-Interpreter (npm `js-interpreter`), an interpreter written in
 * JavaScript that implements ECMAScript 5 and nothing later: its parser refuses `let`, arrow
 * functions and every other ES2015 construct, and its built-ins are ES5's own (no
 * `Number.isSafeInteger`, `Object.assign`, `Array.prototype.find`, `Map`, `Promise`...). It
 * stands for the ES5 engines an identity product may embed (Duktape, MuJS, Jint 2, Rhino in its
 * older modes), beside Node's `vm` (vm-host.ts) and QuickJS (quickjs-host.ts).
 *
 * The guest sees `context`, `rest`, `done` and the allowed built-ins, as in the other hosts.
 * Host values cross as copies: `context` and JSON bodies as JSON, a network error as a guest
 * `Error` with `code`, a response as `{statusCode, headers, raw}`. The interpreter runs guest code
 * only when its embedder steps it, and has no event loop of its own: a `complete` is handed to
 * the guest from a later turn of Node's, as a host calls a script's callback, by appending a call
 * of the handler to the finished program and running it to its end.
 *
 * One repair: the interpreter's `Object.prototype.toString` is not ES5's (it gives "1" for `[1]`
 * and "Error: m" for an Error), so the host puts back ES5's `[object Class]` (§15.2.4.2), and the
 * `toString` of arrays and errors that ES5 defines on their own prototypes. Every other behaviour
 * is the interpreter's.
 */

/** A JS-Interpreter value: a primitive, or one of its objects. */
type Guest = unknown;

interface GuestObject {
  class: string;
}

interface Interpreter {
  readonly OBJECT_PROTO: GuestObject;
  readonly ERROR: GuestObject;
  run(): boolean;
  step(): boolean;
  appendCode(code: string | Program): void;
  createObject(ctor: GuestObject): GuestObject;
  createObjectProto(proto: GuestObject): GuestObject;
  createNativeFunction(fn: (this: Guest, ...args: Guest[]) => Guest): GuestObject;
  getProperty(object: Guest, name: string): Guest;
  setProperty(object: Guest, name: string, value: Guest, descriptor?: object): void;
  nativeToPseudo(value: unknown): Guest;
  pseudoToNative(value: Guest): unknown;
  value: Guest;
}

interface Program {
  type: 'Program';
  body: object[];
}

const JsInterpreter = createRequire(import.meta.url)('js-interpreter') as {
  new (code: string, init?: (interpreter: Interpreter, global: GuestObject) => void): Interpreter;
};

const HIDDEN = { configurable: true, enumerable: false, writable: true };
/** Steps between two looks at the clock: checking on every step would slow the run down. */
const STEPS_PER_CHECK = 10_000;

/** The same shape as `runInHost`: a timeout gives `doneCalls: 0` and no context. */
export async function runInJsInterpreter(
  code: string,
  context: unknown,
  rest: Rest,
  options: HostRunOptions = {},
): Promise<HostRun> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const settleMs = options.settleMs ?? 50;
  // A guest loop that never returns would block Node's event loop (and vitest's own timeout).
  const deadline = Date.now() + timeoutMs + settleMs + 1_000;

  let doneCalls = 0;
  let finished: unknown;
  let failure: Error | undefined;
  let closed = false;
  let wake: () => void = () => {};
  const woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    closed = true;
    wake();
  };

  let interpreter: Interpreter | undefined;
  const guest = (): Interpreter => {
    if (!interpreter) throw new Error('js-interpreter-host: the interpreter is not ready');
    return interpreter;
  };

  /** Guest copies of host objects: a repeated `complete` must bring the same guest objects. */
  const copies = new Map<object, Guest>();
  const toGuest = (value: unknown): Guest => {
    if (value === null || typeof value !== 'object') return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    const it = guest();
    let copy: Guest;
    if (types.isNativeError(value)) {
      const error = it.createObject(it.ERROR);
      it.setProperty(error, 'message', value.message, HIDDEN);
      const errorCode = (value as { code?: unknown }).code;
      if (typeof errorCode === 'string') it.setProperty(error, 'code', errorCode);
      copy = error;
    } else {
      copy = it.nativeToPseudo(JSON.parse(JSON.stringify(value)));
    }
    copies.set(value, copy);
    return copy;
  };
  const views = new Map<object, object>();
  /** restler's response, reduced to what the scripts may read: statusCode, headers, raw. */
  const responseView = (response: unknown): unknown => {
    if (response === null || response === undefined) return response;
    const known = views.get(response as object);
    if (known) return known;
    const { statusCode, headers, raw } = response as Record<string, unknown>;
    const view: Record<string, unknown> = { statusCode, headers };
    if (raw !== undefined) view.raw = raw === null ? null : String(raw);
    views.set(response as object, view);
    return view;
  };

  /** Runs the guest until it has nothing left to do; a guest exception that escapes fails the run. */
  let running = false;
  const queue: (() => void)[] = [];
  const drive = () => {
    if (running) return;
    running = true;
    try {
      while (!closed) {
        const next = queue.shift();
        if (next) next();
        let steps = 0;
        while (guest().step()) {
          steps += 1;
          if (steps % STEPS_PER_CHECK === 0 && Date.now() > deadline) {
            throw new Error('JS-Interpreter: the script was still running at the deadline');
          }
        }
        if (queue.length === 0) break;
      }
    } catch (error) {
      fail(error);
    } finally {
      running = false;
    }
  };

  /** Hands a host event to a guest handler, after whatever the guest is doing now. */
  const deliver = (handler: Guest, self: Guest, result: unknown, response: unknown) => {
    if (closed) return;
    queue.push(() => {
      guest().appendCode(callOf(handler, self, [toGuest(result), toGuest(responseView(response))]));
    });
    drive();
  };

  const guestRequest = (it: Interpreter, request: RestRequest): Guest => {
    const self = it.createObjectProto(it.OBJECT_PROTO);
    it.setProperty(
      self,
      'on',
      it.createNativeFunction(function on(event, handler) {
        if (!isFunction(handler)) {
          throw new TypeError('The "listener" argument must be of type function');
        }
        request.on(String(event) as 'complete', (result, response) =>
          deliver(handler, self, result, response),
        );
        return self;
      }),
    );
    // A host without retry (host-faults `noRetry`) gives requests without it here too.
    if (typeof request.retry === 'function') {
      it.setProperty(
        self,
        'retry',
        it.createNativeFunction(function retry(ms) {
          request.retry?.(typeof ms === 'number' ? ms : Number.NaN);
        }),
      );
    }
    return self;
  };

  try {
    interpreter = new JsInterpreter(PRELUDE, (it, global) => {
      const send = (method: 'get' | 'post' | 'del') =>
        it.createNativeFunction(function send(url, requestOptions) {
          const given = it.pseudoToNative(requestOptions) as RestOptions | undefined;
          return guestRequest(it, rest[method](String(url), given));
        });
      const guestRest = it.createObjectProto(it.OBJECT_PROTO);
      for (const method of ['get', 'post', 'del'] as const) {
        it.setProperty(guestRest, method, send(method));
      }
      it.setProperty(global, 'rest', guestRest);
      it.setProperty(
        global,
        'done',
        it.createNativeFunction(function done(ctx) {
          doneCalls += 1;
          if (doneCalls === 1) finished = it.pseudoToNative(ctx);
          wake();
        }),
      );
      it.setProperty(global, 'context', it.nativeToPseudo(JSON.parse(JSON.stringify(context))));
      it.setProperty(
        it.OBJECT_PROTO,
        'toString',
        it.createNativeFunction(es5ObjectToString),
        HIDDEN,
      );
      const random = options.random;
      if (random) {
        it.setProperty(
          it.getProperty(global, 'Math'),
          'random',
          it.createNativeFunction(() => random()),
        );
      }
    });
    const it = interpreter;
    it.run();
    const kept = it.pseudoToNative(it.value) as string[];
    // `this` is the interpreter's own binding of the global object, not a name a script can use.
    const extra = kept.filter((name) => name !== 'this');
    if (extra.length > 0) {
      throw new Error(`js-interpreter-host: cannot delete globals ${extra.join(', ')}`);
    }
    // The script's own top level: a parse error (anything after ES5) or a throw fails at once.
    try {
      it.appendCode(code);
    } catch (error) {
      throw new SyntaxError(
        `JS-Interpreter cannot parse the script as ES5: ${(error as Error).message}`,
      );
    }
    drive();
    if (failure) throw failure;

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
  }
}

function isFunction(value: Guest): boolean {
  return typeof value === 'object' && value !== null && (value as GuestObject).class === 'Function';
}

/** ES5 §15.2.4.2: "[object " + [[Class]] + "]". */
function es5ObjectToString(this: Guest): string {
  if (this === undefined) return '[object Undefined]';
  if (this === null) return '[object Null]';
  if (typeof this === 'string') return '[object String]';
  if (typeof this === 'number') return '[object Number]';
  if (typeof this === 'boolean') return '[object Boolean]';
  return `[object ${(this as GuestObject).class}]`;
}

/** `handler.call(self, ...args)` as a program, its values given as literals. */
function callOf(handler: Guest, self: Guest, args: Guest[]): Program {
  const literal = (value: Guest) => ({ type: 'Literal', value });
  return {
    type: 'Program',
    body: [
      {
        type: 'ExpressionStatement',
        expression: {
          type: 'CallExpression',
          callee: {
            type: 'MemberExpression',
            object: literal(handler),
            property: { type: 'Identifier', name: 'call' },
            computed: false,
          },
          arguments: [literal(self), ...args.map(literal)],
        },
      },
    ],
  };
}

/**
 * Run before the script, in the guest: ES5's `toString` of arrays and errors (see the repair
 * above), then every global that is not allowed deleted, as vm-host.ts does. Its value is the
 * list of globals that could not be deleted.
 */
const PRELUDE = `(function (global, allowed) {
  Object.defineProperty(Array.prototype, 'toString', { configurable: true, writable: true,
    value: function toString() { return this.join(','); } });
  Object.defineProperty(Error.prototype, 'toString', { configurable: true, writable: true,
    value: function toString() {
      var name = this.name === undefined ? 'Error' : String(this.name);
      var message = this.message === undefined ? '' : String(this.message);
      return name === '' ? message : message === '' ? name : name + ': ' + message;
    } });
  var names = Object.getOwnPropertyNames(global);
  var kept = [];
  for (var i = 0; i < names.length; i++) {
    if (allowed.indexOf(names[i]) >= 0) continue;
    delete global[names[i]];
    if (Object.prototype.hasOwnProperty.call(global, names[i])) kept.push(names[i]);
  }
  return kept;
})(this, ${JSON.stringify(ALLOWED_GLOBALS)});`;
