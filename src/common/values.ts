/** Checks for values from outside (the host's context, GoTo's answers), realm-independent. */

const PLAIN_TOKEN = /^[A-Za-z0-9]+$/;

/** 2^53 − 1, the largest integer a double holds exactly (ES5 has no `Number.MAX_SAFE_INTEGER`). */
export const MAX_SAFE_INTEGER = 9007199254740991;

/** `Number.isSafeInteger`, which ES5 lacks. */
export function isSafeInteger(value: number): boolean {
  return Math.floor(value) === value && Math.abs(value) <= MAX_SAFE_INTEGER;
}

/** A key as a string, or undefined when it is not a plain token or a number lost precision. */
export function keyText(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  }
  return typeof value === 'string' && PLAIN_TOKEN.test(value) ? value : undefined;
}

/** A plain object: not null, not an array (`Array.isArray` works across realms). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A GoTo account key as a string of digits (a number only while it is exact), or undefined. */
export function accountKeyText(value: unknown): string | undefined {
  const key = keyText(value);
  return key !== undefined && /^\d+$/.test(key) ? key : undefined;
}
