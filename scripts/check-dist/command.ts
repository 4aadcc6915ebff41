import { Command } from 'commander';

/** `check-dist`: the committed dist/ must be what the sources build to (run by `npm test`). */
export function checkDistCommand(): Command {
  return new Command('check-dist')
    .description('fail when the committed dist/ is not what the sources build to')
    .addHelpText('after', '\nExit codes: 0 when dist/ matches, 1 when it does not.')
    .action(async () => {
      const { checkDist } = await import('./index');
      process.exitCode = await checkDist();
    });
}
