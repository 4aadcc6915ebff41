/**
 * License assignment: `POST` and `DELETE /accounts/{a}/licenses/{licenseKeys}/users/{userKey}`,
 * `{licenseKeys}` comma-separated, no body, an empty answer with the configured write status.
 */

import { type Core, errorBody, fail, type Reply, type RouteContext } from './core';
import type { UserRecord } from './state';
import { listPage } from './users';

/** Every key must exist (404 `license.not.found`), then the user (404 `user.not.found`). */
function resolve(
  core: Core,
  params: Readonly<Record<string, string>>,
): Reply | { keys: string[]; user: UserRecord } {
  const keys = [...new Set((params.licenseKeys ?? '').split(',').map((k) => k.trim()))];
  const unknown = keys.filter((key) => core.state.license(key) === undefined);
  if (unknown.length > 0) {
    return {
      status: 404,
      body: errorBody(
        core,
        unknown.map((key) => ({ code: 'license.not.found', value: key })),
      ),
    };
  }
  const userKey = params.userKey ?? '';
  const user = core.state.userByKey(userKey);
  if (!user) return fail(core, 404, 'user.not.found', userKey);
  return { keys, user };
}

/** Assigns; a key already held is a no-op; a key without a free seat is 409 `license.seats.exceeded`. */
export function assignLicenses({ core, params }: RouteContext): Reply {
  const found = resolve(core, params);
  if ('status' in found) return found;
  const { keys, user } = found;
  const adding = keys.filter((key) => !user.licenseKeys.includes(key));
  const full = adding.filter((key) => core.state.freeSeats(key) < 1);
  if (full.length > 0) {
    return {
      status: 409,
      body: errorBody(
        core,
        full.map((key) => ({
          code: 'license.seats.exceeded',
          value: `license ${key}: no free seat`,
        })),
      ),
    };
  }
  core.state.assign(user, adding);
  return { status: core.settings.writeStatus };
}

/** Removes the keys the user holds (others are a no-op); with none left the user is SUSPENDED. */
export function removeLicenses({ core, params }: RouteContext): Reply {
  const found = resolve(core, params);
  if ('status' in found) return found;
  core.state.remove(found.user, found.keys);
  return { status: core.settings.writeStatus };
}

/**
 * `GET /accounts/{a}/licenses?offset=…&pageSize=…`: the list envelope, licenses sorted by key, with
 * the fields GoTo's clients read: `seats`, `userCount` (the holders), `userKeys`, `description`.
 */
export function listLicenses(context: RouteContext): Reply {
  const { state } = context.core;
  return listPage(context, state.allLicenses(), (license) => {
    const userKeys = state.holders(license.key);
    return {
      key: license.key,
      ...(license.description === undefined ? {} : { description: license.description }),
      seats: license.seats,
      userCount: userKeys.length,
      enabled: true,
      products: ['G2M'],
      userKeys,
    };
  });
}
