import { Command, CommanderError } from 'commander';
import { productVersion } from '../scripts/build/scripts';
import { refuseSwallowedFlags } from './shared/npm-flags';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, setProgramName, UsageError } from './shared/usage';

/**
 * A command line of commander subcommands, with one place that turns usage mistakes into one
 * line and exit code 2, and failures into one line and exit code 1 (never a stack trace). A
 * command's action reports its outcome through `process.exitCode`. The administrator's program
 * and the maintainers' are both made here, so they behave alike.
 */

export interface ProgramInfo {
  /** How the program is invoked, as help and usage lines show it. */
  name: string;
  description: string;
}

export const ADMIN_PROGRAM: ProgramInfo = {
  name: 'npm run cli --',
  description:
    'Sign in to GoTo; build, try and check the GoToMeeting provisioning scripts for Matrix42 MyWorkspace; and audit the seats they hand out.',
};

/** The same program installed as a command (package.json `bin`). */
export const INSTALLED_PROGRAM: ProgramInfo = { ...ADMIN_PROGRAM, name: 'gotomeeting-myworkspace' };

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const STANDARD_OUTPUT: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function createProgram(
  info: ProgramInfo,
  commands: Command[],
  output: Output = STANDARD_OUTPUT,
): Command {
  const program = new Command(info.name)
    .description(info.description)
    .version(productVersion(), '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'print this help and exit')
    .addHelpText(
      'after',
      `\nFor one command's options: ${info.name} <command> --help\n` +
        'Exit codes: 0 success, 1 a failed outcome or check, 2 a usage mistake.',
    );
  for (const command of commands) program.addCommand(command);
  program.hook('preAction', (_, action) => refuseSwallowedFlags(action, process.env));
  applyEverywhere(program, info, output);
  return program;
}

/** commander copies these settings only to subcommands made with .command(), not added ones. */
function applyEverywhere(command: Command, info: ProgramInfo, output: Output): void {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: output.out,
      writeErr: output.err,
      outputError: (message) => output.err(`${usageLine(command, info, message)}\n`),
    });
  for (const sub of command.commands) applyEverywhere(sub, info, output);
}

/** commander's message, on one line, prefixed with the command and followed by what is allowed. */
function usageLine(command: Command, info: ProgramInfo, message: string): string {
  const text = message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  const flags = command.options
    .map((option) => option.long)
    .filter((flag) => flag !== undefined && flag !== '--help' && flag !== '--version');
  const commands = command.commands.map((sub) => sub.name()).filter((name) => name !== 'help');
  const allowed = /unknown option/.test(text)
    ? flags.length > 0
      ? `; the options are ${flags.join(', ')}`
      : '; this command takes no options'
    : /unknown command/.test(text)
      ? `; the commands are ${commands.join(', ')}`
      : '';
  const name = command.parent ? command.name() : 'cli';
  const help = command.parent ? `${info.name} ${name} --help` : `${info.name} --help`;
  return `${name}: ${text}${allowed} (see ${help})`;
}

/** Runs the program on `argv` (without node and the script) and returns the exit code. */
export async function runProgram(
  program: Command,
  argv: string[],
  output: Output = STANDARD_OUTPUT,
): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? EXIT_OK);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const name = program.commands.find((command) => argv.includes(command.name()))?.name() ?? 'cli';
    const lines = error instanceof Error ? error.message.split('\n') : [String(error)];
    for (const line of lines) output.err(`${name}: ${line}\n`);
    return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILED;
  }
}

/** Runs a program on the process's own arguments and sets its exit code. */
export async function runMain(info: ProgramInfo, commands: Command[]): Promise<void> {
  // Output piped into `head` or a pager that quits early is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  setProgramName(info.name);
  process.exitCode = await runProgram(createProgram(info, commands), process.argv.slice(2));
}
