/**
 * Which GoTo account a run acts in, in this order: the `accountKey` build option, then a
 * non-empty `account_key` in the connection, then the default account `GET /me` names. The
 * administrator's tools call this too, so they report the account the scripts would use.
 */

export type AccountSource = 'option' | 'connection' | 'me';

export interface AccountChoice {
  key: string;
  source: AccountSource;
}

/** `meAccountKey` is `GET /me`'s root account, once asked; undefined: ask GoTo (or it named none). */
export function chooseAccount(
  optionKey: string | null | undefined,
  connectionKey: string | undefined,
  meAccountKey?: string,
): AccountChoice | undefined {
  if (optionKey) return { key: optionKey, source: 'option' };
  if (connectionKey !== undefined) return { key: connectionKey, source: 'connection' };
  if (meAccountKey !== undefined) return { key: meAccountKey, source: 'me' };
  return undefined;
}
