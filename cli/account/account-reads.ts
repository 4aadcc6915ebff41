import { isRecord, isSafeInteger, keyText } from '../../src/common/values';
import { accountPath, type Callback } from '../../src/goto/client';
import { knownUser } from '../../src/goto/get-user';
import { PAGE_SIZE, readPages } from '../../src/goto/pages';
import type { Transport } from '../../src/goto/transport';
import type { GotoUser } from '../../src/goto/types';
import { readUserEntry, type UserEntry } from '../../src/goto/user-entry';

/**
 * Reads of a whole GoTo account that only the administrator's tools make (the connection check
 * and the seat audit): every user, every license. They reuse the scripts' transport, user
 * reading, lossless keys and failure messages; they live here, not in src/, so the built
 * scripts do not carry them.
 */

export interface AccountLicense {
  key: string;
  description?: string;
  seats?: number;
  /** GoTo's own count of the license's users. */
  userCount?: number;
  enabled?: boolean;
}

/** 1,000 pages (100,000 users at 100 a page) is beyond any account these tools are meant for. */
export const MAX_LIST_PAGES = 1000;

export interface ListOptions {
  /** Where a list that does not end is cut off with a failure; default MAX_LIST_PAGES. */
  maxPages?: number;
}

/** Every user of the account, page by page. */
export function listUsers(
  transport: Transport,
  accountKey: string,
  callback: Callback<GotoUser[]>,
  options: ListOptions = {},
): void {
  searchUsers(transport, accountKey, undefined, callback, options);
}

/**
 * The users a `filter` expression selects (all users without one), page by page. A user listed
 * without `licenseKeys` is read once by key, as the scripts do (get-user.ts).
 */
export function searchUsers(
  transport: Transport,
  accountKey: string,
  filter: string | undefined,
  callback: Callback<GotoUser[]>,
  options: ListOptions = {},
): void {
  const query = filter === undefined ? '' : `filter=${encodeURIComponent(filter)}&`;
  const doing =
    filter === undefined
      ? `listing the users of account ${accountKey}`
      : `looking up users of account ${accountKey} with the filter ${filter}`;
  readPages(
    {
      transport,
      pathAt: (offset) =>
        `${accountPath(accountKey, '')}/users?${query}offset=${offset}&pageSize=${PAGE_SIZE}`,
      doing,
      expected: 'a list of users with exact keys',
      maxPages: options.maxPages ?? MAX_LIST_PAGES,
      keep: (results) => readAll(results, readUserEntry),
    },
    (reply) => {
      if (!reply.ok) return callback(reply);
      knownUsers(transport, accountKey, reply.value, callback);
    },
  );
}

/** Every entry with its licenses known, one read by key for each listed without them. */
function knownUsers(
  transport: Transport,
  accountKey: string,
  entries: UserEntry[],
  callback: Callback<GotoUser[]>,
): void {
  const users: GotoUser[] = [];
  const next = (index: number) => {
    const entry = entries[index];
    if (entry === undefined) return callback({ ok: true, value: users });
    knownUser(transport, accountKey, entry, (reply) => {
      if (!reply.ok) return callback(reply);
      users.push(reply.value);
      next(index + 1);
    });
  };
  next(0);
}

/** Every license of the account, page by page. */
export function listLicenses(
  transport: Transport,
  accountKey: string,
  callback: Callback<AccountLicense[]>,
  options: ListOptions = {},
): void {
  readPages(
    {
      transport,
      pathAt: (offset) =>
        `${accountPath(accountKey, '')}/licenses?offset=${offset}&pageSize=${PAGE_SIZE}`,
      doing: `listing the licenses of account ${accountKey}`,
      expected: 'a list of licenses with exact keys',
      maxPages: options.maxPages ?? MAX_LIST_PAGES,
      keep: (results) => readAll(results, readLicense),
    },
    callback,
  );
}

/** Every entry read, or undefined when one is not what the API documents. */
function readAll<T>(results: unknown[], read: (entry: unknown) => T | undefined): T[] | undefined {
  const all: T[] = [];
  for (const entry of results) {
    const item = read(entry);
    if (item === undefined) return undefined;
    all.push(item);
  }
  return all;
}

function readLicense(entry: unknown): AccountLicense | undefined {
  const key = isRecord(entry) ? keyText(entry.key) : undefined;
  if (!isRecord(entry) || key === undefined) return undefined;
  const license: AccountLicense = { key };
  if (typeof entry.description === 'string') license.description = entry.description;
  if (isCount(entry.seats)) license.seats = entry.seats;
  if (isCount(entry.userCount)) license.userCount = entry.userCount;
  if (typeof entry.enabled === 'boolean') license.enabled = entry.enabled;
  return license;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && isSafeInteger(value) && value >= 0;
}
