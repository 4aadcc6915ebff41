import { accountPath, type Callback, failedWrite, type GotoApi, isSuccess, write } from './client';

/** `false` when the user was already gone (404). */
export function deleteUser(api: GotoApi, userKey: string, callback: Callback<boolean>): void {
  const doing = `deleting user ${userKey}`;
  const path = accountPath(api.accountKey, `/users/${encodeURIComponent(userKey)}`);
  write<boolean>(api, { method: 'DELETE', path }, true, callback, (answer) => {
    if (isSuccess(answer)) return { ok: true, value: true };
    if (answer.kind === 'response' && answer.status === 404) return { ok: true, value: false };
    return failedWrite(answer, doing);
  });
}
