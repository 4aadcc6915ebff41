import { bundleScripts } from '../../scripts/lib/bundle';
import { type BuildOptions, DEFAULT_OPTIONS } from '../../src/options';

const cache = new Map<string, Promise<Record<'provisioning' | 'deprovisioning', string>>>();

/** Both scripts built in memory with some options changed from the defaults (cached per options). */
export function buildWith(
  changes: Partial<BuildOptions>,
): Promise<Record<'provisioning' | 'deprovisioning', string>> {
  const options = { ...DEFAULT_OPTIONS, ...changes };
  const key = JSON.stringify(options);
  let built = cache.get(key);
  if (!built) {
    built = bundleScripts(options).then((scripts) => {
      const code = (file: string) => scripts.find((script) => script.file === file)?.code ?? '';
      return {
        provisioning: code('gotomeeting-provisioning.js'),
        deprovisioning: code('gotomeeting-deprovisioning.js'),
      };
    });
    cache.set(key, built);
  }
  return built;
}
