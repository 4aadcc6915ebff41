import { bundleScripts } from '../../scripts/build/bundle';
import { type BuiltScripts, byName } from '../../scripts/build/scripts';
import { type BuildOptions, DEFAULT_OPTIONS } from '../../src/options';

const cache = new Map<string, Promise<BuiltScripts>>();

/** Both scripts built in memory with some options changed from the defaults (cached per options). */
export function buildWith(changes: Partial<BuildOptions>): Promise<BuiltScripts> {
  const options = { ...DEFAULT_OPTIONS, ...changes };
  const key = JSON.stringify(options);
  let built = cache.get(key);
  if (!built) {
    built = bundleScripts(options).then(byName);
    cache.set(key, built);
  }
  return built;
}
