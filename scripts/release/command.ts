import { Command } from 'commander';

/** `release`: records the code of the version in package.json in scripts/build/releases.json. */
export function releaseCommand(): Command {
  return new Command('release')
    .description(
      "record the code checksums of package.json's version in scripts/build/releases.json (docs/releasing.md)",
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 when the version is recorded (now or before), 1 when it cannot be: the line says why.',
    )
    .action(async () => {
      const { recordRelease } = await import('./index');
      process.exitCode = await recordRelease();
    });
}
