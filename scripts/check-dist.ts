import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OPTIONS } from '../src/options';
import { bundleScripts } from './lib/bundle';

/**
 * Fails when dist/ is not what the sources build to with the default options: the committed
 * scripts are what administrators paste, so they must match the code that was reviewed and tested.
 */
async function main(): Promise<void> {
  const stale: string[] = [];
  for (const script of await bundleScripts(DEFAULT_OPTIONS)) {
    const path = join('dist', script.file);
    let committed: string | undefined;
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      committed = undefined;
    }
    if (committed !== script.code) stale.push(path);
  }
  if (stale.length > 0) {
    console.error(
      `check-dist: ${stale.join(' and ')} ${stale.length > 1 ? 'do' : 'does'} not match the sources: run "npm run build" and commit dist/`,
    );
    process.exit(1);
  }
  console.log('check-dist: dist/ matches the sources');
}

main().catch((error: unknown) => {
  console.error(`check-dist: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
