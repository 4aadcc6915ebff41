import { Command, Option } from 'commander';
import type { Reply } from '../../src/goto/client';
import { DEFAULT_OPTIONS, type WelcomeEmail } from '../../src/options';
import { confirmChanges, terminalPrompt } from '../shared/confirm';
import {
  readLocale,
  readWelcomeEmail,
  type WelcomeFlags,
  welcomeFlags,
  welcomeLabel,
} from '../shared/new-user-options';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../shared/usage';
import { type AccountLicense, type AccountUser, listLicenses, listUsers } from './account-reads';
import { type AssignedRow, readAssignedRows } from './assigned-file';
import { describeLicenses, NO_ACCOUNT } from './check';
import { progressOn } from './progress';
import { applyPlan } from './reconcile-apply';
import {
  changeCount,
  makePlan,
  type PlanDetails,
  type SeatNeed,
  seatNeeds,
  shortfalls,
} from './reconcile-plan';
import {
  planClosing,
  renderPlan,
  renderResults,
  reportOf,
  resultClosing,
} from './reconcile-render';
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
 * `reconcile <settings file> --assigned FILE [--apply]`: brings this app's licenses in GoTo in
 * line with the MyWorkspace assignments. The workflows act on events only (a user assigned, a
 * user unassigned), so users assigned before the scripts were pasted, runs that failed, and drift
 * are repaired here. By default it only plans (every call a GET); `--apply` plans again from
 * GoTo's state, refuses a plan that reclaims more than `--max-reclaims` or needs more seats than
 * are free, asks for a typed confirmation, then carries the plan out.
 */

export const DEFAULT_MAX_RECLAIMS = 10;
export const MAX_BATCH_SIZE = 100;

export interface ReconcileRequest {
  assigned: AssignedRow[];
  /** The file, as messages name it. */
  assignedPath: string;
  apply: boolean;
  yes: boolean;
  maxReclaims: number;
  batchSize: number;
  welcomeEmail: WelcomeEmail;
  locale: string;
  json: boolean;
}

interface ReconcileFlags extends CommonFlags, WelcomeFlags {
  assigned: string;
  apply?: boolean;
  yes?: boolean;
  maxReclaims: number;
  batchSize: number;
  locale?: string;
  json?: boolean;
}

export function reconcileCommand(io: ToolIo = consoleIo): Command {
  return withCommonOptions(
    new Command('reconcile')
      .description(
        'plan, and with --apply make, the GoTo changes that bring the app’s licenses in line with the MyWorkspace assignments',
      )
      .argument('<settings>', 'a context file as `try` takes it, without the token')
      .requiredOption(
        '--assigned <file>',
        'the users assigned in MyWorkspace: a CSV with an email column (and first- and last-name columns for new users), or one address per line',
      )
      .option('--apply', 'make the planned changes, after a typed confirmation')
      .option('--yes', 'with --apply: do not ask; required when not run from a terminal')
      .addOption(
        new Option('--max-reclaims <n>', 'refuse a plan that takes licenses back from more users')
          .default(DEFAULT_MAX_RECLAIMS)
          .argParser((value) => wholeNumber('--max-reclaims', value, 0, Number.MAX_SAFE_INTEGER)),
      )
      .addOption(
        new Option('--batch-size <n>', `users per create call, 1 to ${MAX_BATCH_SIZE}`)
          .default(MAX_BATCH_SIZE)
          .argParser((value) => wholeNumber('--batch-size', value, 1, MAX_BATCH_SIZE)),
      )
      .option(
        '--welcome-email <mode>',
        'for new users, as the build option: goto-default (default) or suppress',
      )
      .option('--welcome-subject <text>', 'a custom welcome email: its subject')
      .option('--welcome-text <text>', 'a custom welcome email: its text')
      .option(
        '--locale <ll_CC>',
        `the new users' locale, as the build option (default ${DEFAULT_OPTIONS.locale})`,
      )
      .option('--json', 'print the plan (and with --apply the results) as one JSON object')
      .addHelpText(
        'after',
        '\nExit codes: 0 when nothing is left to do or everything was applied, 1 when something is left, failed or was refused, 2 for a usage mistake.',
      ),
  ).action(async (settingsPath: string, flags: ReconcileFlags) => {
    const request = readRequest(flags);
    const session = openSession('reconcile', settingsPath, flags, io);
    if (session.settings.licenseKeys.length === 0) {
      throw new UsageError(
        `${settingsPath}: ApplicationLicenses is empty; reconcile needs the license keys the app hands out`,
      );
    }
    process.exitCode = await withInterrupt(io, request.apply, (interrupt) =>
      runReconcile(session, flags, request, { ...io, ...(interrupt ? { interrupt } : {}) }),
    );
  });
}

