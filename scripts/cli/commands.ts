import type { Command } from 'commander';
import { auditCommand } from '../commands/audit';
import { benchCommand } from '../commands/bench';
import { buildCommand } from '../commands/build';
import { checkCommand } from '../commands/check';
import { demoCommand } from '../commands/demo';
import { mutateCommand } from '../commands/mutate';
import { tryCommand } from '../commands/try';

/** Every command of the command line, in the order `--help` lists them. */
export function allCommands(): Command[] {
  return [
    buildCommand(),
    tryCommand(),
    checkCommand(),
    auditCommand(),
    demoCommand(),
    benchCommand(),
    mutateCommand(),
  ];
}
