import { writeFileSync } from 'node:fs';
import { DEFAULT_OPTIONS } from '../../src/options';
import { bundleScripts } from '../build/bundle';
import { currentState, type Release, releaseProblems, releasesFile } from '../build/releases';
import { byName, readBuilt, SCRIPTS } from '../build/scripts';

/**
 * Records a new version: only when dist/ is what the sources build to, the version is newer
 * than every recorded one and CHANGELOG.md has its heading. A recorded version is never
 * changed: its code is what its number promises.
 */
export async function recordRelease(): Promise<number> {
  const built = byName(await bundleScripts(DEFAULT_OPTIONS));
  if (SCRIPTS.some(({ name }) => readBuilt(name) !== built[name])) {
    console.error('release: dist/ does not match the sources: run npm run build and commit dist/');
    return 1;
  }
  const state = currentState(built);
  const problems = releaseProblems(state);
  if (problems.length === 0) {
    console.log(`release: version ${state.version} is recorded and its code matches dist/`);
    return 0;
  }
  const unrecorded = !state.releases.some((release) => release.version === state.version);
  const latest = state.releases[0];
  if (!unrecorded || problems.length > 1 || (latest && !isNewer(state.version, latest.version))) {
    for (const problem of problems) console.error(`release: ${problem}`);
    if (latest && unrecorded && !isNewer(state.version, latest.version)) {
      console.error(`release: ${state.version} is not newer than ${latest.version}`);
    }
    return 1;
  }
  const release: Release = { version: state.version, code: state.code };
  const record = [release, ...state.releases];
  writeFileSync(releasesFile(), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`release: recorded version ${state.version} in scripts/build/releases.json`);
  return 0;
}

function isNewer(version: string, than: string): boolean {
  const parts = (text: string) => text.split(/[.-]/).slice(0, 3).map(Number);
  const [a, b] = [parts(version), parts(than)];
  for (let index = 0; index < 3; index += 1) {
    if ((a[index] ?? 0) !== (b[index] ?? 0)) return (a[index] ?? 0) > (b[index] ?? 0);
  }
  return false;
}
