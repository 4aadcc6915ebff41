import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { type BuildOptions, DEFAULT_OPTIONS, OPTION_NAMES } from '../../src/options';
import { UsageError } from '../shared/usage';
import { DIST, writeBuild } from '../shared/write-build';
import { type BuildFlags, parseBuildRequest } from './flags';

/**
 * `build`: writes both scripts. Without options, the default build into dist/, which is
 * committed and what administrators copy; any other build must name its own folder with --out,
 * so a tailored (dry-run, delete-mode, …) script can never take the place of the default one.
 */

export function buildCommand(): Command {
  return new Command('build')
    .description('build both scripts: the default build into dist/, a tailored build into --out')
    .option('--config <file>', 'JSON file of build options (flags win over it)')
    .option('--out <folder>', 'folder for a tailored build (created if missing)')
    .option('--deprovision-mode <mode>', '"remove-licenses" (default) or "delete"')
    .option('--welcome-email <mode>', '"goto-default" (default) or "suppress"')
    .option('--welcome-subject <text>', "a custom welcome email's subject (with --welcome-text)")
    .option('--welcome-text <text>', "a custom welcome email's text (with --welcome-subject)")
    .option('--locale <ll_CC>', 'GoTo locale of new users (default en_US)')
    .option('--max-retries <n>', 'retries of one request, 0 to 10 (default 3)')
    .option(
      '--retry-budget-seconds <s>',
      'what one run may wait in all between retries, 0 to 600 (default 180)',
    )
    .addOption(
      new Option('--dry-run [true|false]', 'read only: record the writes as planned').preset(true),
    )
    .option('--api-base-url <url>', 'GoTo Admin API base URL (https)')
    .option('--account-key <digits>', "the GoTo account to act in, instead of the connection's")
    .option('--notify-url <url>', "a webhook to post each notified run's outcome to (https)")
    .option('--notify-on <which>', '"failures" (default) or "all": which runs are posted')
    .option('--notify-format <format>', '"json" (default), "text" (Slack, Google Chat) or "teams"')
    .addHelpText(
      'after',
      '\nA build whose options differ from the defaults needs --out: dist/ holds only the default build.',
    )
    .action(async (flags: BuildFlags) => {
      const request = parseBuildRequest(flags);
      await writeBuild(
        request.options,
        checkOutDir(request.outDir, request.options, flags.out !== undefined),
      );
    });
}

/** The options that differ from the defaults, by name. */
function changedOptions(options: BuildOptions): (keyof BuildOptions)[] {
  return OPTION_NAMES.filter(
    (name) => JSON.stringify(options[name]) !== JSON.stringify(DEFAULT_OPTIONS[name]),
  );
}

function checkOutDir(outDir: string, options: BuildOptions, given: boolean): string {
  if (outDir.trim() === '') {
    throw new UsageError(
      '--out needs a folder name, not an empty one: give --out out/<name> (created if missing)',
    );
  }
  const changed = changedOptions(options);
  if (changed.length > 0 && resolve(outDir) === resolve(DIST)) {
    throw new UsageError(
      `${given ? '--out dist is not allowed' : '--out is required'} for a build whose options differ from the defaults (${changed.join(', ')}): dist/ holds the default scripts administrators copy; give --out out/<name>`,
    );
  }
  const existing = statSync(outDir, { throwIfNoEntry: false });
  if (existing && !existing.isDirectory()) {
    throw new UsageError(`--out ${outDir} is a file: give a folder (it is created if missing)`);
  }
  return outDir;
}
