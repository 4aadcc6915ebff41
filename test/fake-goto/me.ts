/**
 * `GET /me`: the GoTo user the token belongs to, with `accountKey` at the root and every account
 * the admin may manage in `accounts[]`, each with its own admin roles.
 */

import type { Core, Reply } from './core';

export interface SeedAccount {
  key: string;
  name?: string;
  /** The admin's roles in this account; the root `adminRoles` when omitted. */
  adminRoles?: string[];
}

export interface SeedMe {
  key?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** Default ['SUPER_USER']. */
  adminRoles?: string[];
  /** The account GoTo names at the root; default the fake's account. */
  accountKey?: string;
  /** Default: the fake's account alone. */
  accounts?: SeedAccount[];
}

export const DEFAULT_ME_EMAIL = 'admin@example.com';

export function meReply(core: Core, seed: SeedMe): Reply {
  const adminRoles = seed.adminRoles ?? ['SUPER_USER'];
  const accounts = seed.accounts ?? [{ key: core.settings.accountKey, name: 'Example account' }];
  return {
    status: 200,
    body: {
      key: seed.key ?? '7000000000000000001',
      email: seed.email ?? DEFAULT_ME_EMAIL,
      firstName: seed.firstName ?? 'Ada',
      lastName: seed.lastName ?? 'Admin',
      accountKey: seed.accountKey ?? core.settings.accountKey,
      adminRoles,
      accounts: accounts.map((account) => ({
        key: account.key,
        ...(account.name === undefined ? {} : { name: account.name }),
        adminRoles: account.adminRoles ?? adminRoles,
      })),
    },
  };
}
