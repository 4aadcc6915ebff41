import type { Command } from 'commander';
import type { ProgramInfo } from '../cli/program';
import { benchCommand } from './bench/command';
import { checkDistCommand } from './check-dist/command';
import { mutateCommand } from './mutate/command';
import { releaseCommand } from './release/command';

/** The maintainers' instruments, kept out of the administrators' `--help`. */
export const MAINTAINER_PROGRAM: ProgramInfo = {
  name: 'npm run maint --',
  description:
    "The maintainers' instruments: benchmark, mutation run, dist/ check, release record.",
};

export function maintainerCommands(): Command[] {
  return [benchCommand(), mutateCommand(), checkDistCommand(), releaseCommand()];
}
