import { isRecord, keyText } from '../common/values';
import type { WelcomeEmail } from '../options';
import {
  accountPath,
  type Callback,
  failed,
  failedWrite,
  type GotoApi,
  isSuccess,
  jsonBody,
  type Reply,
  write,
} from './client';
import { badResponse, failureOf } from './failures';
import { sameEmail } from './filter';
import type { Answer, ApiRequest } from './transport';
import type { NewUser } from './types';

export type CreateResult = { created: true; userKey?: string } | { created: false };

/** `created: false` when the email already belongs to a GoTo user (409 or an entry without key). */
export function createUser(
  api: GotoApi,
  user: NewUser,
  welcome: WelcomeEmail,
  callback: Callback<CreateResult>,
): void {
  const body = createBody(
    [
      {
        email: user.email,
        firstName: user.firstName,
        lastName: user.lastName,
        locale: user.locale,
      },
    ],
    user.licenseKeys,
    welcome,
  );
  const doing = `creating ${user.email}`;
  const request: ApiRequest = { method: 'POST', path: accountPath(api.accountKey, '/users'), body };
  write<CreateResult>(api, request, { created: true }, callback, (answer) => {
    if (answer.kind === 'response' && answer.status === 409) {
      const failure = failureOf(answer, doing);
      return failure.code === 'no-seats'
        ? failed(failure)
        : { ok: true, value: { created: false } };
    }
    if (!isSuccess(answer)) return failedWrite(answer, doing);
    return readCreated(answer, user.email, doing);
  });
}

/**
 * The body of `POST /accounts/{a}/users`: the users, the licenses they all get, and the welcome
 * email. The administrator's tools send it with many users at once.
 */
export function createBody(
  users: Omit<NewUser, 'licenseKeys'>[],
  licenseKeys: string[],
  welcome: WelcomeEmail,
): { [field: string]: unknown } {
  const body: { [field: string]: unknown } = { users, licenseKeys };
  if (welcome === 'suppress') body.suppressEmail = true;
  else if (welcome !== 'goto-default') body.emailContent = welcome;
  return body;
}

/** The create answer lists one `{key, email}` per submitted user; match it by email, not position. */
function readCreated(answer: Answer, email: string, doing: string): Reply<CreateResult> {
  const body = jsonBody(answer);
  const entries = Array.isArray(body) ? (body as unknown[]) : [];
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.email !== 'string' || !sameEmail(entry.email, email)) {
      continue;
    }
    if (entry.key === undefined || entry.key === null)
      return { ok: true, value: { created: false } };
    const userKey = keyText(entry.key);
    if (userKey === undefined)
      return failed(badResponse(answer, doing, 'a user with an exact key'));
    return { ok: true, value: { created: true, userKey } };
  }
  // A success status says the user was made; without the entry to prove it, read back.
  return {
    ok: false,
    failure: badResponse(answer, doing, `a list with an entry for ${email}`),
    uncertain: true,
  };
}
