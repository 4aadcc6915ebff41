import { Command } from 'commander';
import { caseInsensitivePattern, sameEmail } from '../../src/goto/filter';
import type { Me, MeAccount } from '../../src/goto/me';
import type { GotoUser } from '../../src/goto/types';
import { bold, green, red } from '../shared/terminal';
import { EXIT_FAILED, EXIT_OK } from '../shared/usage';
import { type AccountLicense, listLicenses, searchUsers } from './account-reads';
import { realTimer, type Timer } from './connection';
import { MAX_REQUESTS, type ProbeReport, probeRateLimit } from './probe-rate-limit';
import {
  askMe,
  type CommonFlags,
  consoleIo,
  openSession,
  resolveAccount,
  type Session,
  type ToolIo,
  withCommonOptions,
} from './session';

/**
 * `check <settings file>`: read-only, one line per fact the workflows depend on, each pass, warn
 * or fail with what to do. Exit 0 when nothing failed, 1 when something did. With
 * `--probe-rate-limit`, and only then, a last line on the kind of rate limiter
 * (./probe-rate-limit.ts).
 */

export type Status = 'pass' | 'warn' | 'fail';
export type FilterReading = 'regex' | 'literal' | 'unknown';

export interface CheckLine {
  check: 'app' | 'token' | 'roles' | 'account' | 'license' | 'filter' | 'limiter';
  status: Status;
  message: string;
}

export interface CheckReport {
  accountKey: string | null;
  filterReading: FilterReading | null;
  /** Only with --probe-rate-limit, once the token is accepted. */
  rateLimit?: ProbeReport;
  checks: CheckLine[];
}

interface CheckFlags extends CommonFlags {
  json?: boolean;
  probeRateLimit?: boolean;
}

export function checkCommand(io: ToolIo = consoleIo): Command {
  return withCommonOptions(
    new Command('check')
      .description(
        'check, without changing anything, that the token, roles, account, license keys and user filter are what the workflows need',
      )
      .argument('<settings>', 'a context file as `try` takes it, without the token')
      .option('--json', 'print the report as one JSON object')
      .option(
        '--probe-rate-limit',
        `also learn whether GoTo's rate limiter counts refused requests, from at most ${MAX_REQUESTS} GET /me in a few seconds; run it when no onboarding is under way, since it briefly uses up the account's allowance`,
      ),
  ).action(async (settingsPath: string, flags: CheckFlags) => {
    const session = openSession('check', settingsPath, flags, io);
    const report = await runCheck(session, flags);
    if (flags.probeRateLimit) await addProbe(report, session, io.timer ?? realTimer);
    session.out(flags.json ? JSON.stringify(report, null, 2) : render(report, flags.apiBaseUrl));
    process.exitCode = report.checks.some((line) => line.status === 'fail') ? EXIT_FAILED : EXIT_OK;
  });
}

export async function runCheck(session: Session, flags: CommonFlags): Promise<CheckReport> {
  const { settings, connection } = session;
  const checks: CheckLine[] = [];
  const report: CheckReport = { accountKey: null, filterReading: null, checks };
  const add = (check: CheckLine['check'], status: Status, message: string) =>
    checks.push({ check, status, message });

  if (settings.enabled === true) {
    add('app', 'pass', 'EnableAccountProvisioning is true: the workflows act on this app.');
  } else {
    add(
      'app',
      'warn',
      `EnableAccountProvisioning is ${JSON.stringify(settings.enabled) ?? 'not set'}: the workflows skip every run until it is the boolean true.`,
    );
  }

  const me = await askMe(connection);
  if (!me.ok) {
    add('token', 'fail', me.failure.message);
    return report;
  }
  const who = me.value.email ?? 'an admin whose address GoTo does not give';
  add(
    'token',
    'pass',
    `The token is accepted with the Admin Center scope; it belongs to ${who}${me.value.key ? ` (user ${me.value.key})` : ''}.`,
  );

  const account = resolveAccount(flags, settings, me.value);
  const listed = account && me.value.accounts.find((entry) => entry.key === account.key);
  const roles = listed?.adminRoles ?? me.value.adminRoles;
  const rolesLine = judgeRoles(roles);
  add('roles', rolesLine.status, rolesLine.message);

  if (!account) {
    add(
      'account',
      'fail',
      `${NO_ACCOUNT}${me.value.accounts.length > 0 ? `, one of the admin's accounts: ${accountNames(me.value.accounts)}` : ''}.`,
    );
    return report;
  }
  report.accountKey = account.key;
  if (me.value.accounts.length > 0 && !listed) {
    add(
      'account',
      'warn',
      `The scripts would use account ${account.key} (from ${account.source}), which is not among the accounts this admin may manage (${accountNames(me.value.accounts)}): GoTo will refuse its calls (403); correct the account key.`,
    );
  } else {
    add(
      'account',
      'pass',
      `The scripts would use account ${account.key}${listed?.name ? ` (${listed.name})` : ''}, from ${account.source}${otherAccounts(me.value, account.key)}.`,
    );
  }

  // After a refused call the next ones would only repeat the same failure.
  if (!(await checkLicenses(session, account.key, add))) return report;
  report.filterReading = await checkFilter(session, account.key, me.value, add);
  return report;
}

