/**
 * Users: list and search (GET), add (POST), delete (DELETE) under `/accounts/{a}/users`.
 */

import {
  type Core,
  errorBody,
  fail,
  type GotoError,
  type Reply,
  type RouteContext,
  unknownLicenses,
} from './core';
import { compileFilter } from './filter';
import { parseJson } from './json';
import type { NewUser, UserRecord } from './state';
import { type FakeUserView, userView } from './views';

export const DEFAULT_PAGE_SIZE = 20;
/** GoTo Admin Center's limits, counted in UTF-16 units as a Java server would. */
export const MAX_EMAIL_LENGTH = 128;
export const MAX_NAME_LENGTH = 32;
export const MAX_PAGE_SIZE = 100;

/**
 * `GET /accounts/{a}/users?filter=…&offset=…&pageSize=…`: the list envelope, users sorted by
 * key, `toIndex` exclusive. pageSize defaults to 20 and is capped at 100; offset is 0-based.
 *
 * The query is read as a form-encoded query (URLSearchParams), as servers do: `%2B` is `+`, but
 * a raw `+` is a space, so a filter sent with a raw `+` searches for a blank instead.
 */
export function listUsers(context: RouteContext): Reply {
  const { core, url } = context;
  let users = core.state.allUsers();
  const filter = url.searchParams.get('filter');
  if (filter !== null) {
    const compiled = compileFilter(filter, core.settings.filterMode);
    if (!compiled.ok) return fail(core, 400, 'filter.invalid', compiled.reason);
    users = users.filter(compiled.value);
  }
  return listPage(context, users, answeredUser(core, 'list'));
}

/** `GET /accounts/{a}/users/{userKey}`: the user, or 404 `user.not.found`. */
export function getUser({ core, params }: RouteContext): Reply {
  const key = params.userKey ?? '';
  const user = core.state.userByKey(key);
  if (!user) return fail(core, 404, 'user.not.found', key);
  return { status: 200, body: answeredUser(core, 'user')(user) };
}

/** A user as an answer shows them: without `licenseKeys` where the fake is set to leave it out. */
function answeredUser(core: Core, where: 'list' | 'user'): (user: UserRecord) => unknown {
  return (user) => {
    const view: Partial<FakeUserView> = userView(user);
    if (core.settings.omitLicenseKeys[where]) delete view.licenseKeys;
    return view;
  };
}

/** One page of a list, as every GoTo list answers: `offset` 0-based, `pageSize` capped. */
export function listPage<T>(
  { core, url }: RouteContext,
  all: readonly T[],
  view: (item: T) => unknown,
): Reply {
  const query = url.searchParams;
  const offset = wholeNumber(query.get('offset'), 0, 0);
  const pageSize = wholeNumber(query.get('pageSize'), DEFAULT_PAGE_SIZE, 1);
  if (offset === undefined) return invalidParameter(core, 'offset', query.get('offset'));
  if (pageSize === undefined) return invalidParameter(core, 'pageSize', query.get('pageSize'));
  const page = all.slice(offset, offset + Math.min(pageSize, core.settings.maxPageSize));
  return {
    status: 200,
    body: {
      results: page.map(view),
      fromIndex: offset,
      toIndex: offset + page.length,
      total: all.length,
    },
  };
}

function wholeNumber(text: string | null, fallback: number, min: number): number | undefined {
  if (text === null) return fallback;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && Number.isSafeInteger(value) ? value : undefined;
}

function invalidParameter(core: Core, name: string, value: string | null): Reply {
  return fail(core, 400, 'parameter.invalid', `${name}=${value}`);
}

interface CreateRequest {
  users: NewUser[];
  licenseKeys: string[];
  suppressEmail: boolean;
  emailContent?: { subject: string; text: string };
}

/**
 * `POST /accounts/{a}/users[?allOrNothing=true|false]`. Checks, in order: content type (415),
 * body (400), license keys exist (404 `license.not.found`), email conflicts in this account or
 * another one (409 `user.email.conflict` unless allOrNothing=false, which answers a conflicting
 * entry without `key`), free seats for the users to create (409 `license.seats.exceeded`).
 */
