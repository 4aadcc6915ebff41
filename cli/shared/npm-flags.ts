import type { Command } from 'commander';
import { UsageError } from './usage';

/**
 * `npm run build --dry-run`, without `--`, hands `--dry-run` to npm, not to the command: npm keeps
 * every flag typed before `--` as its own configuration, puts it into the script's environment as
 * `npm_config_dry_run=true` (npm 7 to 11 do so, and warn "Unknown cli config" for the ones npm does
 * not know), and passes only the words after the flags on. The command would then run as if the
 * flag had never been typed: a default build while the administrator believes they made a dry-run
 * one. So when run as an npm script, a command whose own flag npm holds in this way stops.
 */

/** The command's flags that npm holds for itself, as typed (`--dry-run`). */
export function swallowedFlags(command: Command, env: NodeJS.ProcessEnv): string[] {
  // `run` in npm 10 and 11, `run-script` in npm 7 to 9.
  if (env.npm_command !== 'run' && env.npm_command !== 'run-script') return [];
  return command.options.flatMap((option) => {
    const long = option.long;
    if (!long || long === '--help' || long === '--version') return [];
    const name = long.replace(/^--(no-)?/, '');
    const held = env[`npm_config_${name.replace(/-/g, '_')}`];
    const given = command.getOptionValueSource(option.attributeName()) === 'cli';
    return held && !given ? [long] : [];
  });
}

export function refuseSwallowedFlags(command: Command, env: NodeJS.ProcessEnv): void {
  const flags = swallowedFlags(command, env);
  if (flags.length === 0) return;
  const script = env.npm_lifecycle_event ?? command.name();
  const what = flags.join(', ');
  const them = flags.length === 1 ? 'it' : 'them';
  throw new UsageError(
    `npm kept ${what} for itself (typed after "npm run ${script}" without "--"), so ${command.name()} never got ${them}; nothing was done: put the flags after --, as in npm run ${script} -- ${flags.join(' ')} …`,
  );
}
