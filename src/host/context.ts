import { parseJsonLossless } from '../common/lossless-json';
import { accountKeyText, isRecord, keyText, MAX_SAFE_INTEGER } from '../common/values';
import type { ProvisioningResult } from './result';

/**
 * The `context` global: a serialized .NET-looking object with PascalCase keys, as the
 * MyWorkspace host hands it over. Every field is `unknown` until validated here, and values may come
 * from another JavaScript realm, so only `typeof` and `Array.isArray` are trusted.
 */
export interface HostContext {
  OAuth2ProtocolConfiguration?: unknown;
  ProvisionedUser?: unknown;
  Application?: unknown;
  ProvisioningResult?: ProvisioningResult;
  [field: string]: unknown;
}

/** The context once validated: everything a workflow may rely on. */
export interface Settings {
  email: string;
  /** From the connection's `account_key`; undefined when it has none (then from the options or `/me`). */
  accountKey: string | undefined;
  accessToken: string;
  /** This app's license keys, de-duplicated, in the configured order; may be empty. */
  licenseKeys: string[];
  /** Raw names; checked only when a user must be created (see `newUserNames`). */
  firstName: unknown;
  lastName: unknown;
}

/** `accessToken` is whatever token could be read, usable context or not, so no output echoes it. */
export type ContextReading = { accessToken: string } & (
  | { kind: 'ready'; settings: Settings }
  | { kind: 'disabled'; email: string; reason: string }
  | { kind: 'invalid'; email: string; problem: string }
);

/** Characters that could change the filter expression or the request path. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const UNSAFE_EMAIL_CHARS = /["()/\\\s\u0000-\u001f\u007f]/;

/** GoTo Admin Center's limits on a user's address and on each name. */
export const MAX_EMAIL_LENGTH = 128;
export const MAX_NAME_LENGTH = 32;

export function readContext(ctx: unknown): ContextReading {
  if (!isRecord(ctx)) {
    return {
      kind: 'invalid',
      email: '',
      problem: 'the workflow context is missing or not an object',
      accessToken: '',
    };
  }
  // Parsed once: the token it holds must be redacted even when the run stops before using it.
  const oauth = oauthFields(ctx.OAuth2ProtocolConfiguration);
  const accessToken =
    typeof oauth !== 'string' && typeof oauth.access_token === 'string' ? oauth.access_token : '';
  const user = isRecord(ctx.ProvisionedUser) ? ctx.ProvisionedUser : {};
  const email = typeof user.MailAddress === 'string' ? user.MailAddress : '';
  const fields = appFields(ctx);

  if (fields.EnableAccountProvisioning !== true) {
    return {
      kind: 'disabled',
      email,
      reason: describeDisabled(fields.EnableAccountProvisioning),
      accessToken,
    };
  }
  const emailProblem = checkEmail(user.MailAddress);
  if (emailProblem) return { kind: 'invalid', email, problem: emailProblem, accessToken };

  const connection = readConnection(oauth);
  if (typeof connection === 'string') {
    return { kind: 'invalid', email, problem: connection, accessToken };
  }

  const licenses = readLicenseKeys(fields.ApplicationLicenses);
  if (typeof licenses === 'string') {
    return { kind: 'invalid', email, problem: licenses, accessToken };
  }

  return {
    kind: 'ready',
    settings: {
      email,
      accountKey: connection.accountKey,
      accessToken: connection.accessToken,
      licenseKeys: licenses,
      firstName: user.FirstName,
      lastName: user.LastName,
    },
    accessToken,
  };
}

export interface NewUserNames {
  firstName: string;
  lastName: string;
  /** The names that had to be cut to GoTo's limit, as `FirstName`/`LastName`. */
  shortened: string[];
}

/**
 * GoTo requires both names for a new user; never invent one. A name over GoTo's limit is cut
 * rather than refused: the user still gets their seat, and the message says what was cut.
 */
export function newUserNames(settings: Settings): NewUserNames | { problem: string } {
  const names: string[] = [];
  const shortened: string[] = [];
  for (const [field, value] of [
    ['FirstName', settings.firstName],
    ['LastName', settings.lastName],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '') {
      return {
        problem: `ProvisionedUser.${field} is ${describeValue(value)}; GoTo needs a first and last name to create a user`,
      };
    }
    const name = value.trim();
    if (name.length > MAX_NAME_LENGTH) shortened.push(field);
    names.push(cutName(name));
  }
  return { firstName: names[0] as string, lastName: names[1] as string, shortened };
}

