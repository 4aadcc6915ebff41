import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleScripts, ScriptCheckError } from './lib/bundle';
import { OptionsError, parseBuildRequest } from './lib/options';

/**
 * `npm run build [-- flags]`: writes both scripts. Without flags, the default build into dist/
 * (committed); with options, a tailored build, usually with --out so dist/ stays the default.
 */
async function main(): Promise<void> {
  const request = parseBuildRequest(process.argv.slice(2));
  const scripts = await bundleScripts(request.options);
  mkdirSync(request.outDir, { recursive: true });
  for (const script of scripts) {
    const path = join(request.outDir, script.file);
    writeFileSync(path, script.code);
    console.log(`wrote ${path} (${Buffer.byteLength(script.code)} bytes)`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof OptionsError || error instanceof ScriptCheckError) {
    for (const problem of error.problems) console.error(`build: ${problem}`);
  } else {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
