import type { Command } from 'commander';
import { auditCommand } from './account/audit';
import { checkCommand } from './account/check';
import { reconcileCommand } from './account/reconcile';
import { buildCommand } from './build/command';
import { demoCommand } from './demo/command';
import { loginCommand, logoutCommand } from './login/command';
import { tryCommand } from './try/command';

/** Every command of the administrator's command line, in the order `--help` lists them. */
export function allCommands(): Command[] {
  return [
    loginCommand(),
    logoutCommand(),
    buildCommand(),
    tryCommand(),
    checkCommand(),
    auditCommand(),
    reconcileCommand(),
    demoCommand(),
  ];
}
