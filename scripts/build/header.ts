import { createHash } from 'node:crypto';
import type { BuildInfo, BuildOptions } from '../../src/options';
import type { ScriptName } from './scripts';

/**
 * The comment at the top of a built script: what it is, where to paste it, the options that
 * change what this script does, and the SHA-256 of the code below it, so an administrator can
 * check that what sits in the workflow editor is exactly what was built. A dry-run or delete-mode
 * build says so on its first line, the one an editor shows before anything else.
 */

export interface HeaderScript {
  name: ScriptName;
  title: string;
  trigger: string;
}

/** Which scripts an option changes. A record, so that a new option must say where it applies. */
export const APPLIES_TO: Record<keyof BuildOptions, readonly ScriptName[]> = {
  deprovisionMode: ['deprovisioning'],
  welcomeEmail: ['provisioning'],
  locale: ['provisioning'],
  maxRetries: ['provisioning', 'deprovisioning'],
  retryBudgetSeconds: ['provisioning', 'deprovisioning'],
  dryRun: ['provisioning', 'deprovisioning'],
  apiBaseUrl: ['provisioning', 'deprovisioning'],
  accountKey: ['provisioning', 'deprovisioning'],
};

const HEADER_END = '\n */\n';
const CHECKSUM_LABEL = 'SHA-256 of everything after this comment:';
/** Prints the checksum of a saved copy: sed drops the lines up to the one that closes the header. */
export const CHECK_COMMAND =
  "check a copy: sed '1,/^ \\*\\/$/d' FILE | sha256sum   (macOS: shasum -a 256)";

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The header and the code, as one file. */
export function withHeader(script: HeaderScript, info: BuildInfo, code: string): string {
  const options = (Object.keys(info.options) as (keyof BuildOptions)[])
    .filter((name) => APPLIES_TO[name].includes(script.name))
    .map((name) => ` *   ${name}: ${JSON.stringify(info.options[name])}`);
  const warning = warningOf(script.name, info.options);
  const lines = [
    warning ? `/* ${warning}` : '/*',
    ...(warning ? [' *'] : []),
    ` * ${script.title} for Matrix42 MyWorkspace, version ${info.version}`,
    ' *',
    ' * Paste this whole file into the MyWorkspace workflow editor, on the workflow for',
    ` * "${script.trigger}" of each GoToMeeting license-tier app.`,
    " * It uses only the host's context, rest and done, and ends by calling done(context) once with",
    ' * context.ProvisioningResult set. Built from TypeScript sources; do not edit by hand.',
    ' *',
    ' * Options:',
    ...options,
    ' *',
    ` * ${CHECKSUM_LABEL}`,
    ` *   ${sha256(code)}`,
    ` * ${CHECK_COMMAND}`,
  ];
  return `${lines.join('\n')}${HEADER_END}${code}`;
}

function warningOf(name: ScriptName, options: BuildOptions): string | undefined {
  if (options.dryRun) {
    return 'WARNING: DRY-RUN BUILD. It changes nothing in GoTo and only reports the writes it would make.';
  }
  if (name === 'deprovisioning' && options.deprovisionMode === 'delete') {
    return 'WARNING: DELETE-MODE BUILD. Unassigning a user DELETES their GoTo user, meetings and recordings.';
  }
  return undefined;
}

export interface ReadHeader {
  /** The options the header lists (those that apply to this script). */
  options: Partial<Record<keyof BuildOptions, unknown>>;
  /** The recorded SHA-256, and whether the code below the header still matches it. */
  checksum: { recorded: string; matches: boolean } | undefined;
}

/** What a built script's header says, or undefined when the text has no such header. */
export function readHeader(text: string): ReadHeader | undefined {
  const end = text.indexOf(HEADER_END);
  if (!text.startsWith('/*') || end < 0) return undefined;
  const header = text.slice(0, end);
  const options: ReadHeader['options'] = {};
  for (const [, name, value] of header.matchAll(/^ \* {3}(\w+): (.+)$/gm)) {
    if (name && value && Object.hasOwn(APPLIES_TO, name)) {
      options[name as keyof BuildOptions] = parseOrText(value);
    }
  }
  const recorded = /^ \* {3}([0-9a-f]{64})$/m.exec(header)?.[1];
  return {
    options,
    checksum: recorded
      ? { recorded, matches: sha256(text.slice(end + HEADER_END.length)) === recorded }
      : undefined,
  };
}

/** A hand-edited header may hold anything: keep what cannot be read as the text it is. */
function parseOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
