import { isRecord, keyText } from '../common/values';
import type { Failure } from '../host/result';
import type { WelcomeEmail } from '../options';
import { badResponse, failureOf, gotoError } from './failures';
import { emailFilter, sameEmail } from './filter';
import { type Answer, type ApiRequest, isGatewayStatus, type Transport } from './transport';
import type { GotoUser, NewUser } from './types';

/** The GoTo Admin API calls the workflows make, callback style (no Promise in the script). */

export type Reply<T> =
  | { ok: true; value: T }
  /** `uncertain`: a write got no clear answer and may have gone through; read back first. */
  | { ok: false; failure: Failure; uncertain: boolean };

export type Callback<T> = (reply: Reply<T>) => void;

export type CreateResult = { created: true; userKey?: string } | { created: false };

export interface GotoClient {
  /** Users of the account whose email equals `email`, case-insensitively. */
  findUsersByEmail(email: string, callback: Callback<GotoUser[]>): void;
  /** `created: false` when the email already belongs to a GoTo user (409 or an entry without key). */
  createUser(user: NewUser, welcome: WelcomeEmail, callback: Callback<CreateResult>): void;
  assignLicenses(licenseKeys: string[], userKey: string, callback: Callback<void>): void;
  removeLicenses(licenseKeys: string[], userKey: string, callback: Callback<void>): void;
  /** `false` when the user was already gone (404). */
  deleteUser(userKey: string, callback: Callback<boolean>): void;
}

export interface ClientConfig {
  transport: Transport;
  accountKey: string;
  /** Writes are recorded as planned and answered as if they succeeded. */
  dryRun: boolean;
  planned(request: ApiRequest): void;
}

const PAGE_SIZE = 100;
/** Bounds the lookup: the filter is a pre-selection, so thousands of results mean it misfired. */
const MAX_PAGES = 20;

export function createGotoClient(config: ClientConfig): GotoClient {
  const account = `/accounts/${encodeURIComponent(config.accountKey)}`;
  const licensePath = (licenseKeys: string[], userKey: string) =>
    `${account}/licenses/${licenseKeys.map(encodeURIComponent).join(',')}/users/${encodeURIComponent(userKey)}`;

  /** Assign and remove are the same call on the same path, POST or DELETE (§8). */
  const changeLicenses =
    (method: 'POST' | 'DELETE', describe: (keys: string, userKey: string) => string) =>
    (licenseKeys: string[], userKey: string, callback: Callback<void>) => {
      const doing = describe(licenseKeys.join(', '), userKey);
      write<void>(
        { method, path: licensePath(licenseKeys, userKey) },
        undefined,
        callback,
        (answer) =>
          isSuccess(answer) ? { ok: true, value: undefined } : failedWrite(answer, doing),
      );
    };

  function write<T>(
    request: ApiRequest,
    plannedValue: T,
    callback: Callback<T>,
    read: (answer: Answer) => Reply<T>,
  ): void {
    if (config.dryRun) {
      config.planned(request);
      callback({ ok: true, value: plannedValue });
      return;
    }
    config.transport.send(request, (answer) => callback(read(answer)));
  }

  return {
    findUsersByEmail(email, callback) {
      const filter = encodeURIComponent(emailFilter(email));
      const matches: GotoUser[] = [];
      const doing = `looking up ${email}`;
      const readPage = (offset: number, page: number) => {
        const path = `${account}/users?filter=${filter}&offset=${offset}&pageSize=${PAGE_SIZE}`;
        config.transport.send({ method: 'GET', path }, (answer) => {
          const read = readUserPage(answer, email, doing);
          if (!read.ok) return callback(read);
          for (const user of read.value.matches) matches.push(user);
          const next = offset + read.value.size;
          if (read.value.size === 0 || next >= read.value.total) {
            return callback({ ok: true, value: matches });
          }
          if (page + 1 >= MAX_PAGES) {
            return callback(failed(badResponse(answer, doing, `at most ${MAX_PAGES} pages`)));
          }
          readPage(next, page + 1);
        });
      };
      readPage(0, 0);
    },

    createUser(user, welcome, callback) {
      const body: { [field: string]: unknown } = {
        users: [
          {
            email: user.email,
            firstName: user.firstName,
            lastName: user.lastName,
            locale: user.locale,
          },
        ],
        licenseKeys: user.licenseKeys,
      };
      if (welcome === 'suppress') body.suppressEmail = true;
      else if (welcome !== 'goto-default') body.emailContent = welcome;
      const doing = `creating ${user.email}`;
      const request: ApiRequest = { method: 'POST', path: `${account}/users`, body };
      write<CreateResult>(request, { created: true }, callback, (answer) => {
        if (answer.kind === 'response' && answer.status === 409) {
          const failure = failureOf(answer, doing);
          return failure.code === 'no-seats'
            ? failed(failure)
            : { ok: true, value: { created: false } };
        }
        if (!isSuccess(answer)) return failedWrite(answer, doing);
        return readCreated(answer, user.email, doing);
      });
    },

    assignLicenses: changeLicenses(
      'POST',
      (keys, user) => `assigning licenses ${keys} to user ${user}`,
    ),
    removeLicenses: changeLicenses(
      'DELETE',
      (keys, user) => `removing licenses ${keys} from user ${user}`,
    ),

    deleteUser(userKey, callback) {
      const doing = `deleting user ${userKey}`;
      const path = `${account}/users/${encodeURIComponent(userKey)}`;
      write<boolean>({ method: 'DELETE', path }, true, callback, (answer) => {
        if (isSuccess(answer)) return { ok: true, value: true };
        if (answer.kind === 'response' && answer.status === 404) return { ok: true, value: false };
        return failedWrite(answer, doing);
      });
    },
  };
}

