import { Command } from 'commander';
import { DEFAULT_OPTIONS } from '../../src/options';
import { DIST, writeBuild } from '../shared/write-build';

/** `demo`: the default build into dist/, then a lifecycle story on it against the fake GoTo API. */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'build dist/ (default options) and run both scripts through a lifecycle story against the built-in fake GoTo API',
    )
    .addHelpText('after', '\nExit codes: 0 when every step ends as the story expects, 1 otherwise.')
    .action(async () => {
      await writeBuild(DEFAULT_OPTIONS, DIST);
      // Loaded only when run: the story builds its fake account as the module loads.
      const { runDemo } = await import('./story');
      process.exitCode = await runDemo();
    });
}
