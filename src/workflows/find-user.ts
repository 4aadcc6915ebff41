import { findUsersByEmail } from '../goto/find-users';
import { knownUser } from '../goto/get-user';
import type { GotoUser } from '../goto/types';
import type { UserEntry } from '../goto/user-entry';
import type { Run } from './run';

/**
 * Both workflows' lookup: the exact user or nobody. More than one exact match ends the run as
 * `ambiguous-user` before any write.
 */
export function findMatch(run: Run, found: (entry: UserEntry | undefined) => void): void {
  const email = run.settings.email;
  findUsersByEmail(run.api, email, (reply) => {
    if (!reply.ok) return run.fail(reply.failure);
    const users = reply.value;
    if (users.length > 1) {
      return run.fail({
        code: 'ambiguous-user',
        message: `${users.length} GoTo users of this account have the email ${email} (keys ${users
          .map((user) => user.key)
          .join(
            ', ',
          )}); nothing was changed. Remove the duplicate in GoTo Admin Center, then run the workflow again.`,
      });
    }
    found(users[0]);
  });
}

/**
 * The lookup for a decision on licenses: a match listed without them is read once by key, so
 * that no decision rests on licenses GoTo did not report.
 */
export function findUser(run: Run, found: (user: GotoUser | undefined) => void): void {
  findMatch(run, (match) => {
    if (!match) return found(undefined);
    knownUser(run.api.transport, run.api.accountKey, match, (known) => {
      if (!known.ok) return run.fail(known.failure, { userKey: match.key });
      found(known.value);
    });
  });
}
