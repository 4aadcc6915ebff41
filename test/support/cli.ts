import { allCommands } from '../../cli/commands';
import { ADMIN_PROGRAM, createProgram, runProgram } from '../../cli/program';
import { MAINTAINER_PROGRAM, maintainerCommands } from '../../scripts/commands';

/**
 * A command line run in this process, its output captured: for usage mistakes and help. The
 * administrators' program by default; `maint` for the maintainers' one.
 */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runInProcess(
  argv: string[],
  program: 'admin' | 'maint' = 'admin',
): Promise<CliRun> {
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
    const made =
      program === 'admin'
        ? createProgram(ADMIN_PROGRAM, allCommands(), output)
        : createProgram(MAINTAINER_PROGRAM, maintainerCommands(), output);
    const code = await runProgram(made, argv, output);
    return { code, out, err };
  } finally {
    process.exitCode = before;
  }
}
