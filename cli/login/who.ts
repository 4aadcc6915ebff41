import type { Reply } from '../../src/goto/client';
import { type Me, readMe } from '../../src/goto/me';
import { connect } from '../shared/connection';

/** Who a token belongs to and which accounts they manage, from GoTo's `GET /me`, as one line. */
export async function whoHolds(apiBaseUrl: string, accessToken: string): Promise<Reply<Me>> {
  return connect({ apiBaseUrl, accessToken }).ask<Me>(readMe);
}

export function describeMe(me: Me): string {
  const who = me.email ?? 'an admin whose address GoTo does not give';
  const accounts = me.accounts
    .map((account) => (account.name ? `${account.key} (${account.name})` : account.key))
    .join(', ');
  return `${who}, who manages ${accounts === '' ? 'no account GoTo lists' : `account${me.accounts.length === 1 ? '' : 's'} ${accounts}`}`;
}
