import type { Failure } from '../host/result';
import { accountPath, type GotoApi, isSuccess, mayHaveGoneThrough, write } from './client';
import { failureOf, noSeats } from './failures';
import type { Answer, Method } from './transport';

/**
 * Assigning and removing licenses: `POST` or `DELETE /accounts/{a}/licenses/{keys}/users/{user}`.
 * Several keys joined by commas in one path is documented only by the original how-to, and
 * GoTo's own services license one key per call: when the joined path is refused (400, 404, 405),
 * the keys go one call each, for the rest of the run. The first refusal among those calls ends
 * the change; the keys already changed are reported, and a second run finishes the rest, since
 * only what is still missing (or still held) is sent.
 */

export type LicenseReply =
  | { ok: true; value: undefined }
  | {
      ok: false;
      failure: Failure;
      uncertain: boolean;
      /**
       * An assignment answered 409 (GoTo's services: "might already be licensed") or 422 ("no
       * seat?"): whether it happened is read back before the failure stands.
       */
      conflict: boolean;
      /** Keys already changed by earlier one-key calls of this change. */
      changed: string[];
    };

export type LicenseCallback = (reply: LicenseReply) => void;

const JOINED_PATH_REFUSALS = [400, 404, 405];

export function assignLicenses(
  api: GotoApi,
  licenseKeys: string[],
  userKey: string,
  callback: LicenseCallback,
): void {
  changeLicenses(api, 'POST', licenseKeys, userKey, callback);
}

export function removeLicenses(
  api: GotoApi,
  licenseKeys: string[],
  userKey: string,
  callback: LicenseCallback,
): void {
  changeLicenses(api, 'DELETE', licenseKeys, userKey, callback);
}

function changeLicenses(
  api: GotoApi,
  method: Method,
  licenseKeys: string[],
  userKey: string,
  callback: LicenseCallback,
): void {
  const send = (keys: string[], onAnswer: (answer: Answer | undefined) => void) =>
    write<Answer | undefined>(
      api,
      {
        method,
        path: accountPath(
          api.accountKey,
          `/licenses/${keys.map(encodeURIComponent).join(',')}/users/${encodeURIComponent(userKey)}`,
        ),
      },
      undefined,
      (reply) => onAnswer(reply.ok ? reply.value : undefined),
      (answer) => ({ ok: true, value: answer }),
    );
  const outcome = (answer: Answer | undefined, keys: string[], changed: string[]) => {
    if (answer === undefined || isSuccess(answer)) return undefined;
    return refusal(answer, method, keys, userKey, changed);
  };
  const oneByOne = (index: number, changed: string[]) => {
    if (index >= licenseKeys.length) return callback({ ok: true, value: undefined });
    const key = licenseKeys[index] as string;
    send([key], (answer) => {
      const refused = outcome(answer, [key], changed);
      if (refused) return callback(refused);
      oneByOne(index + 1, changed.concat(key));
    });
  };
  if (licenseKeys.length < 2 || api.oneKeyPerCall) {
    oneByOne(0, []);
    return;
  }
  send(licenseKeys, (answer) => {
    if (
      answer !== undefined &&
      answer.kind === 'response' &&
      JOINED_PATH_REFUSALS.indexOf(answer.status) >= 0
    ) {
      api.oneKeyPerCall = true;
      return oneByOne(0, []);
    }
    const refused = outcome(answer, licenseKeys, []);
    callback(refused || { ok: true, value: undefined });
  });
}

function refusal(
  answer: Answer,
  method: Method,
  keys: string[],
  userKey: string,
  changed: string[],
): LicenseReply {
  const doing =
    method === 'POST'
      ? `assigning licenses ${keys.join(', ')} to user ${userKey}`
      : `removing licenses ${keys.join(', ')} from user ${userKey}`;
  const status = answer.kind === 'response' ? answer.status : 0;
  if (method === 'POST' && (status === 409 || status === 422)) {
    const failure = status === 422 ? noSeats(answer, doing) : failureOf(answer, doing);
    return { ok: false, failure, uncertain: false, conflict: true, changed };
  }
  return {
    ok: false,
    failure: failureOf(answer, doing),
    uncertain: mayHaveGoneThrough(answer),
    conflict: false,
    changed,
  };
}
