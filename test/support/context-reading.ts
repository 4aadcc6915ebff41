import { ACCOUNT_KEY, PRO, STANDARD } from '../../emulator/contexts';
import type { SeedUser } from '../../emulator/fake-goto';
import type { ScriptName } from './scenario';

/**
 * The fuzz test's oracle: the contract's reading of a workflow context (skipped, rejected, or
 * usable, and with what), and what a run on a usable one must send and end as. Written from the
 * contract, not from the scripts' own checks.
 */

/** The key of the user the fuzz test's account may hold with the fuzzed address. */
export const USER_KEY = '7000000000000000001';
/** GoTo Admin Center's limit on an address. */
const EMAIL_LIMIT = 128;

export type Reading =
  | { kind: 'skipped' }
  | { kind: 'invalid' }
  | {
      kind: 'usable';
      email: string;
      accountKey: string;
      /** The account comes from GET /me. */
      asksMe: boolean;
      keys: string[];
      names: boolean;
    };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A key is letters and digits, or a whole number JavaScript holds exactly. */
function key(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  }
  return typeof value === 'string' && /^[A-Za-z0-9]+$/.test(value) ? value : undefined;
}

/** The contract's reading of a context: what a script may do with it. */
export function read(input: Record<string, unknown>): Reading {
  const user = isObject(input.ProvisionedUser) ? input.ProvisionedUser : {};
  const app = isObject(input.Application) ? input.Application : {};
  const settings = isObject(app.ApplicationSettings) ? app.ApplicationSettings : {};
  const fields = isObject(settings.Fields) ? settings.Fields : {};
  if (fields.EnableAccountProvisioning !== true) return { kind: 'skipped' };

  const address = user.MailAddress;
  if (
    typeof address !== 'string' ||
    address.length > EMAIL_LIMIT ||
    // Characters that could change the filter or the path: quotes, brackets, slashes,
    // whitespace and control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
    /["()/\\\s\u0000-\u001f\u007f]/.test(address) ||
    !/^[^@]+@[^@]+$/.test(address)
  ) {
    return { kind: 'invalid' };
  }

  let connection: unknown;
  try {
    connection =
      typeof input.OAuth2ProtocolConfiguration === 'string'
        ? JSON.parse(input.OAuth2ProtocolConfiguration)
        : undefined;
  } catch {
    connection = undefined;
  }
  if (!isObject(connection)) return { kind: 'invalid' };
  const token = connection.access_token;
  if (typeof token !== 'string' || token.trim() === '') return { kind: 'invalid' };
  // No account_key (absent, null or empty): the scripts ask GoTo with GET /me. One that is
  // there must be an account key: digits.
  const given = connection.account_key;
  const named = given !== undefined && given !== null && given !== '';
  const accountKey = named ? key(given) : ACCOUNT_KEY;
  if (accountKey === undefined || !/^\d+$/.test(accountKey)) return { kind: 'invalid' };

  const configured = fields.ApplicationLicenses;
  let items: unknown[];
  if (configured === undefined || configured === null) items = [];
  else if (Array.isArray(configured)) items = configured;
  else if (typeof configured === 'string') {
    items = configured.split(',').filter((item) => item.trim() !== '');
  } else if (typeof configured === 'number') items = [configured];
  else return { kind: 'invalid' };
  const keys: string[] = [];
  for (const item of items) {
    const text = key(typeof item === 'string' ? item.trim() : item);
    if (text === undefined) return { kind: 'invalid' };
    if (!keys.includes(text)) keys.push(text);
  }
  if (keys.length === 0) return { kind: 'invalid' };

  const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  return {
    kind: 'usable',
    email: address,
    accountKey,
    asksMe: !named,
    keys,
    names: filled(user.FirstName) && filled(user.LastName),
  };
}

/** What the run must send and end as, for a usable context, by the contract. */
export function expectedRun(
  script: ScriptName,
  reading: Extract<Reading, { kind: 'usable' }>,
  user: SeedUser | undefined,
) {
  const account = `/accounts/${encodeURIComponent(reading.accountKey)}`;
  const known = (keys: string[]) => keys.every((k) => k === STANDARD || k === PRO);
  const licensePath = (keys: string[]) =>
    `${account}/licenses/${keys.map(encodeURIComponent).join(',')}/users/${USER_KEY}`;
  const held = user?.licenseKeys ?? [];
  if (script === 'deprovisioning') {
    if (!user) return { writes: [], outcome: 'not-found' };
    const removing = reading.keys.filter((k) => held.includes(k));
    if (removing.length === 0) return { writes: [], outcome: 'unchanged' };
    return { writes: [`DELETE ${licensePath(removing)}`], outcome: 'unlicensed' };
  }
  if (!user) {
    if (!reading.names) return { writes: [], outcome: 'failed', error: 'invalid-context' };
    const outcome = known(reading.keys) ? { outcome: 'created' } : failedUnknownLicense;
    return { writes: [`POST ${account}/users`], ...outcome };
  }
  const missing = reading.keys.filter((k) => !held.includes(k));
  if (missing.length === 0) return { writes: [], outcome: 'unchanged' };
  if (known(missing)) return { writes: [`POST ${licensePath(missing)}`], outcome: 'licensed' };
  // GoTo's 404 on several keys reads as a refusal of the joined path: one key a call follows,
  // up to the first key the account does not have.
  const single = missing.slice(0, missing.findIndex((k) => !known([k])) + 1);
  const joined = missing.length > 1 ? [missing] : [];
  return {
    writes: [...joined, ...single.map((k) => [k])].map((keys) => `POST ${licensePath(keys)}`),
    ...failedUnknownLicense,
  };
}

/** GoTo answers 404 license.not.found for a key the account does not have. */
const failedUnknownLicense = { outcome: 'failed', error: 'api-error' };
