import { ACCOUNT_KEY, PRO, STANDARD } from '../../emulator/contexts';
import type { SeedUser } from '../../emulator/fake-goto';
import type { FuzzContext } from './fuzz-contexts';
import type { ScriptName } from './scenario';

/**
 * The fuzz test's oracle: from the verdicts a fuzzed context was made with
 * (test/support/fuzz-contexts.ts), what the contract says a run on it must do: skip, reject
 * naming the first broken field in the documented order, or act, with exactly which writes, and
 * which outcome, keys and message. Written from docs/behaviour.md and the README's examples.
 */

/** The key of the user the fuzz test's account may hold with the fuzzed address. */
export const USER_KEY = '7000000000000000001';

export type Reading =
  | { kind: 'skipped' }
  /** `names`: the field the message must name. */
  | { kind: 'invalid'; names: string }
  | {
      kind: 'usable';
      email: string;
      accountKey: string;
      /** The account comes from GET /me. */
      asksMe: boolean;
      keys: string[];
      names: boolean;
    };

/** The contract's order: the switch, the address, the connection, the license list. */
export function read(drawn: FuzzContext): Reading {
  if (!drawn.enabled) return { kind: 'skipped' };
  const { email, connection, licenses } = drawn;
  if (!email.ok) return { kind: 'invalid', names: email.names };
  if (!connection.ok) return { kind: 'invalid', names: connection.names };
  if (!licenses.ok) return { kind: 'invalid', names: licenses.names };
  return {
    kind: 'usable',
    email: email.read,
    accountKey: connection.read ?? ACCOUNT_KEY,
    asksMe: connection.read === undefined,
    keys: licenses.read,
    names: drawn.names,
  };
}

export interface ExpectedRun {
  /** `METHOD path` of each write, in order. */
  writes: string[];
  outcome: string;
  error?: string;
  /** The user's key in the result; 'created' for the key GoTo gave the new user. */
  userKey?: string;
  licenseKeys?: string[];
  /** Words the message must hold. */
  says: string[];
}

/** Only these two keys exist in the fuzz test's account. */
const exists = (key: string) => key === STANDARD || key === PRO;

/** What the run must send and end as, for a usable context, by the contract. */
export function expectedRun(
  script: ScriptName,
  reading: Extract<Reading, { kind: 'usable' }>,
  user: SeedUser | undefined,
): ExpectedRun {
  const { email, keys } = reading;
  const account = `/accounts/${reading.accountKey}`;
  // Keys are letters and digits, which go into the path as they are.
  const licensePath = (some: string[]) => `${account}/licenses/${some.join(',')}/users/${USER_KEY}`;
  const held = user?.licenseKeys ?? [];
  const named = `GoTo user ${email} (key ${USER_KEY})`;
  if (script === 'deprovisioning') {
    if (!user) {
      return { writes: [], outcome: 'not-found', says: [`has the email ${email}`] };
    }
    const removing = keys.filter((k) => held.includes(k));
    if (removing.length === 0) {
      return {
        writes: [],
        outcome: 'unchanged',
        userKey: USER_KEY,
        licenseKeys: [],
        says: [`${named} holds none of licenses ${keys.join(', ')}`],
      };
    }
    return {
      writes: [`DELETE ${licensePath(removing)}`],
      outcome: 'unlicensed',
      userKey: USER_KEY,
      licenseKeys: removing,
      says: [`Removed licenses ${removing.join(', ')} from ${named}`],
    };
  }
  if (!user) {
    if (!reading.names) {
      return {
        writes: [],
        outcome: 'failed',
        error: 'invalid-context',
        says: ['ProvisionedUser.', 'GoTo needs a first and last name'],
      };
    }
    if (keys.every(exists)) {
      return {
        writes: [`POST ${account}/users`],
        outcome: 'created',
        userKey: 'created',
        licenseKeys: keys,
        says: [`Created GoTo user ${email} (key `, `with licenses ${keys.join(', ')}`],
      };
    }
    return {
      writes: [`POST ${account}/users`],
      ...unknownLicense,
      says: ['GoTo answered 404, code license.not.found', `while creating ${email}`],
    };
  }
  const missing = keys.filter((k) => !held.includes(k));
  if (missing.length === 0) {
    return {
      writes: [],
      outcome: 'unchanged',
      userKey: USER_KEY,
      licenseKeys: [],
      says: [`${named} already holds licenses ${keys.join(', ')}`],
    };
  }
  if (missing.every(exists)) {
    return {
      writes: [`POST ${licensePath(missing)}`],
      outcome: 'licensed',
      userKey: USER_KEY,
      licenseKeys: missing,
      says: [`Assigned licenses ${missing.join(', ')} to ${named}`],
    };
  }
  // GoTo's 404 on several keys reads as a refusal of the joined path: one key a call follows,
  // up to the first key the account does not have; the keys given before it are reported.
  const firstUnknown = missing.findIndex((k) => !exists(k));
  const single = missing.slice(0, firstUnknown + 1);
  const given = missing.slice(0, firstUnknown);
  const joined = missing.length > 1 ? [missing] : [];
  return {
    writes: [...joined, ...single.map((k) => [k])].map((some) => `POST ${licensePath(some)}`),
    ...unknownLicense,
    userKey: USER_KEY,
    ...(given.length > 0 ? { licenseKeys: given } : {}),
    says: [
      'GoTo answered 404, code license.not.found',
      `assigning licenses ${missing[firstUnknown]} to user ${USER_KEY}`,
      ...(given.length > 0 ? [`Licenses ${given.join(', ')} were assigned before that`] : []),
    ],
  };
}

/** GoTo answers 404 license.not.found for a key the account does not have. */
const unknownLicense = { outcome: 'failed', error: 'api-error' };