export function createUsers({ core, url, request, bodyText }: RouteContext): Reply {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return fail(core, 415, 'media.type.unsupported', `content-type ${mediaType || '(none)'}`);
  }
  const allOrNothingText = url.searchParams.get('allOrNothing');
  if (allOrNothingText !== null && !/^(?:true|false)$/i.test(allOrNothingText)) {
    return invalidParameter(core, 'allOrNothing', allOrNothingText);
  }
  const allOrNothing = allOrNothingText?.toLowerCase() !== 'false';
  const parsed = readCreateRequest(bodyText);
  if (!('users' in parsed)) return fail(core, 400, parsed.code, parsed.value);
  const { state } = core;

  const missing = unknownLicenses(core, parsed.licenseKeys);
  if (missing) return missing;

  const seen = new Set<string>();
  const conflicts = parsed.users.map((user) => {
    const lower = user.email.toLowerCase();
    const conflict = seen.has(lower) || state.emailOwner(user.email) !== undefined;
    seen.add(lower);
    return conflict;
  });
  if (allOrNothing && conflicts.some(Boolean)) {
    const errors: GotoError[] = parsed.users
      .filter((_, i) => conflicts[i])
      .map((user) => ({ code: 'user.email.conflict', value: user.email }));
    return { status: 409, body: errorBody(core, errors) };
  }

  const creating = parsed.users.filter((_, i) => !conflicts[i]);
  const short = parsed.licenseKeys.filter((key) => state.freeSeats(key) < creating.length);
  if (short.length > 0) {
    const errors = short.map((key) => ({
      code: 'license.seats.exceeded',
      value: `license ${key}: ${state.freeSeats(key)} free seat(s), ${creating.length} needed`,
    }));
    return { status: 409, body: errorBody(core, errors) };
  }

  const results = parsed.users.map((user, i) => {
    if (conflicts[i]) return { email: user.email };
    const created = state.createUser(user, parsed.licenseKeys);
    if (!parsed.suppressEmail) {
      state.recordEmail(
        parsed.emailContent
          ? { to: user.email, kind: 'custom', ...parsed.emailContent }
          : { to: user.email, kind: 'default' },
      );
    }
    return { key: created.key, email: user.email };
  });
  return { status: core.settings.createStatus, body: results };
}

type Invalid = { code: string; value: string };

function readCreateRequest(text: string): CreateRequest | Invalid {
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    return { code: 'request.body.invalid', value: 'the body is not JSON' };
  }
  if (!isObject(body) || !Array.isArray(body.users) || body.users.length === 0) {
    return { code: 'users.required', value: 'users must be a non-empty array' };
  }
  const users: NewUser[] = [];
  for (const [i, entry] of body.users.entries()) {
    const user = readNewUser(entry, i);
    if ('code' in user) return user;
    users.push(user);
  }
  const keys = body.licenseKeys ?? [];
  if (!Array.isArray(keys) || !keys.every(isKeyValue)) {
    return { code: 'license.key.invalid', value: 'licenseKeys must be an array of keys' };
  }
  const licenseKeys = [...new Set(keys.map(String))];
  const suppressEmail = body.suppressEmail ?? false;
  if (typeof suppressEmail !== 'boolean') {
    return { code: 'request.body.invalid', value: 'suppressEmail must be a boolean' };
  }
  const request: CreateRequest = { users, licenseKeys, suppressEmail };
  const content = body.emailContent;
  if (content !== undefined) {
    if (
      !isObject(content) ||
      typeof content.subject !== 'string' ||
      typeof content.text !== 'string'
    ) {
      return { code: 'email.content.invalid', value: 'emailContent needs subject and text' };
    }
    request.emailContent = { subject: content.subject, text: content.text };
  }
  return request;
}

function readNewUser(entry: unknown, i: number): NewUser | Invalid {
  if (!isObject(entry))
    return { code: 'request.body.invalid', value: `users[${i}] is not an object` };
  const { email, firstName, lastName, locale } = entry;
  if (!isFilled(email)) return { code: 'user.email.required', value: `users[${i}].email` };
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return { code: 'user.email.invalid', value: email };
  if (email.length > MAX_EMAIL_LENGTH) {
    return { code: 'user.email.too.long', value: `at most ${MAX_EMAIL_LENGTH} characters` };
  }
  if (!isFilled(firstName)) return { code: 'user.name.required', value: `users[${i}].firstName` };
  if (!isFilled(lastName)) return { code: 'user.name.required', value: `users[${i}].lastName` };
  for (const [field, name] of [
    ['firstName', firstName],
    ['lastName', lastName],
  ]) {
    if ((name as string).length > MAX_NAME_LENGTH) {
      return {
        code: 'user.name.too.long',
        value: `users[${i}].${field}: at most ${MAX_NAME_LENGTH}`,
      };
    }
  }
  if (locale !== undefined && typeof locale !== 'string') {
    return { code: 'user.locale.invalid', value: `users[${i}].locale` };
  }
  const user: NewUser = { email, firstName, lastName };
  if (locale !== undefined) user.locale = locale;
  return user;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** A key as a digit string, or as a number (exact only up to 2^53 − 1; larger ones arrive as strings). */
function isKeyValue(value: unknown): value is string | number {
  return (
    (typeof value === 'string' && /^\d+$/.test(value)) ||
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
  );
}

/** `DELETE /accounts/{a}/users/{userKey}`: 404 `user.not.found` when missing. */
export function deleteUser({ core, params }: RouteContext): Reply {
  const key = params.userKey ?? '';
  if (!core.state.deleteUser(key)) return fail(core, 404, 'user.not.found', key);
  return { status: core.settings.writeStatus };
}
