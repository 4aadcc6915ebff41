import { deleteUser as deleteGotoUser } from '../goto/delete-user';
import { removeLicenses as removeGotoLicenses } from '../goto/licenses';
import type { GotoUser } from '../goto/types';
import type { UserEntry } from '../goto/user-entry';
import { findMatch, findUser } from './find-user';
import { failPartly, oneKeyNote } from './licenses';
import { readBack } from './read-back';
import type { Run } from './run';

/**
 * "User unassigned from Application". By default only this app's licenses are
 * taken back: the user keeps their meetings, recordings and any other tier's licenses, as GoTo's
 * own sync, Okta and OneLogin do. `delete` mode deletes the user, which destroys that data.
 *
 * As in provisioning, a write whose answer was lost is confirmed by reading the user back.
 */
export function deprovision(run: Run): void {
  const { settings, options, api } = run;
  const { email, licenseKeys } = settings;
  const dry = options.dryRun;

  // Deleting a user does not depend on their licenses: only taking licenses back needs them known.
  const decide = () =>
    options.deprovisionMode === 'delete'
      ? findMatch(run, (entry) => (entry ? deleteUser(entry) : gone()))
      : findUser(run, (user) => (user ? removeLicenses(user) : gone()));
  const lost = readBack<'unlicensed' | 'deleted'>(run, decide);

  const gone = () => {
    if (lost.unconfirmed() === 'deleted') {
      return run.succeed(
        'deleted',
        `GoTo user ${email} is gone: the deletion went through although its answer was lost.`,
      );
    }
    run.succeed(
      'not-found',
      `No GoTo user of this account has the email ${email}; nothing to take back.`,
    );
  };

  const removeLicenses = (user: GotoUser) => {
    const held = licenseKeys.filter((key) => user.licenseKeys.indexOf(key) >= 0);
    if (held.length === 0) {
      return run.succeed(
        lost.unconfirmed() ? 'unlicensed' : 'unchanged',
        lost.unconfirmed()
          ? `GoTo user ${email} (key ${user.key}) no longer holds licenses ${licenseKeys.join(', ')}: the removal went through although its answer was lost.`
          : `GoTo user ${email} (key ${user.key}) holds none of licenses ${licenseKeys.join(', ')}; nothing was changed.`,
        { userKey: user.key, licenseKeys: lost.unconfirmed() ? licenseKeys : [] },
      );
    }
    removeGotoLicenses(api, held, user.key, (reply) => {
      if (!reply.ok) {
        if (reply.uncertain) return lost.afterFailedWrite(reply, 'unlicensed');
        return failPartly(run, reply, user.key, 'removed');
      }
      run.succeed(
        'unlicensed',
        (dry
          ? `Dry run: would remove licenses ${held.join(', ')} from GoTo user ${email} (key ${user.key}); nothing was changed.`
          : `Removed licenses ${held.join(', ')} from GoTo user ${email} (key ${user.key}); the user and their data stay in GoTo.`) +
          oneKeyNote(api),
        { userKey: user.key, licenseKeys: held },
      );
    });
  };

  const deleteUser = (user: UserEntry) =>
    deleteGotoUser(api, user.key, (reply) => {
      if (!reply.ok) return lost.afterFailedWrite(reply, 'deleted');
      if (!reply.value && lost.unconfirmed() !== 'deleted') {
        return run.succeed(
          'not-found',
          `GoTo user ${email} (key ${user.key}) was removed by someone else meanwhile; nothing to take back.`,
          { userKey: user.key },
        );
      }
      run.succeed(
        'deleted',
        dry
          ? `Dry run: would delete GoTo user ${email} (key ${user.key}) with their meeting history and recordings; nothing was changed.`
          : `Deleted GoTo user ${email} (key ${user.key}), with their meeting history and recordings.`,
        { userKey: user.key },
      );
    });

  decide();
}
