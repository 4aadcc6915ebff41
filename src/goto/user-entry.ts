import { isRecord, keyText } from '../common/values';

/**
 * One user as GoTo lists or returns them, read the same way by the scripts and the tools. GoTo's
 * user reads take `attributeNames`, which selects the fields returned, so an answer without
 * `licenseKeys` says nothing about the user's licenses: absent (or null) is unknown, never "holds
 * none". Which licenses such a user holds is read again by key (get-user.ts) before anyone
 * decides on it.
 */
export interface UserEntry {
  key: string;
  email: string;
  /** Undefined when the answer had no `licenseKeys` field. */
  licenseKeys: string[] | undefined;
  status?: string;
}

/** The entry, or undefined when it is not what the API documents (no email, an inexact key). */
export function readUserEntry(value: unknown): UserEntry | undefined {
  if (!isRecord(value) || typeof value.email !== 'string') return undefined;
  const key = keyText(value.key);
  if (key === undefined) return undefined;
  const entry: UserEntry = { key, email: value.email, licenseKeys: undefined };
  if (value.licenseKeys !== undefined && value.licenseKeys !== null) {
    const licenseKeys = exactKeys(value.licenseKeys);
    if (licenseKeys === undefined) return undefined;
    entry.licenseKeys = licenseKeys;
  }
  if (typeof value.status === 'string') entry.status = value.status;
  return entry;
}

/** A list of exact keys, or undefined when it is not a list or one key lost precision. */
function exactKeys(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const keys: string[] = [];
  for (const item of value as unknown[]) {
    const key = keyText(item);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}
