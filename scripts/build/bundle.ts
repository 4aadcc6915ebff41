import { build, type Plugin } from 'esbuild';
import type { BuildInfo, BuildOptions } from '../../src/options';
import { checkScript } from './check-script';
import { downLevel } from './down-level';
import { withHeader } from './header';
import { type BuiltScript, productVersion, SCRIPTS } from './scripts';

export class ScriptCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/**
 * Bundles both scripts with the options baked in, lowers each to ES5, then checks it against the
 * safe subset. Deterministic: the same sources and options give the same bytes (no dates, no absolute paths).
 */
export async function bundleScripts(options: BuildOptions): Promise<BuiltScript[]> {
  const info: BuildInfo = { version: productVersion(), options };
  const scripts: BuiltScript[] = [];
  for (const script of SCRIPTS) {
    const code = withHeader(script, info, await downLevel(await bundleEs2015(script.entry, info)));
    const problems = checkScript(script.file, code);
    if (problems.length > 0) throw new ScriptCheckError(problems);
    scripts.push({ name: script.name, file: script.file, code });
  }
  return scripts;
}

/** esbuild's bundle of one entry: what came after ES2015 lowered, ES2015 itself left as it is. */
export async function bundleEs2015(entry: string, info: BuildInfo): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    // esbuild cannot emit ES5; downLevel does the rest.
    target: 'es2015',
    minify: false,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [buildInfoModule(info)],
  });
  return result.outputFiles[0]?.text ?? '';
}

/** `virtual:build-info`: the version and options a script was built with. */
function buildInfoModule(info: BuildInfo): Plugin {
  return {
    name: 'build-info',
    setup(plugin) {
      plugin.onResolve({ filter: /^virtual:build-info$/ }, (args) => ({
        path: args.path,
        namespace: 'build-info',
      }));
      plugin.onLoad({ filter: /.*/, namespace: 'build-info' }, () => ({
        contents: `export const buildInfo = ${JSON.stringify(info, null, 2)};\n`,
        loader: 'js',
      }));
    },
  };
}
