import { type BuildOptions, DEFAULT_OPTIONS } from '../../src/options';
import { readApiBaseUrl } from '../shared/api-base-url';
import { readInputText } from '../shared/input-text';
import {
  type Read,
  readLocale,
  readWelcomeEmail,
  show,
  welcomeFlags,
  welcomeLabel,
} from '../shared/new-user-options';
import { UsageError } from '../shared/usage';

/**
 * Build options (baked into the scripts at build time, since MyWorkspace passes none at run
 * time) from an optional JSON config file and command-line flags, flags winning. Every problem
 * is reported as one line saying what is wrong and how to fix it.
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
}

export const OPTION_NAMES = Object.keys(DEFAULT_OPTIONS) as (keyof BuildOptions)[];
const MAX_RETRIES_LIMIT = 10;
/** Ten minutes: a run held longer is likely to outlast the host's own limit and end unrecorded. */
const RETRY_BUDGET_LIMIT_SECONDS = 600;

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
  return { ...(parsed as Record<string, unknown>) };
}

/** Defaults for what is not given; one line per unknown key or bad value. */
export function validateOptions(raw: Record<string, unknown>, labels: Labels = {}): BuildOptions {
  const problems: string[] = [];
  const label = (name: keyof BuildOptions) => labels[name] ?? name;
  for (const key of Object.keys(raw)) {
    if (key !== '$schema' && !(OPTION_NAMES as string[]).includes(key)) {
      problems.push(`unknown option "${key}": the options are ${OPTION_NAMES.join(', ')}`);
    }
  }
  const options: BuildOptions = { ...DEFAULT_OPTIONS };
  const take = <K extends keyof BuildOptions>(
    name: K,
    read: (value: unknown) => Read<BuildOptions[K]>,
  ) => {
    if (raw[name] === undefined) return;
    const result = read(raw[name]);
    if ('problem' in result) problems.push(result.problem);
    else options[name] = result.value;
  };
  take('deprovisionMode', (value) =>
    value === 'remove-licenses' || value === 'delete'
      ? { value }
      : {
          problem: `${label('deprovisionMode')} must be "remove-licenses" (the default: take this app's licenses back) or "delete" (delete the GoTo user), not ${show(value)}`,
        },
  );
  take('welcomeEmail', (value) => readWelcomeEmail(value, label('welcomeEmail')));
  take('locale', (value) => readLocale(value, label('locale')));
  take('maxRetries', (value) => wholeNumberUpTo(label('maxRetries'), value, MAX_RETRIES_LIMIT));
  take('retryBudgetSeconds', (value) =>
    wholeNumberUpTo(label('retryBudgetSeconds'), value, RETRY_BUDGET_LIMIT_SECONDS),
  );
  take('dryRun', (value) =>
    typeof value === 'boolean'
      ? { value }
      : { problem: `${label('dryRun')} must be true or false, not ${show(value)}` },
  );
  take('apiBaseUrl', (value) =>
    readApiBaseUrl(value, { name: label('apiBaseUrl'), allowLoopbackHttp: false }),
  );
  take('accountKey', (value) =>
    value === null || (typeof value === 'string' && /^\d+$/.test(value))
      ? { value }
      : {
          problem: `${label('accountKey')} must be your GoTo account key as a string of digits, such as "1000000000000000001", not ${show(value)}`,
        },
  );
  if (problems.length > 0) throw new OptionsError(problems);
  return options;
}

function wholeNumberUpTo(name: string, value: unknown, limit: number): Read<number> {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= limit
    ? { value }
    : { problem: `${name} must be a whole number from 0 to ${limit}, not ${show(value)}` };
}
