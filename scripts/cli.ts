import { allCommands } from './cli/commands';
import { createProgram, runProgram } from './cli/program';

/**
 * `npm run cli -- <command>`: the administrator's command line. Each command is also an npm
 * script of its own name (package.json), with the same options.
 */
const program = createProgram(allCommands());
process.exitCode = await runProgram(program, process.argv.slice(2));
