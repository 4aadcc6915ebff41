import type { ReadScript } from '../../scripts/build/header';
import type { ScriptName } from '../../scripts/build/scripts';
import { type BuildOptions, DEFAULT_OPTIONS, OPTION_NAMES } from '../../src/options';
import { validateOptions } from '../../src/validate-options';
import { originOf } from '../../src/workflows/notify';
import { yellow } from './terminal';
import { UsageError } from './usage';

/**
 * The options a built script will run with, read from its options block and checked by the
 * script's own rules, for `try` and `check`. A file whose code does not match its header, or
 * that holds anything above its code but comments and options, is refused outright: it is not
 * what was built, and running it would run whatever was planted.
 */

export interface ScriptOptions {
  name: ScriptName;
  /** The options as checked; undefined when the script will end `invalid-options`. */
  options: BuildOptions | undefined;
  problems: string[];
}

export function readScriptOptions(path: string, read: ReadScript): ScriptOptions {
  if (read.problem !== undefined || read.name === undefined) {
    throw new UsageError(
      `${path} is refused: ${read.problem ?? 'it is not a built script'}; take the script from dist/ or a build, and change only values in its options block`,
    );
  }
  const workflow = read.name === 'provisioning' ? 'provision' : 'deprovision';
  const checked = validateOptions(read.options, { workflow });
  return 'options' in checked
    ? { name: read.name, options: checked.options, problems: [] }
    : { name: read.name, options: undefined, problems: checked.problems };
}

/**
 * The options that differ from the defaults, as `name value`. A webhook URL is shown by its
 * origin only: its path and query often hold its secret, and output gets pasted.
 */
export function changedOptions(options: BuildOptions): string[] {
  return OPTION_NAMES.filter(
    (name) => JSON.stringify(options[name]) !== JSON.stringify(DEFAULT_OPTIONS[name]),
  ).map((name) =>
    name === 'notifyUrl' && options.notifyUrl !== null
      ? `${name} "${originOf(options.notifyUrl)}/…"`
      : `${name} ${JSON.stringify(options[name])}`,
  );
}

/** One line: the options that differ from the defaults, or why the script will refuse to run. */
export function describeOptions(script: ScriptOptions): string {
  if (script.options === undefined) {
    return yellow(
      `Its options break the rules, so the script ends "failed" (invalid-options): ${script.problems.join('; ')}`,
    );
  }
  const changed = changedOptions(script.options);
  return changed.length === 0
    ? 'Options: all the defaults.'
    : `Options that differ from the defaults: ${changed.join(', ')}.`;
}