function readRequest(flags: ReconcileFlags): ReconcileRequest {
  if (flags.yes && !flags.apply) {
    throw new UsageError(
      '--yes confirms the changes of --apply; without --apply nothing is changed',
    );
  }
  const welcome = welcomeFlags(flags);
  if ('problem' in welcome) throw new UsageError(welcome.problem);
  const welcomeEmail =
    welcome.value === undefined
      ? { value: DEFAULT_OPTIONS.welcomeEmail }
      : readWelcomeEmail(welcome.value, welcomeLabel(flags));
  if ('problem' in welcomeEmail) throw new UsageError(welcomeEmail.problem);
  const locale =
    flags.locale === undefined
      ? { value: DEFAULT_OPTIONS.locale }
      : readLocale(flags.locale, '--locale');
  if ('problem' in locale) throw new UsageError(locale.problem);
  return {
    assigned: readAssignedRows(flags.assigned),
    assignedPath: flags.assigned,
    apply: Boolean(flags.apply),
    yes: Boolean(flags.yes),
    maxReclaims: flags.maxReclaims,
    batchSize: flags.batchSize,
    welcomeEmail: welcomeEmail.value,
    locale: locale.value,
    json: Boolean(flags.json),
  };
}

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`${flag} must be a whole number ${range}, not "${value}"`);
  }
  return number;
}

