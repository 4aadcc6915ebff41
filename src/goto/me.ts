import { accountKeyText, isRecord } from '../common/values';
import { type Callback, failed, isSuccess, jsonBody } from './client';
import { badResponse, failureOf } from './failures';
import type { Transport } from './transport';

export interface AdminAccount {
  /** The connected admin's default account, digits. */
  accountKey: string;
  /** How many accounts `/me` lists for the admin (at least 1). */
  accounts: number;
}

/**
 * `GET /me`: the account of a connection that names none, as every current GoTo client finds it.
 * The root `accountKey` is the admin's default account; it may be a bare 19-digit number, which
 * the transport has already read from the raw text.
 */
/** What a refused `GET /me` means: no identity scope, or not an admin. */
export const ME_REFUSED =
  "the connection lacks the Admin Center (identity:) scope, or the connected user is no GoTo admin; reconnect the app's OAuth configuration with a GoTo admin account";

export function whoAmI(transport: Transport, callback: Callback<AdminAccount>): void {
  const doing = 'asking GoTo which account the connection belongs to (GET /me)';
  transport.send({ method: 'GET', path: '/me' }, (answer) => {
    if (!isSuccess(answer)) {
      return callback(failed(failureOf(answer, doing, ME_REFUSED)));
    }
    const body = jsonBody(answer);
    const accountKey = isRecord(body) ? accountKeyText(body.accountKey) : undefined;
    if (!isRecord(body) || accountKey === undefined) {
      const failure = badResponse(answer, doing, 'an answer with an exact accountKey');
      return callback(
        failed({
          code: failure.code,
          message: `${failure.message} Set the accountKey build option to your GoTo account key and use that build.`,
        }),
      );
    }
    const listed = Array.isArray(body.accounts) ? (body.accounts as unknown[]).length : 0;
    callback({ ok: true, value: { accountKey, accounts: Math.max(1, listed) } });
  });
}
