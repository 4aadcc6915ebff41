import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BuildOptions } from '../../src/options';
import { UsageError } from './usage';

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
  makeFolder(outDir);
  for (const script of scripts) {
    const path = join(outDir, script.file);
    if (readIfExists(path) === script.code) {
      console.log(`${path} is up to date`);
      continue;
    }
    try {
      writeFileSync(path, script.code);
    } catch (error) {
      throw new UsageError(`cannot write ${path}: ${reason(error, 'files')}`);
    }
    console.log(`wrote ${path} (${Buffer.byteLength(script.code)} bytes)`);
  }
}

/**
 * The folder and any missing parents, one at a time from the nearest one that exists. Node's own
 * recursive mkdir never returns on some file systems (a path under /proc keeps answering "no such
 * file" for the parent it has just found), so each step is one plain mkdir and a failure is one
 * line.
 */
function makeFolder(outDir: string): void {
  const missing: string[] = [];
  let folder = resolve(outDir);
  while (!statSync(folder, { throwIfNoEntry: false })) {
    missing.unshift(folder);
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      throw new UsageError(`cannot create the folder ${outDir}: ${reason(error, 'folders')}`);
    }
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied; choose a folder you may write to, such as out/<name>',
  EPERM: 'not permitted; choose a folder you may write to, such as out/<name>',
  EROFS: 'the file system is read-only; choose a folder you may write to, such as out/<name>',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'the disk is full',
};

function reason(error: unknown, what: 'files' | 'folders'): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') {
    return `the system does not allow new ${what} there; choose a folder you may write to, such as out/<name>`;
  }
  return REASONS[code] ?? (error as Error).message;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
