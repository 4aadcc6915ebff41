import type { Command } from 'commander';
import { buildCommand } from '../commands/build';
import { tryCommand } from '../commands/try';

/** Every command of the command line, in the order `--help` lists them. */
export function allCommands(): Command[] {
  return [buildCommand(), tryCommand()];
}