function isSuccess(answer: Answer): boolean {
  return answer.kind === 'response' && answer.status >= 200 && answer.status < 300;
}

function failed<T>(failure: Failure): Reply<T> {
  return { ok: false, failure, uncertain: false };
}

/** No answer, or a gateway error: the write may have gone through (behaviour.md §7). */
function failedWrite<T>(answer: Answer, doing: string): Reply<T> {
  const uncertain = answer.kind === 'no-response' || isGatewayStatus(answer.status);
  return { ok: false, failure: failureOf(answer, doing), uncertain };
}

interface UserPage {
  /** The page's users whose email is the wanted one, exactly but for case. */
  matches: GotoUser[];
  /** How many results the page held, matching or not (for paging). */
  size: number;
  total: number;
}

/**
 * The list envelope `{results, fromIndex, toIndex, total}` (goto-admin-api.md §3). Only the exact
 * matches must have exact keys: a look-alike the filter returned is never acted on.
 */
function readUserPage(answer: Answer, email: string, doing: string): Reply<UserPage> {
  if (
    answer.kind === 'response' &&
    answer.status === 404 &&
    gotoError(answer).code === 'user.not.found'
  ) {
    return { ok: true, value: { matches: [], size: 0, total: 0 } };
  }
  if (!isSuccess(answer)) return failed(failureOf(answer, doing));
  const body = answer.kind === 'response' && answer.body.kind === 'json' ? answer.body.value : null;
  if (!isRecord(body) || !Array.isArray(body.results)) {
    return failed(badResponse(answer, doing, 'a list of users'));
  }
  const results = body.results as unknown[];
  const matches: GotoUser[] = [];
  for (const entry of results) {
    if (!isRecord(entry) || typeof entry.email !== 'string' || !sameEmail(entry.email, email)) {
      continue;
    }
    const key = keyText(entry.key);
    const held = Array.isArray(entry.licenseKeys) ? (entry.licenseKeys as unknown[]) : [];
    const licenseKeys = held.map(keyText);
    if (key === undefined || licenseKeys.some((licenseKey) => licenseKey === undefined)) {
      return failed(badResponse(answer, doing, 'a user with exact keys'));
    }
    matches.push({ key, email: entry.email, licenseKeys: licenseKeys as string[] });
  }
  const total = typeof body.total === 'number' ? body.total : results.length;
  return { ok: true, value: { matches, size: results.length, total } };
}

/** The create answer lists one `{key, email}` per submitted user; match it by email (§5). */
function readCreated(answer: Answer, email: string, doing: string): Reply<CreateResult> {
  const body = answer.kind === 'response' && answer.body.kind === 'json' ? answer.body.value : null;
  const entries = Array.isArray(body) ? (body as unknown[]) : [];
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.email !== 'string' || !sameEmail(entry.email, email)) {
      continue;
    }
    if (entry.key === undefined || entry.key === null)
      return { ok: true, value: { created: false } };
    const userKey = keyText(entry.key);
    if (userKey === undefined)
      return failed(badResponse(answer, doing, 'a user with an exact key'));
    return { ok: true, value: { created: true, userKey } };
  }
  // A success status says the user was made; without the entry to prove it, read back (§7).
  return {
    ok: false,
    failure: badResponse(answer, doing, `a list with an entry for ${email}`),
    uncertain: true,
  };
}