/** The first MAX_NAME_LENGTH UTF-16 units, one fewer when the cut would split a surrogate pair. */
function cutName(name: string): string {
  if (name.length <= MAX_NAME_LENGTH) return name;
  const last = name.charCodeAt(MAX_NAME_LENGTH - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
  return name.slice(0, end).replace(/\s+$/, '');
}

function appFields(ctx: Record<string, unknown>): Record<string, unknown> {
  const app = isRecord(ctx.Application) ? ctx.Application : {};
  const appSettings = isRecord(app.ApplicationSettings) ? app.ApplicationSettings : {};
  return isRecord(appSettings.Fields) ? appSettings.Fields : {};
}

function describeDisabled(flag: unknown): string {
  if (flag === false) return 'EnableAccountProvisioning is false';
  if (flag === undefined) return 'EnableAccountProvisioning is not set';
  return `EnableAccountProvisioning is ${describeValue(flag)}, and only the boolean true enables it`;
}

function checkEmail(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') {
    return `ProvisionedUser.MailAddress is ${describeValue(value)}; an email address is required`;
  }
  if (value.length > MAX_EMAIL_LENGTH) {
    return `ProvisionedUser.MailAddress has ${value.length} characters; GoTo accepts at most ${MAX_EMAIL_LENGTH}`;
  }
  const unsafe = UNSAFE_EMAIL_CHARS.exec(value);
  if (unsafe) {
    return `ProvisionedUser.MailAddress contains ${describeChar(unsafe[0])}, which an email address used here may not contain`;
  }
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@') || at === value.length - 1) {
    return `ProvisionedUser.MailAddress "${value}" is not an email address (it needs one @ between a name and a domain)`;
  }
  return undefined;
}

const OAUTH_FIELD = 'OAuth2ProtocolConfiguration';

/** The OAuth configuration's JSON object (keys read losslessly), or what is wrong with it. */
export function oauthFields(value: unknown): Record<string, unknown> | string {
  if (typeof value !== 'string') {
    return `${OAUTH_FIELD} is ${describeValue(value)}; it must be a JSON string with access_token`;
  }
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(value);
  } catch (_) {
    return `${OAUTH_FIELD} is not valid JSON; it must be a JSON string with access_token`;
  }
  return isRecord(parsed) ? parsed : `${OAUTH_FIELD} is not a JSON object with access_token`;
}

/** The token, and the account when the connection names one (see `connectionAccountKey`). */
function readConnection(
  fields: Record<string, unknown> | string,
): { accountKey: string | undefined; accessToken: string } | string {
  if (typeof fields === 'string') return fields;
  const accessToken = fields.access_token;
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    return `${OAUTH_FIELD} has no access_token; connect the app to GoTo again so MyWorkspace stores a token`;
  }
  const account = connectionAccountKey(fields);
  return typeof account === 'string' ? account : { accountKey: account.accountKey, accessToken };
}

/**
 * The connection's `account_key`. Connections made since GoTo's token migration carry none
 * (empty or null counts as none); one that is present but not digits is refused, since acting
 * in a wrong account is worse than asking GoTo.
 */
export function connectionAccountKey(
  fields: Record<string, unknown>,
): { accountKey: string | undefined } | string {
  const given = fields.account_key;
  if (given === undefined || given === null || given === '') return { accountKey: undefined };
  const accountKey = accountKeyText(given);
  if (accountKey === undefined) {
    return `${OAUTH_FIELD} has an account_key that is not a GoTo account key (digits); correct it, or remove it so the scripts ask GoTo for the account`;
  }
  return { accountKey };
}

/** Tolerates an array, a single key or a comma-separated string (administrators enter keys all three ways). */
export function readLicenseKeys(value: unknown): string[] | string {
  const field = 'Application.ApplicationSettings.Fields.ApplicationLicenses';
  let items: unknown[];
  if (value === undefined || value === null) items = [];
  else if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') items = value.split(',');
  else if (typeof value === 'number') items = [value];
  else return `${field} is ${describeValue(value)}; it must be a list of license keys`;

  const keys: string[] = [];
  for (const item of items) {
    const text = typeof item === 'string' ? item.trim() : item;
    if (text === '' && typeof value === 'string') continue;
    const key = keyText(text);
    if (key === undefined) {
      const shown = typeof item === 'number' ? `the number ${String(item)}` : describeValue(item);
      // Only a number beyond 2^53 has lost digits; a negative or fractional one is simply wrong.
      return typeof item === 'number' && item > MAX_SAFE_INTEGER
        ? `${field} holds ${shown}, which is too large to be exact; enter license keys as text`
        : `${field} holds ${shown}, which is not a license key (digits and letters only)`;
    }
    if (keys.indexOf(key) < 0) keys.push(key);
  }
  return keys;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.trim() === '' ? 'blank' : `the string "${truncate(value)}"`;
  }
  if (Array.isArray(value)) return 'a list';
  return `of type ${typeof value}`;
}

function describeChar(ch: string): string {
  if (/\s/.test(ch)) return 'whitespace';
  if (ch < ' ' || ch === '\u007f') return 'a control character';
  return `the character ${ch}`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
