import { Command, CommanderError } from 'commander';
import { productVersion } from '../lib/bundle';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './usage';

/**
 * The administrator's command line: every command as a commander subcommand, one place that
 * turns usage mistakes into one line and exit code 2, and failures into one line and exit code 1
 * (never a stack trace). A command's action reports its outcome through `process.exitCode`.
 */

export const PROGRAM = 'npm run cli --';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const STANDARD_OUTPUT: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function createProgram(commands: Command[], output: Output = STANDARD_OUTPUT): Command {
  const program = new Command(PROGRAM)
    .description(
      'Build, try and measure the GoToMeeting provisioning scripts for Matrix42 MyWorkspace.',
    )
    .version(productVersion(), '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'print this help and exit')
    .addHelpText(
      'after',
      '\nEach command is also an npm script with the same options, for example\n' +
        '  npm run build -- --help\n' +
        'Exit codes: 0 success, 1 a failed outcome or check, 2 a usage mistake.',
    );
  for (const command of commands) program.addCommand(command);
  applyEverywhere(program, output);
  return program;
}

/** commander copies these settings only to subcommands made with .command(), not added ones. */
function applyEverywhere(command: Command, output: Output): void {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: output.out,
      writeErr: output.err,
      outputError: (message) => output.err(`${usageLine(command, message)}\n`),
    });
  for (const sub of command.commands) applyEverywhere(sub, output);
}

/** commander's message, on one line, prefixed with the command and followed by what is allowed. */
function usageLine(command: Command, message: string): string {
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
  const help = command.parent ? `${PROGRAM} ${name} --help` : `${PROGRAM} --help`;
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
