import { isRecord, keyText } from '../../src/common/values';
import { accountPath, isSuccess, jsonBody, mayHaveGoneThrough } from '../../src/goto/client';
import { createBody } from '../../src/goto/create-user';
import { failureOf } from '../../src/goto/failures';
import type { Answer, Transport } from '../../src/goto/transport';
import type { NewUser } from '../../src/goto/types';
import type { Failure } from '../../src/host/result';
import type { WelcomeEmail } from '../../src/options';

/**
 * GoTo's documented batch create, which only `reconcile` makes: `POST /accounts/{a}/users
 * ?allOrNothing=false` with many users, the app's keys for all of them and the scripts' welcome
 * email body. With `allOrNothing=false` an address that is taken does not refuse the batch: its
 * entry comes back without a key. The answer is matched to the users by address, never by
 * position.
 */

export type NewEntry = Omit<NewUser, 'licenseKeys'>;

export type BatchAnswer =
  | {
      kind: 'answered';
      /** User keys of the users made, by lower-case address. */
      created: Map<string, string>;
      /** Addresses GoTo answered without a key: someone already has them. */
      taken: string[];
      /** Addresses the answer says nothing usable about: whether they were made is unknown. */
      unknown: string[];
    }
  /** GoTo said no to the whole batch and nothing was made; `status` for splitting it. */
  | { kind: 'refused'; failure: Failure; status: number | null }
  /** No answer, or a gateway error: some or all of the users may have been made. */
  | { kind: 'lost'; failure: Failure };

export function createBatch(
  transport: Transport,
  accountKey: string,
  users: NewEntry[],
  licenseKeys: string[],
  welcome: WelcomeEmail,
  callback: (answer: BatchAnswer) => void,
): void {
  const doing = `creating ${users.length} user${users.length === 1 ? '' : 's'} in one call (${users[0]?.email ?? ''}${users.length > 1 ? ' and others' : ''})`;
  transport.send(
    {
      method: 'POST',
      path: `${accountPath(accountKey, '/users')}?allOrNothing=false`,
      body: createBody(users, licenseKeys, welcome),
    },
    (answer) => callback(readBatchAnswer(answer, users, doing)),
  );
}

function readBatchAnswer(answer: Answer, users: NewEntry[], doing: string): BatchAnswer {
  if (!isSuccess(answer)) {
    const failure = failureOf(answer, doing);
    if (mayHaveGoneThrough(answer)) return { kind: 'lost', failure };
    return { kind: 'refused', failure, status: answer.kind === 'response' ? answer.status : null };
  }
  const body = jsonBody(answer);
  const entries = Array.isArray(body) ? (body as unknown[]) : [];
  // An entry without key: the address is taken; one whose key lost digits says nothing usable.
  const answered = new Map<string, { key: string | undefined }>();
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.email !== 'string') continue;
    const email = entry.email.toLowerCase();
    if (entry.key === undefined || entry.key === null) answered.set(email, { key: undefined });
    else if (keyText(entry.key) !== undefined) answered.set(email, { key: keyText(entry.key) });
  }
  const created = new Map<string, string>();
  const taken: string[] = [];
  const unknown: string[] = [];
  for (const user of users) {
    const found = answered.get(user.email.toLowerCase());
    if (found === undefined) unknown.push(user.email);
    else if (found.key === undefined) taken.push(user.email);
    else created.set(user.email.toLowerCase(), found.key);
  }
  return { kind: 'answered', created, taken, unknown };
}