/** Only once the token is accepted: otherwise every probe request would be refused for it. */
async function addProbe(report: CheckReport, session: Session, timer: Timer): Promise<void> {
  if (!report.checks.some((line) => line.check === 'token' && line.status === 'pass')) return;
  const probe = await probeRateLimit(session.connection, timer);
  report.rateLimit = probe;
  report.checks.push({
    check: 'limiter',
    status: probe.kind === 'lenient' ? 'pass' : 'warn',
    message: probe.message,
  });
}

type Add = (check: CheckLine['check'], status: Status, message: string) => void;

/** Which role each call needs is not documented; these are the names GoTo's connectors use. */
function judgeRoles(roles: string[]): { status: Status; message: string } {
  if (roles.includes('SUPER_USER')) {
    return { status: 'pass', message: 'The admin is a SUPER_USER: may manage users and licenses.' };
  }
  const missing: string[] = [];
  if (!roles.includes('MANAGE_USERS')) missing.push('MANAGE_USERS (users)');
  if (!roles.includes('MANAGE_SEATS')) missing.push('MANAGE_SEATS (licenses)');
  const held = roles.length === 0 ? 'no admin role' : `the roles ${roles.join(', ')}`;
  if (missing.length === 0) {
    return { status: 'pass', message: `The admin has ${held}: may manage users and licenses.` };
  }
  return {
    status: 'warn',
    message: `The admin has ${held}, without ${missing.join(' or ')}: the workflows may be refused (403 forbidden); connect with a GoTo super user or grant those roles.`,
  };
}

/** Said when neither the build option, the connection nor `/me` names the account. */
export const NO_ACCOUNT =
  'No account: the OAuth configuration has no account_key and GET /me names none; set account_key in the OAuth configuration or the accountKey build option';

function otherAccounts(me: Me, chosen: string): string {
  const others = me.accounts.filter((account) => account.key !== chosen);
  if (others.length === 0) return '; the admin has no other account';
  return `; the admin may also choose ${accountNames(others)}`;
}

function accountNames(accounts: MeAccount[]): string {
  return accounts
    .map((account) => (account.name ? `${account.key} (${account.name})` : account.key))
    .join(', ');
}

