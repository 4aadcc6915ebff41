import { allCommands } from './cli/commands';
import { createProgram, runProgram } from './cli/program';

/**
 * `npm run cli -- <command>`: the administrator's command line. Each command is also an npm
 * script of its own name (package.json), with the same options.
 */

// Output piped into `head` or a pager that quits early is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const program = createProgram(allCommands());
process.exitCode = await runProgram(program, process.argv.slice(2));
