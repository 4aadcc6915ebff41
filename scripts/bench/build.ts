import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { DEFAULT_OPTIONS } from '../../src/options';
import { bundleScripts } from '../build/bundle';
import { type BuiltScript, byName } from '../build/scripts';
import type { BenchScripts } from './run';
import { median } from './stats';

/**
 * Sections 2 and 3: what the administrator pastes (bytes, and gzip as a rough measure of how much
 * there is to read) and how long a build takes. Sizes come from a fresh in-memory build with the
 * default options, so they describe the sources as they are now, not the last committed dist/.
 */

export interface ScriptSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  lines: number;
  /** Whether dist/ holds the same bytes (false: dist/ is stale, or the sources are mid-edit). */
  sameAsDist: boolean;
}

export interface BuildTime {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export async function buildBenchScripts(): Promise<{
  scripts: BenchScripts;
  built: BuiltScript[];
}> {
  const built = await bundleScripts(DEFAULT_OPTIONS);
  const deleteMode = await bundleScripts({ ...DEFAULT_OPTIONS, deprovisionMode: 'delete' });
  return {
    built,
    scripts: { ...byName(built), deprovisioningDelete: byName(deleteMode).deprovisioning },
  };
}

export function measureSizes(built: readonly BuiltScript[]): ScriptSize[] {
  return built.map(({ file, code }) => {
    const distPath = `dist/${file}`;
    return {
      file,
      bytes: Buffer.byteLength(code, 'utf8'),
      gzipBytes: gzipSync(code, { level: 9 }).length,
      lines: code.split('\n').length - (code.endsWith('\n') ? 1 : 0),
      sameAsDist: existsSync(distPath) && readFileSync(distPath, 'utf8') === code,
    };
  });
}

/** Wall time: esbuild does the work in its own process, so CPU time of this one would miss it. */
export async function measureBuildTime(runs = 5): Promise<BuildTime> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await bundleScripts(DEFAULT_OPTIONS);
    times.push(performance.now() - start);
  }
  return {
    runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
  };
}
