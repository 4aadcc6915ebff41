/**
 * License assignment: `POST` and `DELETE /accounts/{a}/licenses/{licenseKeys}/users/{userKey}`,
 * `{licenseKeys}` comma-separated, no body, an empty answer with the configured write status.
 * `LicenseRules` model the answers GoTo has not confirmed.
 */

import {
  type Action,
  type Core,
  errorBody,
  fail,
  type Reply,
  type RouteContext,
  unknownLicenses,
} from './core';
import type { UserRecord } from './state';
import { listPage } from './users';

export interface LicenseRules {
  /**
   * Several keys joined by commas in one path: accepted (default), or refused with this status
   * before anything changes, as a server licensing one key per call would.
   */
  joinedKeys?: 'accepted' | 400 | 404 | 405;
  /** Assigning a key the user already holds: a no-op (default), or 409 as GoTo's services answer. */
  alreadyHeld?: 'no-op' | 409;
  /** The status of an assignment without a free seat; default 409 (GoTo's services: 422). */
  noSeatStatus?: 409 | 422;
}

/** The joined-path refusal, when the rules ask for one and the path joins several keys. */
function refuseJoined(core: Core, rules: LicenseRules, params: Record<string, string>) {
  const joined = (params.licenseKeys ?? '').includes(',');
  if (!joined || rules.joinedKeys === undefined || rules.joinedKeys === 'accepted') return null;
  return fail(core, rules.joinedKeys, 'request.invalid', 'one license key per request');
}

/** Every key must exist (404 `license.not.found`), then the user (404 `user.not.found`). */
function resolve(
  core: Core,
  params: Readonly<Record<string, string>>,
): Reply | { keys: string[]; user: UserRecord } {
  const keys = [...new Set((params.licenseKeys ?? '').split(',').map((k) => k.trim()))];
  const missing = unknownLicenses(core, keys);
  if (missing) return missing;
  const userKey = params.userKey ?? '';
  const user = core.state.userByKey(userKey);
  if (!user) return fail(core, 404, 'user.not.found', userKey);
  return { keys, user };
}

/**
 * Assigns; a key already held is a no-op (or 409 `user.already.licensed` under the rules); a key
 * without a free seat is 409 (or 422) `license.seats.exceeded`. Nothing changes on a refusal.
 */
export function assignLicenses(rules: LicenseRules): Action {
  return ({ core, params }: RouteContext): Reply => {
    const refused = refuseJoined(core, rules, params);
    if (refused) return refused;
    const found = resolve(core, params);
    if ('status' in found) return found;
    return assign(core, rules, found.keys, found.user);
  };
}

function assign(core: Core, rules: LicenseRules, keys: string[], user: UserRecord): Reply {
  const held = keys.filter((key) => user.licenseKeys.includes(key));
  if (rules.alreadyHeld === 409 && held.length > 0) {
    return fail(core, 409, 'user.already.licensed', `user ${user.key} holds ${held.join(',')}`);
  }
  const adding = keys.filter((key) => !user.licenseKeys.includes(key));
  const full = adding.filter((key) => core.state.freeSeats(key) < 1);
  if (full.length > 0) {
    return {
      status: rules.noSeatStatus ?? 409,
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
export function removeLicenses(rules: LicenseRules): Action {
  return ({ core, params }: RouteContext): Reply => {
    const refused = refuseJoined(core, rules, params);
    if (refused) return refused;
    const found = resolve(core, params);
    if ('status' in found) return found;
    core.state.remove(found.user, found.keys);
    return { status: core.settings.writeStatus };
  };
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
