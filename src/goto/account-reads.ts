import { accountKeyText, isRecord, isSafeInteger, keyText } from '../common/values';
import { type Callback, failed, isSuccess, jsonBody, type Reply } from './client';
import { badResponse, failureOf } from './failures';
import { knownUser } from './get-user';
import { ME_REFUSED } from './me';
import { PAGE_SIZE, readPages } from './pages';
import type { Answer, Transport } from './transport';
import { readUserEntry, type UserEntry } from './user-entry';

/**
 * Reads of a whole GoTo account that only the administrator's tools make (the connection check
 * and the seat audit): who the token belongs to, every user, every license. They live beside the
 * client and reuse its transport, lossless keys and failure messages, but no workflow imports
 * them, so the built scripts do not carry them.
 */

export interface MeAccount {
  key: string;
  /** The account's name, when GoTo gives one. */
  name?: string;
  /** The admin's roles in this account, when GoTo lists them per account. */
  adminRoles?: string[];
}

/** `GET /me`: the user the token belongs to. */
export interface Me {
  key?: string;
  email?: string;
  /** The account GoTo names at the root of the answer. */
  accountKey?: string;
  adminRoles: string[];
  accounts: MeAccount[];
}

export interface AccountUser {
  key: string;
  email: string;
  licenseKeys: string[];
  status?: string;
}

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

export function readMe(transport: Transport, callback: Callback<Me>): void {
  const doing = 'reading who the token belongs to (GET /me)';
  transport.send({ method: 'GET', path: '/me' }, (answer) => {
    const body = successBody(answer, doing, ME_REFUSED);
    if (!body.ok) return callback(body);
    const me = body.value;
    if (!isRecord(me)) return callback(failed(badResponse(answer, doing, 'a JSON object')));
    const accounts: MeAccount[] = [];
    for (const entry of Array.isArray(me.accounts) ? (me.accounts as unknown[]) : []) {
      const key = isRecord(entry) ? accountKeyText(entry.key) : undefined;
      if (!isRecord(entry) || key === undefined) {
        return callback(failed(badResponse(answer, doing, 'a list of accounts with exact keys')));
      }
      const account: MeAccount = { key };
      if (typeof entry.name === 'string' && entry.name !== '') account.name = entry.name;
      const roles = stringList(entry.adminRoles);
      if (roles) account.adminRoles = roles;
      accounts.push(account);
    }
    const read: Me = { adminRoles: stringList(me.adminRoles) || [], accounts };
    const key = keyText(me.key);
    if (key !== undefined) read.key = key;
    if (typeof me.email === 'string' && me.email !== '') read.email = me.email;
    if (me.accountKey !== undefined && me.accountKey !== null) {
      const accountKey = accountKeyText(me.accountKey);
      if (accountKey === undefined) {
        return callback(failed(badResponse(answer, doing, 'an exact accountKey')));
      }
      read.accountKey = accountKey;
    }
    callback({ ok: true, value: read });
  });
}

/** Every user of the account, page by page. */
export function listUsers(
  transport: Transport,
  accountKey: string,
  callback: Callback<AccountUser[]>,
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
  callback: Callback<AccountUser[]>,
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
        `${accountPath(accountKey)}/users?${query}offset=${offset}&pageSize=${PAGE_SIZE}`,
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
  callback: Callback<AccountUser[]>,
): void {
  const users: AccountUser[] = [];
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
        `${accountPath(accountKey)}/licenses?offset=${offset}&pageSize=${PAGE_SIZE}`,
      doing: `listing the licenses of account ${accountKey}`,
      expected: 'a list of licenses with exact keys',
      maxPages: options.maxPages ?? MAX_LIST_PAGES,
      keep: (results) => readAll(results, readLicense),
    },
    callback,
  );
}

function accountPath(accountKey: string): string {
  return `/accounts/${encodeURIComponent(accountKey)}`;
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

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return (value as unknown[]).filter((item): item is string => typeof item === 'string');
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && isSafeInteger(value) && value >= 0;
}

/** A 2xx answer's JSON body, or the failure an administrator reads. */
function successBody(answer: Answer, doing: string, forbidden?: string): Reply<unknown> {
  if (!isSuccess(answer)) return failed(failureOf(answer, doing, forbidden));
  const body = jsonBody(answer);
  return body === null ? failed(badResponse(answer, doing, 'JSON')) : { ok: true, value: body };
}