/** Ctrl-C during an apply stops it between calls, unless the caller brings its own signal. */
async function withInterrupt(
  io: ToolIo,
  apply: boolean,
  run: (interrupt: AbortSignal | undefined) => Promise<number>,
): Promise<number> {
  if (io.interrupt || !apply) return run(io.interrupt);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    return await run(controller.signal);
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

interface Reading {
  accountKey: string;
  licenses: AccountLicense[];
  users: AccountUser[];
}

/** Plans from GoTo's state now and, with `apply`, carries the plan out; the exit code. */
export async function runReconcile(
  session: Session,
  flags: CommonFlags,
  request: ReconcileRequest,
  io: Pick<ToolIo, 'prompt' | 'interrupt' | 'stderrIsTerminal'> = {},
): Promise<number> {
  const read = await readAccount(session, flags);
  if ('failure' in read) {
    session.err(`reconcile: ${read.failure}`);
    return EXIT_FAILED;
  }
  const { accountKey } = read;
  const { licenseKeys } = session.settings;
  const details = makePlan(request.assigned, read.users, licenseKeys);
  const needs = seatNeeds(details.plan, licenseKeys, read.licenses);
  const refusals = refusalsOf(session, details, needs, request);
  const show = (results?: Parameters<typeof reportOf>[4]) => {
    if (request.json) {
      session.out(
        JSON.stringify(reportOf(accountKey, licenseKeys, details, needs, results), null, 2),
      );
    } else if (results !== undefined) {
      session.out(renderResults(accountKey, results));
    }
  };
  if (!request.json) session.out(renderPlan(accountKey, licenseKeys, details, needs));
  if (!request.apply) {
    show();
    for (const refusal of refusals) session.err(`reconcile: --apply would be refused: ${refusal}`);
    if (!request.json) session.out(planClosing(details.plan));
    return changeCount(details.plan) === 0 && details.plan.blocked.length === 0
      ? EXIT_OK
      : EXIT_FAILED;
  }
  if (refusals.length > 0) {
    show();
    for (const refusal of refusals) session.err(`reconcile: ${refusal}`);
    return EXIT_FAILED;
  }
  if (changeCount(details.plan) === 0) {
    show([]);
    if (!request.json) session.out(planClosing(details.plan));
    return details.plan.blocked.length === 0 ? EXIT_OK : EXIT_FAILED;
  }
  await confirmChanges(
    {
      command: 'reconcile --apply',
      summary: confirmation(accountKey, flags.apiBaseUrl, details, request),
      word: 'apply',
      yes: request.yes,
    },
    io.prompt ?? terminalPrompt,
  );
  const applied = await applyPlan({
    setup: {
      connection: session.connection,
      accountKey,
      licenseKeys,
      options: {
        ...DEFAULT_OPTIONS,
        apiBaseUrl: flags.apiBaseUrl,
        accountKey,
        welcomeEmail: request.welcomeEmail,
        locale: request.locale,
      },
      oneKeyPerCall: false,
    },
    details,
    batchSize: request.batchSize,
    progress: progressOn(Boolean(io.stderrIsTerminal), (line) => session.err(line)),
    interrupt: io.interrupt,
  });
  show(applied.results);
  if (!request.json) session.out(resultClosing(applied.results, details.plan, applied.stopped));
  const allDone = applied.results.every((result) => result.ok);
  return allDone && details.plan.blocked.length === 0 && applied.stopped === undefined
    ? EXIT_OK
    : EXIT_FAILED;
}

async function readAccount(
  session: Session,
  flags: CommonFlags,
): Promise<Reading | { failure: string }> {
  const { settings, connection } = session;
  let account = resolveAccount(flags, settings, undefined);
  if (!account) {
    const me = await askMe(connection);
    if (!me.ok) return { failure: me.failure.message };
    account = resolveAccount(flags, settings, me.value);
    if (!account) return { failure: `${NO_ACCOUNT}.` };
  }
  const accountKey = account.key;
  const licenses: Reply<AccountLicense[]> = await connection.ask((transport, callback) =>
    listLicenses(transport, accountKey, callback),
  );
  if (!licenses.ok) return { failure: licenses.failure.message };
  const missing = settings.licenseKeys.filter(
    (key) => !licenses.value.some((license) => license.key === key),
  );
  if (missing.length > 0) {
    return {
      failure: `License key${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist in account ${accountKey}; correct ApplicationLicenses (the account has ${describeLicenses(licenses.value)}).`,
    };
  }
  const users: Reply<AccountUser[]> = await connection.ask((transport, callback) =>
    listUsers(transport, accountKey, callback),
  );
  if (!users.ok) return { failure: users.failure.message };
  return { accountKey, licenses: licenses.value, users: users.value };
}

/** Why `--apply` must not go ahead, one line each; none when it may. */
function refusalsOf(
  session: Session,
  details: PlanDetails,
  needs: SeatNeed[],
  request: ReconcileRequest,
): string[] {
  const refusals: string[] = [];
  if (session.settings.enabled !== true) {
    refusals.push(
      `EnableAccountProvisioning is ${JSON.stringify(session.settings.enabled) ?? 'not set'} in the settings file: the workflows skip this app, so reconcile does not act for it either; nothing was changed. Set it to true first.`,
    );
  }
  const reclaims = details.plan.reclaim.length;
  if (reclaims > request.maxReclaims) {
    refusals.push(
      `the plan takes licenses back from ${reclaims} users, more than --max-reclaims ${request.maxReclaims}; nothing was changed. Check that ${request.assignedPath} lists everyone assigned, or raise --max-reclaims.`,
    );
  }
  const short = shortfalls(needs);
  if (short.length > 0) {
    const named = short.map(
      ({ need, short: missing }) =>
        `license ${need.key}${need.description ? ` (${need.description})` : ''} needs ${need.needed} seats and has ${need.needed - missing} free after the reclaims: ${missing} short`,
    );
    refusals.push(
      `${named.join('; ')}; nothing was changed. Add seats in GoTo or assign fewer users, then run reconcile again.`,
    );
  }
  return refusals;
}

function confirmation(
  accountKey: string,
  apiBaseUrl: string,
  details: PlanDetails,
  request: ReconcileRequest,
): string[] {
  const { plan } = details;
  const welcome =
    request.welcomeEmail === 'goto-default'
      ? "GoTo's own welcome email"
      : request.welcomeEmail === 'suppress'
        ? 'no welcome email'
        : `the welcome email "${request.welcomeEmail.subject}"`;
  return [
    `GoTo account ${accountKey} at ${apiBaseUrl} will be changed:`,
    `  take this app's licenses back from ${plan.reclaim.length} user(s) (they stay in GoTo)`,
    `  assign missing licenses to ${plan.license.length} user(s)`,
    `  create ${plan.create.length} user(s) in calls of up to ${request.batchSize}, locale ${request.locale}, with ${welcome}`,
  ];
}
