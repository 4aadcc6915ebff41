import { accountKeyText, isRecord, keyText } from '../common/values';
import { type Callback, failed, isSuccess, jsonBody, type Reply } from './client';
import { badResponse, failureOf } from './failures';
import type { Answer, Transport } from './transport';

/**
 * `GET /me`: the admin the token belongs to and the accounts they manage, read once into one
 * shape for the scripts (which need only the default account) and for the administrator's tools
 * (which show the rest). The root `accountKey` is the admin's default account; it may be a bare
 * 19-digit number, which the transport has already read from the raw text. `null` for an
 * optional field counts as absent.
 */

export interface MeAccount {
  key: string;
  /** The account's name, when GoTo gives one. */
  name?: string;
  /** The admin's roles in this account, when GoTo lists them per account. */
  adminRoles?: string[];
}

export interface Me {
  key?: string;
  email?: string;
  /** The account GoTo names at the root of the answer: the admin's default. */
  accountKey?: string;
  adminRoles: string[];
  accounts: MeAccount[];
}

/** What a refused `GET /me` means: no identity scope, or not an admin. */
export const ME_REFUSED =
  "the connection lacks the Admin Center (identity:) scope, or the connected user is no GoTo admin; reconnect the app's OAuth configuration with a GoTo admin account";

const ME_DOING = 'asking GoTo which account the connection belongs to (GET /me)';

export interface AdminAccount {
  /** The connected admin's default account, digits. */
  accountKey: string;
  /** How many accounts `/me` lists for the admin (at least 1). */
  accounts: number;
}

/** `GET /me` as the administrator's tools read it: every field, the root account optional. */
export function readMe(transport: Transport, callback: Callback<Me>): void {
  transport.send({ method: 'GET', path: '/me' }, (answer) => callback(meOf(answer)));
}

/** `GET /me` as a run reads it: the account to act in, which the answer must name. */
export function whoAmI(transport: Transport, callback: Callback<AdminAccount>): void {
  transport.send({ method: 'GET', path: '/me' }, (answer) => {
    const me = meOf(answer);
    if (!me.ok) return callback(me);
    const accountKey = me.value.accountKey;
    if (accountKey === undefined) {
      const failure = badResponse(answer, ME_DOING, 'an answer with an exact accountKey');
      return callback(
        failed({
          code: failure.code,
          message: `${failure.message} Set the accountKey build option to your GoTo account key and use that build.`,
        }),
      );
    }
    callback({ ok: true, value: { accountKey, accounts: Math.max(1, me.value.accounts.length) } });
  });
}

function meOf(answer: Answer): Reply<Me> {
  if (!isSuccess(answer)) return failed(failureOf(answer, ME_DOING, ME_REFUSED));
  const body = jsonBody(answer);
  if (!isRecord(body)) return failed(badResponse(answer, ME_DOING, 'a JSON object'));
  const accounts: MeAccount[] = [];
  const listed: unknown[] = Array.isArray(body.accounts) ? body.accounts : [];
  for (let i = 0; i < listed.length; i++) {
    const account = readAccount(listed[i]);
    if (account === undefined) {
      return failed(badResponse(answer, ME_DOING, 'a list of accounts with exact keys'));
    }
    accounts.push(account);
  }
  const me: Me = { adminRoles: stringList(body.adminRoles) || [], accounts };
  const key = keyText(body.key);
  if (key !== undefined) me.key = key;
  if (typeof body.email === 'string' && body.email !== '') me.email = body.email;
  if (body.accountKey !== undefined && body.accountKey !== null) {
    const accountKey = accountKeyText(body.accountKey);
    if (accountKey === undefined)
      return failed(badResponse(answer, ME_DOING, 'an exact accountKey'));
    me.accountKey = accountKey;
  }
  return { ok: true, value: me };
}

function readAccount(entry: unknown): MeAccount | undefined {
  const key = isRecord(entry) ? accountKeyText(entry.key) : undefined;
  if (!isRecord(entry) || key === undefined) return undefined;
  const account: MeAccount = { key };
  if (typeof entry.name === 'string' && entry.name !== '') account.name = entry.name;
  const roles = stringList(entry.adminRoles);
  if (roles) account.adminRoles = roles;
  return account;
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const strings: string[] = [];
  for (const item of value as unknown[]) if (typeof item === 'string') strings.push(item);
  return strings;
}
