import { Command } from 'commander';
import type { MutateFlags } from './index';

/** `mutate`: the mutation run, a maintainer's check of the tests (docs/mutation-testing.md). */
export function mutateCommand(): Command {
  return new Command('mutate')
    .description(
      'plant bugs in a copy of the repository, one at a time, and run the tests against each: the hand catalog, or mutants generated from src/ (writes docs/mutation-report.json)',
    )
    .option('--generated', 'the mutants generated from src/ by operator, all of them')
    .option('--sample <n>', 'a uniform random sample of n generated mutants')
    .option('--seed <s>', 'the seed of the sample (default: drawn, and printed)')
    .option(
      '--survivors',
      "with the report's --sample and --seed: run again only the sample's survivors",
    )
    .option(
      '--resume',
      'go on with an interrupted run of generated mutants (docs/mutation-progress.json)',
    )
    .option('--list', 'list the generated mutants (or the sample) without running them')
    .option('--only <ids>', 'only these mutations or generated mutants, comma-separated')
    .option('--tests <files>', 'only these test files, comma-separated')
    .option(
      '--hints <file>',
      'a JSON object of mutant ids to the test file expected to kill each: tried first',
    )
    .option('--jobs <n>', 'copies tested side by side (default 2, or 1 on one core)')
    .option(
      '--report <file>',
      'where to write the report (default on a whole run: docs/mutation-report.json)',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 when the run completed, whatever the score; 1 when the catalog does not match src/ or the unmutated tests fail; 2 for a usage mistake.',
    )
    .action(async (flags: MutateFlags) => {
      const { runMutation } = await import('./index');
      process.exitCode = await runMutation(flags);
    });
}
