/**
 * `GET /me`: who the token belongs to. GoTo answers the admin's default account as the root
 * `accountKey` (seen as a string and as a bare number) and every account they manage in
 * `accounts[]`, each with its name and the admin's roles there. The fake's admin manages the
 * fake's account first, then any `otherAccounts`.
 */

import { fail, type Reply, type RouteContext } from './core';

export interface MeOptions {
  /** How the root `accountKey` is written: a string (default), a bare JSON number, or left out. */
  accountKey?: 'string' | 'number' | 'missing';
  /** Further accounts the admin manages, listed after the fake's own. */
  otherAccounts?: string[];
  /** 403 `not.authorized` instead of an answer. */
  forbidden?: boolean;
  /** The admin's address; default `DEFAULT_ME_EMAIL`. */
  email?: string;
  /** The admin's roles at the root of the answer; default `['SUPER_USER']`. */
  adminRoles?: string[];
  /** By account key: the account's name (default "Account N") and the admin's roles there (default the root roles). */
  accountDetails?: Record<string, { name?: string; adminRoles?: string[] }>;
}

export const DEFAULT_ME_EMAIL = 'admin@example.com';

export function me(options: MeOptions) {
  return ({ core }: RouteContext): Reply => {
    if (options.forbidden) return fail(core, 403, 'not.authorized', 'no access to /me');
    const keys = [core.settings.accountKey, ...(options.otherAccounts ?? [])];
    const as = options.accountKey ?? 'string';
    const key = (value: string) => (as === 'number' ? value : JSON.stringify(value));
    const roles = options.adminRoles ?? ['SUPER_USER'];
    const accounts = keys.map((k, i) => {
      const details = options.accountDetails?.[k] ?? {};
      const name = JSON.stringify(details.name ?? `Account ${i + 1}`);
      return `{"key":${key(k)},"name":${name},"adminRoles":${JSON.stringify(details.adminRoles ?? roles)}}`;
    });
    const root = as === 'missing' ? '' : `"accountKey":${key(keys[0] as string)},`;
    const email = JSON.stringify(options.email ?? DEFAULT_ME_EMAIL);
    return {
      status: 200,
      rawBody: `{"key":"8000000000000000001","email":${email},${root}"accounts":[${accounts.join(',')}],"adminRoles":${JSON.stringify(roles)}}`,
    };
  };
}
