import { isRecord } from './common/values';
import { readWebUrl } from './common/web-url';
import type { Workflow } from './host/result';
import {
  APPLIES_TO,
  type BuildOptions,
  DEFAULT_OPTIONS,
  OPTION_NAMES,
  type OptionName,
  type WelcomeEmail,
} from './options';

/**
 * The one set of rules for options, used by the build on its flags and config file and by each
 * script on its own options block when it runs: an option left out takes its default, anything
 * else that is not exactly right is a problem, one line each, never a silent fallback.
 */

export interface OptionsCheck {
  /** The script whose block is checked; omitted: the build, which takes every option. */
  workflow?: Workflow;
  /** What a problem calls an option (the build names the flag it came from); default its name. */
  label?: (name: OptionName) => string;
}

export type CheckedOptions = { options: BuildOptions } | { problems: string[] };

const MAX_RETRIES_LIMIT = 10;
/** Ten minutes: a run held longer is likely to outlast the host's own limit and end unrecorded. */
const RETRY_BUDGET_LIMIT_SECONDS = 600;

type Read<T> = { value: T } | { problem: string };

export function validateOptions(raw: unknown, check: OptionsCheck = {}): CheckedOptions {
  const label = check.label ?? ((name: OptionName) => name);
  if (!isRecord(raw)) {
    return {
      problems: [
        `the options must be an object of named values (${names(check)}), not ${show(raw)}`,
      ],
    };
  }
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!isOptionName(key)) {
      problems.push(`unknown option "${key}": the options are ${names(check)}`);
    } else if (check.workflow && APPLIES_TO[key].indexOf(check.workflow) < 0) {
      problems.push(
        `${key} does not change this script (only the ${APPLIES_TO[key].map(scriptOf).join(' and ')} script): remove it from these options`,
      );
    }
  }
  const options = copyOf(DEFAULT_OPTIONS);
  const take = <K extends OptionName>(name: K, read: (value: unknown) => Read<BuildOptions[K]>) => {
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
  take('locale', (value) =>
    typeof value === 'string' && /^[a-z]{2}_[A-Z]{2}$/.test(value)
      ? { value }
      : {
          problem: `${label('locale')} must be a GoTo locale of the form ll_CC, such as en_US or de_DE, not ${show(value)}`,
        },
  );
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
    readWebUrl(value, {
      name: label('apiBaseUrl'),
      example: DEFAULT_OPTIONS.apiBaseUrl,
      allowLoopbackHttp: false,
      allowQuery: false,
    }),
  );
  take('accountKey', (value) =>
    value === null || (typeof value === 'string' && /^\d+$/.test(value))
      ? { value }
      : {
          problem: `${label('accountKey')} must be your GoTo account key as a string of digits, such as "1000000000000000001", or null, not ${show(value)}`,
        },
  );
  take('notifyUrl', (value) => {
    if (value === null) return { value };
    const read = readWebUrl(value, {
      name: label('notifyUrl'),
      example: 'https://hooks.slack.com/services/...',
      allowLoopbackHttp: true,
      allowQuery: true,
    });
    return 'problem' in read ? { problem: `${read.problem} (or null: no notification)` } : read;
  });
  take('notifyOn', (value) =>
    value === 'failures' || value === 'all'
      ? { value }
      : {
          problem: `${label('notifyOn')} must be "failures" (the default: only failed runs are notified) or "all" (every run), not ${show(value)}`,
        },
  );
  take('notifyFormat', (value) =>
    value === 'json' || value === 'text' || value === 'teams'
      ? { value }
      : {
          problem: `${label('notifyFormat')} must be "json" (the result's fields), "text" (Slack, Google Chat, Mattermost) or "teams" (a Teams workflow's Adaptive Card), not ${show(value)}`,
        },
  );
  return problems.length > 0 ? { problems } : { options };
}

function scriptOf(workflow: Workflow): string {
  return workflow === 'provision' ? 'provisioning' : 'de-provisioning';
}

function isOptionName(key: string): key is OptionName {
  return OPTION_NAMES.indexOf(key as OptionName) >= 0;
}

function names(check: OptionsCheck): string {
  const workflow = check.workflow;
  const taken = workflow
    ? OPTION_NAMES.filter((name) => APPLIES_TO[name].indexOf(workflow) >= 0)
    : OPTION_NAMES;
  return taken.join(', ');
}

function copyOf(options: BuildOptions): BuildOptions {
  const copy = {} as Record<string, unknown>;
  for (const name of OPTION_NAMES) copy[name] = options[name];
  return copy as unknown as BuildOptions;
}

function wholeNumberUpTo(name: string, value: unknown, limit: number): Read<number> {
  return typeof value === 'number' && value % 1 === 0 && value >= 0 && value <= limit
    ? { value }
    : { problem: `${name} must be a whole number from 0 to ${limit}, not ${show(value)}` };
}

function readWelcomeEmail(value: unknown, name: string): Read<WelcomeEmail> {
  if (value === 'goto-default' || value === 'suppress') return { value };
  const hint =
    name.indexOf('--') === 0
      ? `${name} must be "goto-default" or "suppress", or a custom email given with --welcome-subject and --welcome-text`
      : `${name} must be "goto-default", "suppress" or {"subject": "...", "text": "..."}`;
  if (!isRecord(value)) return { problem: `${hint}, not ${show(value)}` };
  const extra = Object.keys(value).filter((key) => key !== 'subject' && key !== 'text');
  if (extra.length > 0) return { problem: `${hint}: unknown field ${show(extra[0])}` };
  const subject = value.subject;
  const text = value.text;
  if (typeof subject !== 'string' || subject.trim() === '') {
    return { problem: `${hint}: the custom email's subject must be non-empty text` };
  }
  if (typeof text !== 'string' || text.trim() === '') {
    return { problem: `${hint}: the custom email's text must be non-empty text` };
  }
  return { value: { subject, text } };
}

/** A value as the problem shows it; a long text is cut, since it is repeated to the reader. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return `a ${typeof value}`;
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
