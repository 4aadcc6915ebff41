import type { GotoUser } from '../goto/types';
import { newUserNames } from '../host/context';
import { findUser } from './find-user';
import { readBack } from './read-back';
import { invalidContext, noLicenseKeys, type Run } from './run';

/**
 * "User assigned to Application" (behaviour.md §5): create the GoTo user with this app's
 * licenses, or give an existing user the ones they lack.
 *
 * A write whose answer was lost may have gone through, so it is never blindly repeated: the user
 * is read back and the decision taken again (behaviour.md §7), at most `maxRetries` times.
 */
export function provision(run: Run): void {
  const { settings, options, client } = run;
  const { email, licenseKeys } = settings;
  const dry = options.dryRun;

  if (licenseKeys.length === 0) {
    run.fail(noLicenseKeys());
    return;
  }

  const decide = () =>
    findUser(run, (user) => {
      if (user) license(user);
      else create();
    });
  const lost = readBack<'created' | 'licensed'>(run, decide);

  const create = () => {
    const names = newUserNames(settings);
    if ('problem' in names) {
      return run.fail(invalidContext(names.problem, 'Nothing was changed.'));
    }
    const user = {
      email,
      firstName: names.firstName,
      lastName: names.lastName,
      locale: options.locale,
      licenseKeys,
    };
    client.createUser(user, options.welcomeEmail, (reply) => {
      if (!reply.ok) return lost.afterFailedWrite(reply, 'created');
      if (!reply.value.created) return afterConflict();
      const userKey = reply.value.userKey;
      run.succeed(
        'created',
        dry
          ? `Dry run: would create GoTo user ${email} with licenses ${licenseKeys.join(', ')}; nothing was changed.`
          : `Created GoTo user ${email} (key ${userKey}) with licenses ${licenseKeys.join(', ')}.`,
        userKey === undefined ? { licenseKeys } : { userKey, licenseKeys },
      );
    });
  };

  /** The email is taken: the user is in this account after all, or in another one (§5.3). */
  const afterConflict = () =>
    findUser(run, (user) => {
      if (user) return license(user);
      run.fail({
        code: 'other-account',
        message: `GoTo already has a user with the email ${email}, but not in this account; nothing was changed. Ask the user to leave the other GoTo account, or remove them from it, then run the workflow again.`,
      });
    });

  const license = (user: GotoUser) => {
    const missing = licenseKeys.filter((key) => user.licenseKeys.indexOf(key) < 0);
    if (missing.length === 0) {
      const outcome = lost.unconfirmed() || 'unchanged';
      return run.succeed(
        outcome,
        outcome === 'unchanged'
          ? `GoTo user ${email} (key ${user.key}) already holds licenses ${licenseKeys.join(', ')}; nothing was changed.`
          : `GoTo user ${email} (key ${user.key}) holds licenses ${licenseKeys.join(', ')}: the ${lost.unconfirmed() === 'created' ? 'creation' : 'assignment'} went through although its answer was lost.`,
        { userKey: user.key, licenseKeys: outcome === 'unchanged' ? [] : licenseKeys },
      );
    }
    client.assignLicenses(missing, user.key, (reply) => {
      if (!reply.ok) return lost.afterFailedWrite(reply, 'licensed');
      run.succeed(
        lost.unconfirmed() || 'licensed',
        dry
          ? `Dry run: would assign licenses ${missing.join(', ')} to GoTo user ${email} (key ${user.key}); nothing was changed.`
          : `Assigned licenses ${missing.join(', ')} to GoTo user ${email} (key ${user.key}).`,
        { userKey: user.key, licenseKeys: missing },
      );
    });
  };

  decide();
}
