import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OPTIONS } from '../../src/options';
import { bundleScripts } from '../build/bundle';

/**
 * Fails when dist/ is not what the sources build to with the default options: the committed
 * scripts are what administrators paste, so they must match the code that was reviewed and tested.
 */
export async function checkDist(): Promise<number> {
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
    return 1;
  }
  console.log('check-dist: dist/ matches the sources');
  return 0;
}