/** False when GoTo refused the call. */
async function checkLicenses(session: Session, accountKey: string, add: Add): Promise<boolean> {
  if (session.settings.licenseKeys.length === 0) {
    add(
      'license',
      'fail',
      'ApplicationLicenses is empty: list the license keys this app hands out in the app settings.',
    );
    return true;
  }
  const licenses = await session.connection.ask<AccountLicense[]>((transport, callback) =>
    listLicenses(transport, accountKey, callback),
  );
  if (!licenses.ok) {
    add('license', 'fail', licenses.failure.message);
    return false;
  }
  for (const key of session.settings.licenseKeys) {
    const license = licenses.value.find((entry) => entry.key === key);
    if (!license) {
      add(
        'license',
        'fail',
        `License key ${key} does not exist in account ${accountKey}; correct ApplicationLicenses (the account has ${describeLicenses(licenses.value)}).`,
      );
      continue;
    }
    const named = license.description ? `${key} (${license.description})` : key;
    const seats = seatCounts(license);
    if (seats === undefined) {
      add('license', 'pass', `License ${named} exists; GoTo gives no seat count for it.`);
    } else if (seats.free <= 0) {
      add(
        'license',
        'warn',
        `License ${named}: ${seats.seats} seats, ${seats.used} used, no free seat: new users will fail with no-seats; free a seat or add seats.`,
      );
    } else {
      add(
        'license',
        'pass',
        `License ${named}: ${seats.seats} seats, ${seats.used} used, ${seats.free} free.`,
      );
    }
  }
  return true;
}

/** Free seats are seats less GoTo's own user count: no remaining count is documented. */
export function seatCounts(
  license: AccountLicense,
  holders?: number,
): { seats: number; used: number; free: number } | undefined {
  if (license.seats === undefined) return undefined;
  const used = license.userCount ?? holders;
  if (used === undefined) return undefined;
  return { seats: license.seats, used, free: license.seats - used };
}

export function describeLicenses(licenses: AccountLicense[]): string {
  if (licenses.length === 0) return 'no license';
  return licenses
    .map((license) => (license.description ? `${license.key} ${license.description}` : license.key))
    .join(', ');
}

/**
 * Whether GoTo reads filter values as regular expressions is unconfirmed. The admin's own address
 * is looked up twice: exactly, and as `(?i)` plus the address with metacharacters as `.`, which no
 * literal reading can match (an address holds no parentheses).
 */
async function checkFilter(
  session: Session,
  accountKey: string,
  me: Me,
  add: Add,
): Promise<FilterReading> {
  const email = me.email;
  if (email === undefined) {
    add(
      'filter',
      'warn',
      'unknown: GET /me gives no address to look up, so the filter reading cannot be tested.',
    );
    return 'unknown';
  }
  const finds = async (value: string) => {
    const found = await session.connection.ask<GotoUser[]>((transport, callback) =>
      searchUsers(transport, accountKey, `(email="${value}")`, callback),
    );
    return found.ok
      ? { ok: true as const, found: found.value.some((user) => sameEmail(user.email, email)) }
      : found;
  };
  const exact = await finds(email);
  if (!exact.ok) {
    add('filter', 'fail', exact.failure.message);
    return 'unknown';
  }
  const variant = await finds(caseInsensitivePattern(email));
  if (!variant.ok) {
    add(
      'filter',
      'warn',
      `unknown: GoTo refused the pattern lookup (${variant.failure.message}); the workflows' filter does not depend on the answer.`,
    );
    return 'unknown';
  }
  if (variant.found) {
    add(
      'filter',
      'pass',
      `regex: GoTo read "${caseInsensitivePattern(email)}" as a regular expression and found ${email}; the workflows' second filter clause finds plus-addresses and other cases.`,
    );
    return 'regex';
  }
  if (exact.found) {
    add(
      'filter',
      'pass',
      `literal: GoTo found ${email} by its exact address but not by a pattern; the workflows' first filter clause finds users.`,
    );
    return 'literal';
  }
  add(
    'filter',
    'warn',
    `unknown: ${email} is not a user of account ${accountKey}, so neither lookup could find it; the workflows' filter is built to work under both readings.`,
  );
  return 'unknown';
}

function render(report: CheckReport, apiBaseUrl: string): string {
  const paint = { pass: green, warn: bold, fail: red };
  const lines = report.checks.map(
    (line) =>
      `${paint[line.status](line.status.padEnd(4))}  ${line.check.padEnd(7)}  ${line.message}`,
  );
  const count = (status: Status) => report.checks.filter((line) => line.status === status).length;
  return [
    bold(`GoTo connection check against ${apiBaseUrl} (read-only)`),
    ...lines,
    '',
    `${count('fail')} failed, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('pass')} passed`,
  ].join('\n');
}
