import { Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { Reply } from '../../src/goto/client';
import type { GotoUser } from '../../src/goto/types';
import { bold, dim, table } from '../shared/terminal';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../shared/usage';
import { type AccountLicense, listLicenses, listUsers } from './account-reads';
import { readAssignedFile } from './assigned-file';
import { describeLicenses, NO_ACCOUNT, seatCounts } from './check';
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
 * `audit <settings file> [--assigned FILE]`: read-only. Every configured license with its seats
 * and holders; with the MyWorkspace assignments, the drift between them and GoTo.
 */

export interface AuditLicense {
  key: string;
  description: string;
  seats: number | null;
  used: number | null;
  free: number | null;
  holders: string[];
}

export interface AuditReport {
  accountKey: string;
  licenses: AuditLicense[];
  /** Users holding one of the app's keys whom MyWorkspace does not assign: seats to reclaim. */
  unassignedHolders?: { email: string; licenseKeys: string[] }[];
  /** Assigned users of the account lacking one of the app's keys: runs to repeat. */
  assignedNotLicensed?: string[];
  /** Assigned addresses with no GoTo user in the account. */
  assignedNotInGoTo?: string[];
}

interface AuditFlags extends CommonFlags {
  assigned?: string;
  json?: boolean;
  csv?: boolean;
}

export function auditCommand(io: ToolIo = consoleIo): Command {
  return withCommonOptions(
    new Command('audit')
      .description(
        'list, without changing anything, who holds the app’s licenses and, with --assigned, how that differs from MyWorkspace',
      )
      .argument('<settings>', 'a context file as `try` takes it, without the token')
      .option(
        '--assigned <file>',
        'the addresses assigned in MyWorkspace: a CSV with an email column, or one address per line',
      )
      .addOption(new Option('--json', 'print the report as one JSON object').conflicts('csv'))
      .option('--csv', 'print the drift as CSV rows (needs --assigned)'),
  ).action(async (settingsPath: string, flags: AuditFlags) => {
    if (flags.csv && flags.assigned === undefined) {
      throw new UsageError('--csv prints the drift, which needs --assigned FILE');
    }
    const session = openSession('audit', settingsPath, flags, io);
    if (session.settings.licenseKeys.length === 0) {
      throw new UsageError(
        `${settingsPath}: ApplicationLicenses is empty; the audit needs the license keys the app hands out`,
      );
    }
    const assigned = flags.assigned === undefined ? undefined : readAssignedFile(flags.assigned);
    const audited = await runAudit(session, flags, assigned);
    if (!audited.ok) {
      session.err(`audit: ${audited.message}`);
      process.exitCode = EXIT_FAILED;
      return;
    }
    const report = audited.report;
    if (flags.json) session.out(JSON.stringify(report, null, 2));
    else if (flags.csv) session.out(driftCsv(report));
    else session.out(render(report));
    process.exitCode = EXIT_OK;
  });
}

export async function runAudit(
  session: Session,
  flags: CommonFlags,
  assigned: string[] | undefined,
): Promise<{ ok: true; report: AuditReport } | { ok: false; message: string }> {
  const { settings, connection } = session;
  let account = resolveAccount(flags, settings, undefined);
  if (!account) {
    const me = await askMe(connection);
    if (!me.ok) return { ok: false, message: me.failure.message };
    account = resolveAccount(flags, settings, me.value);
    if (!account) {
      return { ok: false, message: `${NO_ACCOUNT}.` };
    }
  }
  const accountKey = account.key;
  const licenses: Reply<AccountLicense[]> = await connection.ask((transport, callback) =>
    listLicenses(transport, accountKey, callback),
  );
  if (!licenses.ok) return { ok: false, message: licenses.failure.message };
  const missing = settings.licenseKeys.filter(
    (key) => !licenses.value.some((license) => license.key === key),
  );
  if (missing.length > 0) {
    return {
      ok: false,
      message: `License key${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist in account ${accountKey}; correct ApplicationLicenses (the account has ${describeLicenses(licenses.value)}).`,
    };
  }
  const users: Reply<GotoUser[]> = await connection.ask((transport, callback) =>
    listUsers(transport, accountKey, callback),
  );
  if (!users.ok) return { ok: false, message: users.failure.message };
  return {
    ok: true,
    report: compare(accountKey, settings.licenseKeys, licenses.value, users.value, assigned),
  };
}

/** Addresses are compared ignoring case, as the workflows find users. */
export function compare(
  accountKey: string,
  licenseKeys: string[],
  licenses: AccountLicense[],
  users: GotoUser[],
  assigned: string[] | undefined,
): AuditReport {
  const report: AuditReport = {
    accountKey,
    licenses: licenseKeys.map((key) => {
      const license = licenses.find((entry) => entry.key === key) ?? { key };
      const holders = byEmail(users.filter((user) => user.licenseKeys.includes(key))).map(
        (user) => user.email,
      );
      const seats = seatCounts(license, holders.length);
      return {
        key,
        description: license.description ?? '',
        seats: seats?.seats ?? null,
        used: seats?.used ?? null,
        free: seats?.free ?? null,
        holders,
      };
    }),
  };
  if (assigned === undefined) return report;
  const assignedSet = new Set(assigned.map((email) => email.toLowerCase()));
  const held = (user: GotoUser) => licenseKeys.filter((key) => user.licenseKeys.includes(key));
  report.unassignedHolders = byEmail(
    users.filter((user) => held(user).length > 0 && !assignedSet.has(user.email.toLowerCase())),
  ).map((user) => ({ email: user.email, licenseKeys: held(user) }));
  const usersByEmail = new Map<string, GotoUser[]>();
  for (const user of users) {
    const key = user.email.toLowerCase();
    usersByEmail.set(key, [...(usersByEmail.get(key) ?? []), user]);
  }
  const notLicensed: GotoUser[] = [];
  const notInGoTo: string[] = [];
  for (const email of assigned) {
    const matches = usersByEmail.get(email.toLowerCase()) ?? [];
    if (matches.length === 0) notInGoTo.push(email);
    for (const user of matches) {
      if (held(user).length < licenseKeys.length) notLicensed.push(user);
    }
  }
  report.assignedNotLicensed = byEmail(notLicensed).map((user) => user.email);
  report.assignedNotInGoTo = [...notInGoTo].sort(compareEmails);
  return report;
}

function compareEmails(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function byEmail(users: GotoUser[]): GotoUser[] {
  return [...users].sort((a, b) => compareEmails(a.email, b.email));
}

export const DRIFT_KINDS = {
  unassignedHolders: 'unassigned-holder',
  assignedNotLicensed: 'assigned-not-licensed',
  assignedNotInGoTo: 'assigned-not-in-goto',
} as const;

function driftCsv(report: AuditReport): string {
  const rows: string[][] = [['drift', 'email', 'licenseKeys']];
  for (const holder of report.unassignedHolders ?? []) {
    rows.push([DRIFT_KINDS.unassignedHolders, holder.email, holder.licenseKeys.join(' ')]);
  }
  for (const email of report.assignedNotLicensed ?? []) {
    rows.push([DRIFT_KINDS.assignedNotLicensed, email, '']);
  }
  for (const email of report.assignedNotInGoTo ?? []) {
    rows.push([DRIFT_KINDS.assignedNotInGoTo, email, '']);
  }
  return stringify(rows).trimEnd();
}

function render(report: AuditReport): string {
  const count = (value: number | null) => (value === null ? '?' : String(value));
  const blocks = [
    bold(`Seat audit of GoTo account ${report.accountKey} (read-only)`),
    table(
      ['license', 'description', 'seats', 'used', 'free'],
      report.licenses.map((license) => [
        license.key,
        license.description,
        count(license.seats),
        count(license.used),
        count(license.free),
      ]),
    ),
  ];
  for (const license of report.licenses) {
    blocks.push(
      `${bold(`Holders of ${license.key}`)} (${license.holders.length})\n${list(license.holders)}`,
    );
  }
  if (report.unassignedHolders) {
    blocks.push(
      `${bold('Holding a license but not assigned in MyWorkspace')} (${report.unassignedHolders.length}): seats to reclaim; remove the license in GoTo, or assign the user in MyWorkspace if they should keep it\n${list(report.unassignedHolders.map((holder) => `${holder.email}  ${dim(holder.licenseKeys.join(', '))}`))}`,
      `${bold('Assigned but missing a license')} (${report.assignedNotLicensed?.length ?? 0}): runs to repeat; unassign and assign them again in MyWorkspace\n${list(report.assignedNotLicensed ?? [])}`,
      `${bold('Assigned but no GoTo user')} (${report.assignedNotInGoTo?.length ?? 0}): runs to repeat; unassign and assign them again in MyWorkspace, and check the run's result\n${list(report.assignedNotInGoTo ?? [])}`,
    );
  }
  return blocks.join('\n\n');
}

function list(items: string[]): string {
  return items.length === 0 ? dim('  (none)') : items.map((item) => `  ${item}`).join('\n');
}
