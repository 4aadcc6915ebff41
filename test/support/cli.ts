import { allCommands } from '../../scripts/cli/commands';
import { createProgram, runProgram } from '../../scripts/cli/program';

/** The command line run in this process, its output captured: for usage mistakes and help. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const output = {
    out: (text: string) => {
      out += text;
    },
    err: (text: string) => {
      err += text;
    },
  };
  const before = process.exitCode;
  try {
    const code = await runProgram(createProgram(allCommands(), output), argv, output);
    return { code, out, err };
  } finally {
    process.exitCode = before;
  }
}
