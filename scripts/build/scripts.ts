import { readFileSync } from 'node:fs';

/**
 * The two scripts and the product version: what the command line, the header and the dist check
 * need to name a script, without loading the bundler.
 */

/** The two scripts: where each comes from and which MyWorkspace trigger it belongs on. */
export const SCRIPTS = [
  {
    name: 'provisioning',
    file: 'gotomeeting-provisioning.js',
    entry: 'src/entries/provisioning.ts',
    title: 'GoToMeeting provisioning',
    trigger: 'User assigned to Application',
  },
  {
    name: 'deprovisioning',
    file: 'gotomeeting-deprovisioning.js',
    entry: 'src/entries/deprovisioning.ts',
    title: 'GoToMeeting de-provisioning',
    trigger: 'User unassigned from Application',
  },
] as const;

export type ScriptName = (typeof SCRIPTS)[number]['name'];

/** Both scripts' sources, by name. */
export type BuiltScripts = Record<ScriptName, string>;

export interface BuiltScript {
  name: ScriptName;
  file: string;
  code: string;
}

export function fileOf(name: ScriptName): string {
  return SCRIPTS.find((script) => script.name === name)?.file ?? '';
}

/** A built script as written to `dir`: by default the committed one in dist/. */
export function readBuilt(name: ScriptName, dir = 'dist'): string {
  return readFileSync(new URL(`../../${dir}/${fileOf(name)}`, import.meta.url), 'utf8');
}

/** The bundle's scripts as a table by name. */
export function byName(scripts: readonly BuiltScript[]): BuiltScripts {
  const code = (name: ScriptName) => scripts.find((script) => script.name === name)?.code ?? '';
  return { provisioning: code('provisioning'), deprovisioning: code('deprovisioning') };
}

export function productVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}
