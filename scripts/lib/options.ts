import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type BuildOptions, DEFAULT_OPTIONS, type WelcomeEmail } from '../../src/options';

/**
 * Build options (baked into the scripts at build time, since MyWorkspace passes none at run time) from an optional JSON config file and command-line flags, flags
 * winning. Every problem is reported as one line saying what is wrong and how to fix it.
 */

export class OptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export interface BuildRequest {
  options: BuildOptions;
  /** Where the scripts go; `dist` is the default build. */
  outDir: string;
}

const FLAGS = {
  config: { type: 'string' },
  out: { type: 'string' },
  'deprovision-mode': { type: 'string' },
  'welcome-email': { type: 'string' },
  'welcome-subject': { type: 'string' },
  'welcome-text': { type: 'string' },
  locale: { type: 'string' },
  'max-retries': { type: 'string' },
  'retry-budget-seconds': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'api-base-url': { type: 'string' },
  'account-key': { type: 'string' },
} as const;

export const OPTION_NAMES = Object.keys(DEFAULT_OPTIONS) as (keyof BuildOptions)[];
const MAX_RETRIES_LIMIT = 10;
/** Ten minutes: a run held longer is likely to outlast the host's own limit and end unrecorded. */
const RETRY_BUDGET_LIMIT_SECONDS = 600;

export function parseBuildRequest(argv: string[]): BuildRequest {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];
  try {
    values = parseArgs({
      args: argv,
      options: FLAGS,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new OptionsError([
      `${(error as Error).message.split('\n')[0]} (flags: ${Object.keys(FLAGS)
        .map((flag) => `--${flag}`)
        .join(', ')})`,
    ]);
  }
  const raw: Record<string, unknown> = values.config ? readConfigFile(values.config) : {};
  const fromFlags: [keyof BuildOptions, unknown][] = [
    ['deprovisionMode', values['deprovision-mode']],
    ['locale', values.locale],
    ['maxRetries', wholeNumberOrText(values['max-retries'])],
    ['retryBudgetSeconds', wholeNumberOrText(values['retry-budget-seconds'])],
    ['dryRun', values['dry-run']],
    ['apiBaseUrl', values['api-base-url']],
    ['accountKey', values['account-key']],
  ];
  for (const [name, value] of fromFlags) if (value !== undefined) raw[name] = value;
  const welcome = welcomeFromFlags(values);
  if (welcome !== undefined) raw.welcomeEmail = welcome;
  return { options: validateOptions(raw), outDir: values.out ?? 'dist' };
}

function wholeNumberOrText(flag: string | undefined): unknown {
  return flag !== undefined && /^\d+$/.test(flag) ? Number(flag) : flag;
}

function welcomeFromFlags(values: {
  'welcome-email'?: string;
  'welcome-subject'?: string;
  'welcome-text'?: string;
}): unknown {
  const subject = values['welcome-subject'];
  const text = values['welcome-text'];
  if (subject !== undefined || text !== undefined) {
    if (values['welcome-email'] !== undefined) {
      throw new OptionsError([
        '--welcome-email cannot be combined with --welcome-subject/--welcome-text: give either a mode or a custom email',
      ]);
    }
    return { subject, text };
  }
  return values['welcome-email'];
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
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

type Read<T> = { value: T } | { problem: string };

/** Defaults for what is not given; one line per unknown key or bad value. */
export function validateOptions(raw: Record<string, unknown>): BuildOptions {
  const problems: string[] = [];
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
          problem: `deprovisionMode must be "remove-licenses" (the default: take this app's licenses back) or "delete" (delete the GoTo user), not ${show(value)}`,
        },
  );
  take('welcomeEmail', readWelcomeEmail);
  take('locale', (value) =>
    typeof value === 'string' && /^[a-z]{2}_[A-Z]{2}$/.test(value)
      ? { value }
      : {
          problem: `locale must be a GoTo locale of the form ll_CC, such as en_US or de_DE, not ${show(value)}`,
        },
  );
  take('maxRetries', (value) => wholeNumberUpTo('maxRetries', value, MAX_RETRIES_LIMIT));
  take('retryBudgetSeconds', (value) =>
    wholeNumberUpTo('retryBudgetSeconds', value, RETRY_BUDGET_LIMIT_SECONDS),
  );
  take('dryRun', (value) =>
    typeof value === 'boolean'
      ? { value }
      : { problem: `dryRun must be true or false, not ${show(value)}` },
  );
  take('apiBaseUrl', readApiBaseUrl);
  take('accountKey', (value) =>
    value === null || (typeof value === 'string' && /^\d+$/.test(value))
      ? { value }
      : {
          problem: `accountKey must be your GoTo account key as a string of digits, such as "1000000000000000001", not ${show(value)}`,
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

function readWelcomeEmail(value: unknown): Read<WelcomeEmail> {
  if (value === 'goto-default' || value === 'suppress') return { value };
  const hint =
    'welcomeEmail must be "goto-default", "suppress" or {"subject": "...", "text": "..."}';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: `${hint}, not ${show(value)}` };
  }
  const custom = value as Record<string, unknown>;
  const extra = Object.keys(custom).filter((key) => key !== 'subject' && key !== 'text');
  if (extra.length > 0) return { problem: `${hint}: unknown field ${show(extra[0])}` };
  const { subject, text } = custom;
  if (typeof subject !== 'string' || subject.trim() === '') {
    return { problem: `${hint}: the custom email's subject must be non-empty text` };
  }
  if (typeof text !== 'string' || text.trim() === '') {
    return { problem: `${hint}: the custom email's text must be non-empty text` };
  }
  return { value: { subject, text } };
}

function readApiBaseUrl(value: unknown): Read<string> {
  const hint = 'apiBaseUrl must be an https URL such as https://api.getgo.com/admin/rest/v1';
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) return { problem: `${hint}, not ${show(value)}` };
  if (url.protocol !== 'https:') return { problem: `${hint}: ${show(value)} does not use https` };
  if (url.username || url.password || url.search || url.hash) {
    return { problem: `${hint}, without credentials, query or fragment: ${show(value)}` };
  }
  return { value: String(value).replace(/\/+$/, '') };
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
