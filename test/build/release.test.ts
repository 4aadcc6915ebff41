import { describe, expect, it } from 'vitest';
import {
  changelogVersion,
  codeChecksums,
  currentState,
  type ReleaseState,
  releaseProblems,
} from '../../scripts/build/releases';
import { byName, readBuilt, SCRIPTS } from '../../scripts/build/scripts';

/**
 * A version names one behaviour: when the scripts' code differs from what the version in
 * package.json recorded in scripts/build/releases.json, this fails and says what to do. It runs
 * on any checkout, CI's fresh clone included, since the record and dist/ are committed (and
 * check:dist keeps dist/ what the sources build to).
 */

const dist = byName(SCRIPTS.map(({ name, file }) => ({ name, file, code: readBuilt(name) })));

describe('the version in package.json', () => {
  it('is the last one released, with the code dist/ holds, and CHANGELOG.md names it', () => {
    expect(releaseProblems(currentState(dist))).toEqual([]);
  });

  it('is no longer 1.0.0, which only the baseline script of the benchmark keeps', () => {
    expect(currentState(dist).version).not.toBe('1.0.0');
    expect(readBuilt('provisioning')).not.toContain('1.0.0');
    expect(readBuilt('deprovisioning')).not.toContain('1.0.0');
  });
});

describe('the release check', () => {
  const state = (changes: Partial<ReleaseState>): ReleaseState => ({
    version: '2.1.0',
    code: { provisioning: 'a1', deprovisioning: 'b1' },
    releases: [
      { version: '2.1.0', code: { provisioning: 'a1', deprovisioning: 'b1' } },
      { version: '2.0.0', code: { provisioning: 'a0', deprovisioning: 'b0' } },
    ],
    changelogVersion: '2.1.0',
    ...changes,
  });

  it('passes when the code is what its version recorded', () => {
    expect(releaseProblems(state({}))).toEqual([]);
  });

  it('fails when the code changed but the version did not, saying what to do', () => {
    const problems = releaseProblems(state({ code: { provisioning: 'a2', deprovisioning: 'b1' } }));
    expect(problems).toEqual([
      'the code of gotomeeting-provisioning.js changed since version 2.1.0 was released, but the version did not: choose the next version by semantic versioning (docs/releasing.md), set it in package.json, move the entries under "## Unreleased" in CHANGELOG.md to a "## <version>" heading, then run npm run build and npm run maint -- release',
    ]);
  });

  it('fails when a new version was not recorded', () => {
    expect(releaseProblems(state({ version: '2.2.0', changelogVersion: '2.2.0' }))).toEqual([
      'version 2.2.0 (package.json) has no record in scripts/build/releases.json: run npm run maint -- release to record its code',
    ]);
  });

  it('fails when the version went back to an older release', () => {
    const problems = releaseProblems(state({ version: '2.0.0', changelogVersion: '2.0.0' }));
    expect(problems[0]).toMatch(
      /^version 2\.0\.0 \(package\.json\) is older than the last release, 2\.1\.0/,
    );
  });

  it('fails when CHANGELOG.md has no heading for the version', () => {
    expect(releaseProblems(state({ changelogVersion: '2.0.0' }))).toEqual([
      'CHANGELOG.md\'s latest version heading is "## 2.0.0", not "## 2.1.0" (package.json): move the released entries under "## 2.1.0" and keep "## Unreleased" above it',
    ]);
  });

  it('reads the first version heading under Unreleased, and the code after each block', () => {
    expect(changelogVersion('# Changelog\n\n## Unreleased\n\n- x\n\n## 3.1.4\n\n## 3.1.3\n')).toBe(
      '3.1.4',
    );
    const sums = codeChecksums(dist);
    for (const { name } of SCRIPTS) {
      expect(readBuilt(name)).toContain(`//   ${sums[name]}\n`);
    }
  });
});
