import { readFileSync } from 'node:fs';
import { sha256 } from './header';
import { readBlock } from './options-block';
import { type BuiltScripts, productVersion, SCRIPTS, type ScriptName } from './scripts';

/**
 * Which code each released version is: the SHA-256 of each script's code (what its header
 * names), recorded in releases.json when the version is released. A version therefore names
 * one behaviour: once the code differs from what its version recorded, the version must move
 * on (docs/releasing.md). The record is also what an administrator compares a paste's checksum
 * with, since a header travels with the file it describes.
 */

export interface Release {
  version: string;
  /** The SHA-256 of each script's code, by script name. */
  code: Record<ScriptName, string>;
}

const RECORD = new URL('./releases.json', import.meta.url);
const CHANGELOG = new URL('../../CHANGELOG.md', import.meta.url);

/** Newest first. */
export function readReleases(): Release[] {
  return JSON.parse(readFileSync(RECORD, 'utf8')) as Release[];
}

export function releasesFile(): URL {
  return RECORD;
}

/** The SHA-256 of each built script's code, by name. */
export function codeChecksums(scripts: BuiltScripts): Record<ScriptName, string> {
  const sums = {} as Record<ScriptName, string>;
  for (const { name } of SCRIPTS) {
    const block = readBlock(scripts[name]);
    if ('problem' in block) throw new Error(`${name}: ${block.problem}`);
    sums[name] = sha256(block.code);
  }
  return sums;
}

/** The first `## x.y.z` heading of the changelog, below "Unreleased". */
export function changelogVersion(text = readFileSync(CHANGELOG, 'utf8')): string | undefined {
  return /^## (\d+\.\d+\.\d+\S*)\s*$/m.exec(text)?.[1];
}

export interface ReleaseState {
  version: string;
  code: Record<ScriptName, string>;
  releases: Release[];
  changelogVersion: string | undefined;
}

export function currentState(scripts: BuiltScripts): ReleaseState {
  return {
    version: productVersion(),
    code: codeChecksums(scripts),
    releases: readReleases(),
    changelogVersion: changelogVersion(),
  };
}

const STEPS =
  'choose the next version by semantic versioning (docs/releasing.md), set it in package.json, move the entries under "## Unreleased" in CHANGELOG.md to a "## <version>" heading, then run npm run build and npm run maint -- release';

/** What is wrong with the version and its record, one line each; empty when all is in order. */
export function releaseProblems(state: ReleaseState): string[] {
  const problems: string[] = [];
  const recorded = state.releases.find((release) => release.version === state.version);
  const latest = state.releases[0];
  if (recorded === undefined) {
    problems.push(
      `version ${state.version} (package.json) has no record in scripts/build/releases.json: run npm run maint -- release to record its code`,
    );
  } else if (recorded !== latest) {
    problems.push(
      `version ${state.version} (package.json) is older than the last release, ${latest?.version}: versions only move forward; ${STEPS}`,
    );
  } else {
    const changed = SCRIPTS.filter(({ name }) => recorded.code[name] !== state.code[name]);
    if (changed.length > 0) {
      problems.push(
        `the code of ${changed.map((script) => script.file).join(' and ')} changed since version ${state.version} was released, but the version did not: ${STEPS}`,
      );
    }
  }
  if (state.changelogVersion !== state.version) {
    problems.push(
      `CHANGELOG.md's latest version heading is ${state.changelogVersion ? `"## ${state.changelogVersion}"` : 'missing'}, not "## ${state.version}" (package.json): move the released entries under "## ${state.version}" and keep "## Unreleased" above it`,
    );
  }
  return problems;
}
