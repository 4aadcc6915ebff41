import { runMain } from '../cli/program';
import { MAINTAINER_PROGRAM, maintainerCommands } from './commands';

/** `npm run maint -- <command>`; `npm run bench`, `mutate` and `check:dist` are its aliases. */
await runMain(MAINTAINER_PROGRAM, maintainerCommands());
