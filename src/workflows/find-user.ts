import { findUsersByEmail } from '../goto/find-users';
import type { GotoUser } from '../goto/types';
import type { Run } from './run';

/**
 * Both workflows' lookup: the exact user or nobody. More than one
 * exact match ends the run as `ambiguous-user` before any write.
 */
export function findUser(run: Run, found: (user: GotoUser | undefined) => void): void {
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
