import type { Reply } from '../../src/goto/client';
import type { GotoUser } from '../../src/goto/types';
import { type AccountLicense, listLicenses, listUsers } from './account-reads';
import { describeLicenses, NO_ACCOUNT } from './check';
import { askMe, type CommonFlags, problemOf, resolveAccount, type Session } from './session';

/**
 * What `audit` and `reconcile` read before they compare: the account the scripts would use,
 * its licenses (every configured key must be one of them) and every user.
 */

export interface AccountState {
  accountKey: string;
  licenses: AccountLicense[];
  users: GotoUser[];
}

export async function readAccountState(
  session: Session,
  flags: CommonFlags,
): Promise<{ ok: true; state: AccountState } | { ok: false; message: string }> {
  const { settings, connection } = session;
  let account = resolveAccount(flags, settings, undefined);
  if (!account) {
    const me = await askMe(connection);
    if (!me.ok) return { ok: false, message: problemOf(me.failure, flags.apiBaseUrl) };
    account = resolveAccount(flags, settings, me.value);
    if (!account) return { ok: false, message: `${NO_ACCOUNT}.` };
  }
  const accountKey = account.key;
  const licenses: Reply<AccountLicense[]> = await connection.ask((transport, callback) =>
    listLicenses(transport, accountKey, callback),
  );
  if (!licenses.ok) return { ok: false, message: problemOf(licenses.failure, flags.apiBaseUrl) };
  const missing = settings.licenseKeys.filter(
    (key) => !licenses.value.some((license) => license.key === key),
  );
  if (missing.length > 0) {
    return {
      ok: false,
      message: `License key${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist in account ${accountKey}; correct ApplicationLicenses (the account has ${describeLicenses(licenses.value)}).`,
    };
  }
  const users: Reply<GotoUser[]> = await connection.ask((transport, callback) =>
    listUsers(transport, accountKey, callback),
  );
  if (!users.ok) return { ok: false, message: problemOf(users.failure, flags.apiBaseUrl) };
  return { ok: true, state: { accountKey, licenses: licenses.value, users: users.value } };
}
