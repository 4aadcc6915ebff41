import { allCommands } from './commands';
import { ADMIN_PROGRAM, runMain } from './program';

/** The administrator's command line; each command is also an npm script of its own name. */
await runMain(ADMIN_PROGRAM, allCommands());
