import { Command } from 'commander';

/** `mutate`: the mutation run, a maintainer's check of the tests (docs/mutation-testing.md). */
export function mutateCommand(): Command {
  return new Command('mutate')
    .description(
      'plant each bug of the mutation catalog in a copy of the repository and run the tests against it (writes docs/mutation-report.json)',
    )
    .option('--only <ids>', 'only these mutations, comma-separated')
    .option('--tests <files>', 'only these test files, comma-separated')
    .option('--jobs <n>', 'copies tested side by side (default 2, or 1 on one core)')
    .option(
      '--report <file>',
      'where to write the report (default on a full run: docs/mutation-report.json)',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 when the run completed, whatever the score; 1 when the catalog does not match src/ or the unmutated tests fail.',
    )
    .action(async (flags: { only?: string; tests?: string; jobs?: string; report?: string }) => {
      const { runMutation } = await import('./index');
      process.exitCode = await runMutation(flags);
    });
}
