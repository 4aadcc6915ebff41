import type { Command } from 'commander';
import { auditCommand } from '../commands/audit';
import { buildCommand } from '../commands/build';
import { checkCommand } from '../commands/check';

/** Every command of the command line, in the order `--help` lists them. */
export function allCommands(): Command[] {
  return [buildCommand(), checkCommand(), auditCommand()];
}
