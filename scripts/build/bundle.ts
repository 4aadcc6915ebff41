import { build, type Plugin } from 'esbuild';
import type { BuildInfo, BuildOptions } from '../../src/options';
import { checkScript } from './check-script';
import { withHeader } from './header';
import { type BuiltScript, productVersion, SCRIPTS } from './scripts';

export class ScriptCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/**
 * Bundles both scripts with the options baked in, then checks each against the safe subset.
 * Deterministic: the same sources and options give the same bytes (no dates, no absolute paths).
 */
export async function bundleScripts(options: BuildOptions): Promise<BuiltScript[]> {
  const info: BuildInfo = { version: productVersion(), options };
  const scripts: BuiltScript[] = [];
  for (const script of SCRIPTS) {
    const result = await build({
      entryPoints: [script.entry],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'neutral',
      target: 'es2015',
      minify: false,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      plugins: [buildInfoModule(info)],
    });
    const code = withHeader(script, info, result.outputFiles[0]?.text ?? '');
    const problems = checkScript(script.file, code);
    if (problems.length > 0) throw new ScriptCheckError(problems);
    scripts.push({ name: script.name, file: script.file, code });
  }
  return scripts;
}

/** `virtual:build-info`: the version a script was built as; its options are in its block. */
function buildInfoModule(info: BuildInfo): Plugin {
  return {
    name: 'build-info',
    setup(plugin) {
      plugin.onResolve({ filter: /^virtual:build-info$/ }, (args) => ({
        path: args.path,
        namespace: 'build-info',
      }));
      plugin.onLoad({ filter: /.*/, namespace: 'build-info' }, () => ({
        contents: `export const version = ${JSON.stringify(info.version)};\n`,
        loader: 'js',
      }));
    },
  };
}
