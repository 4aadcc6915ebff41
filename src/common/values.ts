/** Checks for values from outside (the host's context, GoTo's answers), realm-independent. */

const PLAIN_TOKEN = /^[A-Za-z0-9]+$/;

/** A key as a string, or undefined when it is not a plain token or a number lost precision. */
export function keyText(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
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
