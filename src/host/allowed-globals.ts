/**
 * The only free identifiers a built script may use, since the host's engine is unknown: the host's three globals
 * and the ECMAScript built-ins every plausible engine has. The build rejects any other, and the
 * test sandbox offers no other, so a stray `setTimeout`, `require` or `Promise` fails twice.
 * Tooling only: not part of the scripts.
 */
export const HOST_GLOBALS = ['context', 'rest', 'done'] as const;

export const ALLOWED_BUILT_INS = [
  'JSON',
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Math',
  'Date',
  'RegExp',
  'Error',
  'EvalError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'TypeError',
  'URIError',
  'encodeURIComponent',
  'decodeURIComponent',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'undefined',
  'NaN',
  'Infinity',
] as const;

export const ALLOWED_GLOBALS: readonly string[] = [...HOST_GLOBALS, ...ALLOWED_BUILT_INS];
