import { Command, Option } from 'commander';
import { DEFAULT_OPTIONS } from '../../src/options';
import {
  readLocale,
  readWelcomeEmail,
  type WelcomeFlags,
  welcomeFlags,
  welcomeLabel,
} from '../shared/new-user-options';
import { UsageError } from '../shared/usage';
import { readAssignedRows } from './assigned-file';
import { type ReconcileRequest, runReconcile } from './reconcile-run';
import {
  type CommonFlags,
  consoleIo,
  openSession,
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
    const session = await openSession('reconcile', settingsPath, flags, io);
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
