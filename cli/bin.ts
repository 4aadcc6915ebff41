#!/usr/bin/env node
/** The command line installed as `gotomeeting-myworkspace`: package.json `bin`, compiled to lib/. */
import { allCommands } from './commands';
import { INSTALLED_PROGRAM, runMain } from './program';

await runMain(INSTALLED_PROGRAM, allCommands());
