import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { type BuildOptions, DEFAULT_OPTIONS } from '../../src/options';
import { UsageError } from '../cli/usage';
import { bundleScripts } from '../lib/bundle';
import { type BuildFlags, OPTION_NAMES, parseBuildRequest } from '../lib/options';

/**
 * `build`: writes both scripts. Without options, the default build into dist/, which is
 * committed and what administrators copy; any other build must name its own folder with --out,
 * so a tailored (dry-run, delete-mode, …) script can never take the place of the default one.
 */

export const DIST = 'dist';

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

/**
 * Bundles, checks and writes both scripts, saying where each went. A file that already holds
 * the same bytes is left alone, so rebuilding an up-to-date dist/ never has a moment where a
 * script is half written.
 */
export async function writeBuild(options: BuildOptions, outDir: string): Promise<void> {
  const scripts = await bundleScripts(options);
  mkdirSync(outDir, { recursive: true });
  for (const script of scripts) {
    const path = join(outDir, script.file);
    if (readIfExists(path) === script.code) {
      console.log(`${path} is up to date`);
      continue;
    }
    writeFileSync(path, script.code);
    console.log(`wrote ${path} (${Buffer.byteLength(script.code)} bytes)`);
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The options that differ from the defaults, by name. */
function changedOptions(options: BuildOptions): (keyof BuildOptions)[] {
  return OPTION_NAMES.filter(
    (name) => JSON.stringify(options[name]) !== JSON.stringify(DEFAULT_OPTIONS[name]),
  );
}

function checkOutDir(outDir: string, options: BuildOptions, given: boolean): string {
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
