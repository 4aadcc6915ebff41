/**
 * `GET /me`: who the token belongs to. GoTo answers the admin's default account as the root
 * `accountKey` (seen as a string and as a bare number) and every account they manage in
 * `accounts[]`. The fake's admin manages the fake's account first, then any `otherAccounts`.
 */

import { fail, type Reply, type RouteContext } from './core';

export interface MeOptions {
  /** How the root `accountKey` is written: a string (default), a bare JSON number, or left out. */
  accountKey?: 'string' | 'number' | 'missing';
  /** Further accounts the admin manages, listed after the fake's own. */
  otherAccounts?: string[];
  /** 403 `not.authorized` instead of an answer. */
  forbidden?: boolean;
}

export function me(options: MeOptions) {
  return ({ core }: RouteContext): Reply => {
    if (options.forbidden) return fail(core, 403, 'not.authorized', 'no access to /me');
    const keys = [core.settings.accountKey, ...(options.otherAccounts ?? [])];
    const as = options.accountKey ?? 'string';
    const key = (value: string) => (as === 'number' ? value : JSON.stringify(value));
    const accounts = keys.map((k, i) => `{"key":${key(k)},"name":"Account ${i + 1}"}`);
    const root = as === 'missing' ? '' : `"accountKey":${key(keys[0] as string)},`;
    return {
      status: 200,
      rawBody: `{"key":"8000000000000000001","email":"admin@example.com",${root}"accounts":[${accounts.join(',')}],"adminRoles":["SUPER_USER"]}`,
    };
  };
}
