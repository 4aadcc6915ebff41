/**
 * A stateful fake of the GoTo Admin API (the calls the scripts make, as GoTo documents them) as msw 2 handlers, for
 * `setupServer(...fake.handlers)` with `onUnhandledRequest: 'error'`. Only these routes are
 * handled; anything else is left unhandled on purpose:
 *
 *   GET    {base}/me
 *   GET    {base}/accounts/{a}/users?filter=…&offset=…&pageSize=…
 *   POST   {base}/accounts/{a}/users[?allOrNothing=true|false]
 *   GET    {base}/accounts/{a}/users/{userKey}
 *   DELETE {base}/accounts/{a}/users/{userKey}
 *   GET    {base}/accounts/{a}/licenses?offset=…&pageSize=…
 *   POST   {base}/accounts/{a}/licenses/{licenseKeys}/users/{userKey}
 *   DELETE {base}/accounts/{a}/licenses/{licenseKeys}/users/{userKey}
 */

import type { HttpHandler } from 'msw';
import type { Core, FakeGotoSettings, FakeRequest } from './core';
import { FaultQueue, type FaultRule } from './faults';
import type { FilterMode } from './filter';
import { assignLicenses, type LicenseRules, listLicenses, removeLicenses } from './licenses';
import { type MeOptions, me } from './me';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { route } from './route';
import { AccountState, type SeedLicense, type SeedUser, type SentEmail } from './state';
import { createUsers, deleteUser, getUser, listUsers, MAX_PAGE_SIZE } from './users';
import { type FakeLicenseView, type FakeUserView, licenseView, userView } from './views';

export type { FakeGotoSettings, FakeRequest } from './core';
export type { FaultResponse, FaultRule } from './faults';
export type { FilterMode } from './filter';
export type { LicenseRules } from './licenses';
export type { MeOptions } from './me';
export { DEFAULT_ME_EMAIL } from './me';
export type { RateLimitMode, RateLimitOptions } from './rate-limit';
export type { SeedLicense, SeedUser, SentEmail, UserStatus } from './state';
export type { FakeLicenseView, FakeUserView } from './views';

export interface FakeGotoOptions {
  /** Default 'https://api.getgo.com/admin/rest/v1'. */
  baseUrl?: string;
  /** Default '1000000000000000001'. */
  accountKey?: string;
  /** The valid bearer token; default 'test-access-token-SECRET'. */
  token?: string;
  /** How filter values are read; default 'regex'. */
  filterMode?: FilterMode;
  /** Write `key`, `licenseKeys[]` and `userKeys[]` as bare 19-digit JSON numbers. */
  numericKeys?: boolean;
  /** The most results a list page holds, whatever `pageSize` asks for; default 100. */
  maxPageSize?: number;
  /** Default 201. */
  createStatus?: 200 | 201;
  /** Status of assign, remove and delete (empty body); default 204. */
  writeStatus?: 200 | 204;
  users?: SeedUser[];
  licenses?: SeedLicense[];
  /** Emails that belong to another GoTo account: creating them conflicts. */
  otherAccountEmails?: string[];
  /**
   * GoTo's documented limit of 10 requests per second on an injected clock: requests over it get 429 with
   * an error body and no Retry-After, and change nothing; `mode: 'strict'` counts the refused ones
   * against the window too. Off when omitted.
   */
  rateLimit?: RateLimitOptions;
  /** How `GET /me` answers; default: the account key as a string, one account. */
  me?: MeOptions;
  /** How the license routes treat the corners GoTo has not confirmed. */
  licenseRules?: LicenseRules;
  /**
   * Leave `licenseKeys` out of the users in list answers (`list`) and of the one user
   * `GET /accounts/{a}/users/{userKey}` answers (`user`), as GoTo does when `attributeNames`
   * selects other fields. Default: both answers have it.
   */
  omitLicenseKeys?: { list?: boolean; user?: boolean };
}

export interface FakeGoto {
  readonly handlers: HttpHandler[];
  readonly options: Readonly<FakeGotoSettings>;
  /** A copy of the requests answered so far, in the order they were answered. */
  readonly requests: FakeRequest[];
  /** Users sorted by key (copies). */
  users(): FakeUserView[];
  /** A user by email, ignoring case. */
  user(email: string): FakeUserView | undefined;
  license(key: string): FakeLicenseView | undefined;
  sentEmails(): SentEmail[];
  inject(fault: FaultRule): void;
  /** Later requests with the old token get 401; `nextToken`, when given, is accepted instead. */
  expireToken(nextToken?: string): void;
}

export const DEFAULT_BASE_URL = 'https://api.getgo.com/admin/rest/v1';
export const DEFAULT_ACCOUNT_KEY = '1000000000000000001';
export const DEFAULT_TOKEN = 'test-access-token-SECRET';

export function createFakeGoto(options: FakeGotoOptions = {}): FakeGoto {
  const settings: FakeGotoSettings = Object.freeze({
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    accountKey: options.accountKey ?? DEFAULT_ACCOUNT_KEY,
    token: options.token ?? DEFAULT_TOKEN,
    filterMode: options.filterMode ?? 'regex',
    numericKeys: options.numericKeys ?? false,
    createStatus: options.createStatus ?? 201,
    writeStatus: options.writeStatus ?? 204,
    maxPageSize: options.maxPageSize ?? MAX_PAGE_SIZE,
    omitLicenseKeys: Object.freeze({
      list: options.omitLicenseKeys?.list ?? false,
      user: options.omitLicenseKeys?.user ?? false,
    }),
  });
  const core: Core = {
    settings,
    state: new AccountState({
      users: options.users ?? [],
      licenses: options.licenses ?? [],
      otherAccountEmails: options.otherAccountEmails ?? [],
    }),
    faults: new FaultQueue(),
    requests: [],
    validToken: settings.token,
    incidents: 0,
    ...(options.rateLimit === undefined ? {} : { rateLimiter: new RateLimiter(options.rateLimit) }),
  };
  const licensePath = '/accounts/:accountKey/licenses/:licenseKeys/users/:userKey';
  const handlers = [
    route(core, 'GET', '/accounts/:accountKey/users', listUsers),
    route(core, 'POST', '/accounts/:accountKey/users', createUsers),
    route(core, 'GET', '/accounts/:accountKey/users/:userKey', getUser),
    route(core, 'DELETE', '/accounts/:accountKey/users/:userKey', deleteUser),
    route(core, 'GET', '/me', me(options.me ?? {})),
    route(core, 'GET', '/accounts/:accountKey/licenses', listLicenses),
    route(core, 'POST', licensePath, assignLicenses(options.licenseRules ?? {})),
    route(core, 'DELETE', licensePath, removeLicenses(options.licenseRules ?? {})),
  ];
  return {
    handlers,
    options: settings,
    get requests() {
      return core.requests.map((r) => ({ ...r }));
    },
    users: () => core.state.allUsers().map(userView),
    user: (email) => {
      const found = core.state.userByEmail(email);
      return found && userView(found);
    },
    license: (key) => {
      const found = core.state.license(key);
      return found && licenseView(core.state, found);
    },
    sentEmails: () => core.state.sentEmails(),
    inject: (fault) => core.faults.inject(fault),
    expireToken: (nextToken) => {
      core.validToken = nextToken;
    },
  };
}
