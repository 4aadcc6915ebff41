import { type BuildOptions, OPTION_NAMES } from '../../src/options';
import { validateOptions as checkOptions } from '../../src/validate-options';
import { readInputText } from '../shared/input-text';
import { welcomeFlags, welcomeLabel } from '../shared/new-user-options';
import { UsageError } from '../shared/usage';

/**
 * Build options (written into each script's options block, since MyWorkspace passes none at run
 * time) from an optional JSON config file and command-line flags, flags winning. The rules are
 * the scripts' own (src/validate-options.ts); this file only reads the flags and says which flag
 * a problem came from.
 */

export class OptionsError extends UsageError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export interface BuildRequest {
  options: BuildOptions;
  /** Where the scripts go; `dist` is the default build. */
  outDir: string;
}

/** The build command's flags, as commander hands them over (`--dry-run` may carry true/false). */
export interface BuildFlags {
  config?: string;
  out?: string;
  deprovisionMode?: string;
  welcomeEmail?: string;
  welcomeSubject?: string;
  welcomeText?: string;
  locale?: string;
  maxRetries?: string;
  retryBudgetSeconds?: string;
  dryRun?: boolean | string;
  apiBaseUrl?: string;
  accountKey?: string;
  notifyUrl?: string;
  notifyOn?: string;
  notifyFormat?: string;
}

/** What a problem calls an option: the flag it came from, else its name in the config file. */
type Labels = Partial<Record<keyof BuildOptions, string>>;

export function parseBuildRequest(flags: BuildFlags): BuildRequest {
  const raw: Record<string, unknown> = flags.config ? readConfigFile(flags.config) : {};
  const labels: Labels = {};
  const fromFlags: [keyof BuildOptions, string, unknown][] = [
    ['deprovisionMode', '--deprovision-mode', flags.deprovisionMode],
    ['locale', '--locale', flags.locale],
    ['maxRetries', '--max-retries', wholeNumberOrText(flags.maxRetries)],
    ['retryBudgetSeconds', '--retry-budget-seconds', wholeNumberOrText(flags.retryBudgetSeconds)],
    ['dryRun', '--dry-run', booleanOrText(flags.dryRun)],
    ['apiBaseUrl', '--api-base-url', flags.apiBaseUrl],
    ['accountKey', '--account-key', flags.accountKey],
    ['notifyUrl', '--notify-url', flags.notifyUrl],
    ['notifyOn', '--notify-on', flags.notifyOn],
    ['notifyFormat', '--notify-format', flags.notifyFormat],
    ['welcomeEmail', welcomeLabel(flags), welcomeFromFlags(flags)],
  ];
  for (const [name, label, value] of fromFlags) {
    if (value === undefined) continue;
    raw[name] = value;
    labels[name] = label;
  }
  return { options: validateOptions(raw, labels), outDir: flags.out ?? 'dist' };
}

function wholeNumberOrText(flag: string | undefined): unknown {
  return flag !== undefined && /^\d+$/.test(flag) ? Number(flag) : flag;
}

function booleanOrText(flag: boolean | string | undefined): unknown {
  return flag === 'true' ? true : flag === 'false' ? false : flag;
}

function welcomeFromFlags(flags: BuildFlags): unknown {
  const read = welcomeFlags(flags);
  if ('problem' in read) throw new OptionsError([read.problem]);
  return read.value;
}

function readConfigFile(path: string): Record<string, unknown> {
  const text = readInputText(path);
  if (text === undefined) {
    throw new OptionsError([`config file ${path} cannot be read: check the path`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OptionsError([`config file ${path} is not valid JSON: ${(error as Error).message}`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OptionsError([
      `config file ${path} must hold a JSON object of options (${OPTION_NAMES.join(', ')})`,
    ]);
  }
  // A JSON schema reference is an editor's hint, not an option.
  const { $schema: _, ...options } = parsed as Record<string, unknown>;
  return options;
}

/** The build's options: defaults for what is not given, one line per unknown key or bad value. */
export function validateOptions(raw: Record<string, unknown>, labels: Labels = {}): BuildOptions {
  const checked = checkOptions(raw, { label: (name) => labels[name] ?? name });
  if ('problems' in checked) throw new OptionsError(checked.problems);
  return checked.options;
}
