import { isRecord } from '../common/values';

/** Tokens shorter than this are not searched for: they would mangle text rather than hide anything. */
const MIN_REDACTED_TOKEN_LENGTH = 8;

/**
 * `value` with every occurrence of the token replaced, at any depth of strings, lists and
 * objects: the token must never be written out, whatever a message or an echoed body carries.
 */
export function redact<T>(value: T, token: string): T {
  if (token.length < MIN_REDACTED_TOKEN_LENGTH) return value;
  const scrub = (item: unknown): unknown => {
    if (typeof item === 'string') return item.split(token).join('[redacted]');
    if (Array.isArray(item)) return item.map(scrub);
    if (isRecord(item)) {
      const copy: Record<string, unknown> = {};
      for (const name of Object.keys(item)) copy[name] = scrub(item[name]);
      return copy;
    }
    return item;
  };
  return scrub(value) as T;
}
