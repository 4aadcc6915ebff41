import { Command } from 'commander';

/** `bench`: the benchmark; its figures are printed and written to bench-results.json. */
export function benchCommand(): Command {
  return new Command('bench')
    .description(
      'measure calls per scenario, script size, build time, CPU per run and a rate-limited bulk run (writes bench-results.json)',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0, or 1 when a call count differs from scripts/bench/expected-calls.json or the simultaneous runs miss a target under either kind of rate limiter (timings never fail).',
    )
    .action(async () => {
      const { runBench } = await import('./index');
      process.exitCode = await runBench();
    });
}
