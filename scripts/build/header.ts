import { createHash } from 'node:crypto';
import type { BuildInfo, BuildOptions } from '../../src/options';
import { OPTIONS_END, OPTIONS_VARIABLE, readBlock, writeBlock } from './options-block';
import { SCRIPTS, type ScriptName } from './scripts';

/**
 * A built script as one file: a short header comment (what it is, where to paste it, the
 * SHA-256 of its code), the options block (options-block.ts), and the code. The header holds no
 * option value, so nothing an administrator chooses can reach it, and it is the same in every
 * tailoring, like the code: a tailored build differs from dist/ only inside the block. The
 * header is line comments of printable ASCII, so a `*` and `/` in it end nothing.
 */

export interface HeaderScript {
  name: ScriptName;
  title: string;
  trigger: string;
}

const CHECKSUM_LINE = /^\/\/ {3}([0-9a-f]{64})$/m;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The header, the block and the code. The code is wrapped in a function whose first statement is
 * "use strict": the block comes first, and a directive after it would no longer count.
 */
export function withHeader(script: HeaderScript, info: BuildInfo, bundled: string): string {
  const body = bundled.replace(/^"use strict";\n/, '');
  const code = `(function () {\n"use strict";\n${body.endsWith('\n') ? body : `${body}\n`}})();\n`;
  const header = [
    `// ${script.title} for Matrix42 MyWorkspace, version ${info.version}`,
    '//',
    '// Paste this whole file into the MyWorkspace workflow editor, on the workflow for',
    `// "${script.trigger}" of each GoToMeeting license-tier app. It uses`,
    "// only the host's context, rest and done, and ends by calling done(context) once with",
    '// context.ProvisioningResult set. Built from TypeScript sources.',
    '//',
    `// To tailor it, change only values in ${OPTIONS_VARIABLE} below: the script checks them`,
    '// when it runs and fails with "invalid-options" on a wrong one (README, "Tailoring',
    '// without Node", lists the values).',
    '//',
    `// SHA-256 of the code, every line after "${OPTIONS_END}" (to check a copy, see`,
    '// docs/command-line.md, "Checking a paste"):',
    `//   ${sha256(code)}`,
  ];
  const text = `${header.join('\n')}\n${writeBlock(script.name, info.options as BuildOptions)}${code}`;
  const read = readScript(text);
  if (read.problem !== undefined || !read.checksumMatches) {
    throw new Error(
      `${script.name}: the build wrote a script its own check refuses (${read.problem})`,
    );
  }
  return text;
}

export interface ReadScript {
  /** Why the file is not a built script fit to run (its code changed, code above the code...). */
  problem?: string;
  /** Which script its header says it is. */
  name?: ScriptName;
  /** The options block's values, as the script will read them. */
  options: Record<string, unknown>;
  checksumMatches: boolean;
}

/** What a built script's header and block say, checked as the documented check does. */
export function readScript(text: string): ReadScript {
  const block = readBlock(text);
  if ('problem' in block) return { problem: block.problem, options: {}, checksumMatches: false };
  const title = /^\/\/ (.*) for Matrix42 MyWorkspace, version /.exec(block.head)?.[1];
  const name = SCRIPTS.find((script) => script.title === title)?.name;
  if (name === undefined) {
    return {
      problem: 'its header names no GoToMeeting script',
      options: {},
      checksumMatches: false,
    };
  }
  const recorded = CHECKSUM_LINE.exec(block.head)?.[1];
  if (recorded === undefined) {
    return {
      problem: 'its header names no SHA-256 of the code',
      name,
      options: block.options,
      checksumMatches: false,
    };
  }
  const actual = sha256(block.code);
  if (actual !== recorded) {
    return {
      problem: `its code was changed after it was built: the code's SHA-256 is ${actual}, its header says ${recorded}`,
      name,
      options: block.options,
      checksumMatches: false,
    };
  }
  return { name, options: block.options, checksumMatches: true };
}
