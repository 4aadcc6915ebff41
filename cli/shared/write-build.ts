import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOptions } from '../../src/options';

/** Where the default build goes: the committed scripts administrators copy. */
export const DIST = 'dist';

/**
 * Bundles, checks and writes both scripts, saying where each went. A file that already holds
 * the same bytes is left alone, so rebuilding an up-to-date dist/ never has a moment where a
 * script is half written.
 */
export async function writeBuild(options: BuildOptions, outDir: string): Promise<void> {
  // Loaded only when a build runs: the bundler is the heaviest thing the command line loads.
  const { bundleScripts } = await import('../../scripts/build/bundle');
  const scripts = await bundleScripts(options);
  mkdirSync(outDir, { recursive: true });
  for (const script of scripts) {
    const path = join(outDir, script.file);
    if (readIfExists(path) === script.code) {
      console.log(`${path} is up to date`);
      continue;
    }
    writeFileSync(path, script.code);
    console.log(`wrote ${path} (${Buffer.byteLength(script.code)} bytes)`);
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
