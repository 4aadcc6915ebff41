import { createUser } from '../goto/create-user';
import { assignLicenses, type LicenseReply } from '../goto/licenses';
import type { GotoUser } from '../goto/types';
import { MAX_NAME_LENGTH, newUserNames } from '../host/context';
import { findUser } from './find-user';
import { failPartly, oneKeyNote } from './licenses';
import { readBack } from './read-back';
import { invalidContext, type Run } from './run';

/**
 * "User assigned to Application": create the GoTo user with this app's licenses, or give an
 * existing user the ones they lack.
 *
 * A write whose answer was lost may have gone through, so it is never blindly repeated: the user
 * is read back and the decision taken again, at most `maxRetries` times. An assignment GoTo
 * refused with 409 or 422 is read back once too: another run may have got there first.
 */
export function provision(run: Run): void {
  const { settings, options, api } = run;
  const { email, licenseKeys } = settings;
  const dry = options.dryRun;

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
    const shortened =
      names.shortened.length === 0
        ? ''
        : ` GoTo accepts at most ${MAX_NAME_LENGTH} characters per name, so ProvisionedUser.${names.shortened.join(' and ProvisionedUser.')} was shortened to "${names.shortened.map((field) => (field === 'FirstName' ? names.firstName : names.lastName)).join('" and "')}".`;
    createUser(api, user, options.welcomeEmail, (reply) => {
      if (!reply.ok) return lost.afterFailedWrite(reply, 'created');
      if (!reply.value.created) return afterConflict();
      const userKey = reply.value.userKey;
      run.succeed(
        'created',
        (dry
          ? `Dry run: would create GoTo user ${email} with licenses ${licenseKeys.join(', ')}; nothing was changed.`
          : `Created GoTo user ${email} (key ${userKey}) with licenses ${licenseKeys.join(', ')}.`) +
          shortened,
        userKey === undefined ? { licenseKeys } : { userKey, licenseKeys },
      );
    });
  };

  /** The email is taken: the user is in this account after all, or in another one. */
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
    assignLicenses(api, missing, user.key, (reply) => {
      if (!reply.ok) {
        if (reply.conflict) return afterRefusal(reply, missing, user.key);
        if (reply.uncertain) return lost.afterFailedWrite(reply, 'licensed');
        return failPartly(run, reply, user.key, 'assigned');
      }
      run.succeed(
        lost.unconfirmed() || 'licensed',
        (dry
          ? `Dry run: would assign licenses ${missing.join(', ')} to GoTo user ${email} (key ${user.key}); nothing was changed.`
          : `Assigned licenses ${missing.join(', ')} to GoTo user ${email} (key ${user.key}).`) +
          oneKeyNote(api),
        { userKey: user.key, licenseKeys: missing },
      );
    });
  };

  /**
   * GoTo answered 409 or 422: the user may hold the keys already (another run got there first).
   * Read back once; holding them all ends well, else GoTo's refusal stands. Keys this run assigned
   * before the refusal make the outcome `licensed`.
   */
  const afterRefusal = (
    reply: Extract<LicenseReply, { ok: false }>,
    tried: string[],
    userKey: string,
  ) =>
    findUser(run, (user) => {
      if (!user || licenseKeys.some((key) => user.licenseKeys.indexOf(key) < 0)) {
        return failPartly(run, reply, userKey, 'assigned');
      }
      const ours = lost.unconfirmed() || (reply.changed.length > 0 ? 'licensed' : undefined);
      run.succeed(
        ours || 'unchanged',
        ours
          ? `GoTo user ${email} (key ${user.key}) now holds licenses ${tried.join(', ')}; GoTo refused part of the assignment because another change got there first.${oneKeyNote(api)}`
          : `GoTo user ${email} (key ${user.key}) already holds licenses ${tried.join(', ')}: another change got there first (GoTo answered the assignment with a conflict); nothing was changed by this run.`,
        { userKey: user.key, licenseKeys: ours ? tried : [] },
      );
    });

  decide();
}
