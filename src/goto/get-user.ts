import { type Callback, failed, isSuccess, jsonBody } from './client';
import { badResponse, failureOf } from './failures';
import type { Transport } from './transport';
import type { GotoUser } from './types';
import { readUserEntry, type UserEntry } from './user-entry';

/**
 * A listed user whose licenses are known: as listed when the entry had `licenseKeys`, else read
 * once by key (`GET /accounts/{a}/users/{userKey}`). An answer without the field either is a
 * failure: which licenses the user holds is unknown, and nothing may be decided on a guess.
 */
export function knownUser(
  transport: Transport,
  accountKey: string,
  entry: UserEntry,
  callback: Callback<GotoUser>,
): void {
  const licenseKeys = entry.licenseKeys;
  if (licenseKeys !== undefined) {
    callback({ ok: true, value: withLicenses(entry, licenseKeys) });
    return;
  }
  const path = `/accounts/${encodeURIComponent(accountKey)}/users/${encodeURIComponent(entry.key)}`;
  const doing = `reading user ${entry.key} (${entry.email}) by key (the user list left out their licenseKeys)`;
  transport.send({ method: 'GET', path }, (answer) => {
    if (!isSuccess(answer)) return callback(failed(failureOf(answer, doing)));
    const read = readUserEntry(jsonBody(answer));
    if (read === undefined || read.key !== entry.key) {
      return callback(failed(badResponse(answer, doing, `user ${entry.key} with exact keys`)));
    }
    if (read.licenseKeys === undefined) {
      const failure = badResponse(answer, doing, 'a user with a licenseKeys field');
      return callback(
        failed({
          code: failure.code,
          message: `${failure.message} Which licenses the user holds is unknown, so nothing was changed.`,
        }),
      );
    }
    callback({ ok: true, value: withLicenses(entry, read.licenseKeys) });
  });
}

function withLicenses(entry: UserEntry, licenseKeys: string[]): GotoUser {
  const user: GotoUser = {
    key: entry.key,
    email: entry.email,
    licenseKeys,
  };
  if (entry.status !== undefined) user.status = entry.status;
  return user;
}
