import { parse } from 'acorn';
import {
  type BuildOptions,
  type OptionName,
  optionsOf,
  type WelcomeEmail,
} from '../../src/options';
import type { ScriptName } from './scripts';

/**
 * The options block: the one part of a built script an administrator may edit, in the
 * MyWorkspace editor, without Node. It is a `var` holding an object of plain values, one option a
 * line, each under a comment of what it does and which values it takes, and it ends at the line
 * `// END OF OPTIONS`, after which comes the code, the same bytes in every tailoring.
 *
 * Everything above that line must be a comment, a blank line, the block's first or last line, or
 * an option whose value is a literal (a string, a number, true, false, null, or a welcome email
 * of two strings): lines of those kinds cannot run anything, whatever they hold, so code planted
 * in the header or the block is refused by `try` and by the documented check
 * (docs/command-line.md, "Checking a paste"), which use these same rules.
 */

export const OPTIONS_VARIABLE = 'GOTO_OPTIONS';
export const BLOCK_START = `var ${OPTIONS_VARIABLE} = {`;
export const BLOCK_END = '};';
/** The line after which the code starts. */
export const OPTIONS_END = '// END OF OPTIONS';

const STRING = '"(?:[^"\\\\]|\\\\.)*"';
const VALUE = `-?[0-9.]+|true|false|null|${STRING}|\\{[ \\t]*subject:[ \\t]*${STRING}[ \\t]*,[ \\t]*text:[ \\t]*${STRING}[ \\t]*\\}`;
/**
 * The lines allowed above the code: blank, a comment of printable ASCII (so no character ends it
 * early), the block's first and last line, or one option. The same expression, spelled for awk
 * and for PowerShell, is in docs/command-line.md.
 */
export const ALLOWED_LINE = new RegExp(
  `^(?:[ \\t]*|[ \\t]*//[\\t -~]*|var ${OPTIONS_VARIABLE} = \\{|\\};|[ \\t]*[A-Za-z]+:[ \\t]*(?:${VALUE})[ \\t]*,?[ \\t]*)$`,
);

/** One line each: what an option does and which values it takes (printable ASCII only). */
const DESCRIPTIONS: Record<OptionName, string> = {
  deprovisionMode:
    'What unassigning a user does: "remove-licenses" (default) takes back this app\'s licenses; "delete" deletes the GoTo user, their meetings and recordings.',
  welcomeEmail:
    'A new user\'s welcome email: "goto-default" (GoTo\'s invitation), "suppress" (none) or { subject: "...", text: "..." } (your own).',
  locale: 'A new user\'s GoTo locale, ll_CC: "en_US" (default), "de_DE", "fr_FR", ...',
  maxRetries:
    'Retries of one request after a 502, 503, 504 or no answer: a whole number from 0 to 10 (default 3).',
  retryBudgetSeconds:
    'Seconds one run may wait in all between retries; a 429 is retried while they last: 0 to 600 (default 180).',
  dryRun:
    'true: make only the read calls and report the writes it would make, changing nothing; false (default): act.',
  apiBaseUrl:
    'The GoTo Admin API: an https URL without query or fragment (default "https://api.getgo.com/admin/rest/v1").',
  accountKey:
    'The GoTo account to act in, digits in quotes such as "1000000000000000001"; null (default): the connection\'s account_key, else GET /me.',
  notifyUrl:
    'Where a run is posted when it ends (README, "Hearing about failures"): a webhook\'s https URL in quotes, query included; null (default): nowhere.',
  notifyOn: 'Which runs are posted: "failures" (default), or "all".',
  notifyFormat:
    'The posted body: "json" (default, the result\'s fields), "text" (Slack, Google Chat, Mattermost) or "teams" (a Teams workflow\'s Adaptive Card).',
};

/** Warnings a tailored build carries as the block's first lines, where an editor shows them. */
function warningsOf(name: ScriptName, options: BuildOptions): string[] {
  const warnings: string[] = [];
  if (options.dryRun) {
    warnings.push(
      'WARNING: built as a DRY RUN (dryRun: true): it changes nothing in GoTo and only reports the writes it would make.',
    );
  }
  if (name === 'deprovisioning' && options.deprovisionMode === 'delete') {
    warnings.push(
      'WARNING: built in DELETE MODE (deprovisionMode: "delete"): unassigning a user DELETES their GoTo user, meetings and recordings.',
    );
  }
  return warnings;
}

const WORKFLOW_OF: Record<ScriptName, 'provision' | 'deprovision'> = {
  provisioning: 'provision',
  deprovisioning: 'deprovision',
};

/** The options a script's block holds, in order. */
export function blockOptionsOf(name: ScriptName): OptionName[] {
  return optionsOf(WORKFLOW_OF[name]);
}

/** The block, from `var GOTO_OPTIONS = {` to `// END OF OPTIONS`, each line ending in `\n`. */
export function writeBlock(name: ScriptName, options: BuildOptions): string {
  const lines = [BLOCK_START];
  for (const warning of warningsOf(name, options)) lines.push(`  // ${warning}`);
  for (const option of blockOptionsOf(name)) {
    lines.push(`  // ${DESCRIPTIONS[option]}`);
    lines.push(`  ${option}: ${literal(option, options[option])},`);
  }
  lines.push(BLOCK_END, OPTIONS_END);
  return `${lines.join('\n')}\n`;
}

function literal(name: OptionName, value: BuildOptions[OptionName]): string {
  if (name === 'welcomeEmail' && typeof value === 'object' && value !== null) {
    const custom = value as Exclude<WelcomeEmail, string>;
    return `{ subject: ${stringLiteral(custom.subject)}, text: ${stringLiteral(custom.text)} }`;
  }
  return typeof value === 'string' ? stringLiteral(value) : JSON.stringify(value);
}

/** JSON's string form, with the two characters an ES5 engine reads as line ends escaped too. */
function stringLiteral(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The script with one option of its block set to `value`: a tailoring by hand, as an admin makes it. */
export function withOption<K extends OptionName>(
  text: string,
  name: K,
  value: BuildOptions[K],
): string {
  const start = text.indexOf(BLOCK_START);
  const end = text.indexOf(`\n${OPTIONS_END}\n`, start);
  const block = text.slice(start, end);
  const line = new RegExp(`^ {2}${name}: .*,$`, 'm');
  if (start < 0 || end < 0 || !line.test(block)) {
    throw new Error(`the script's options block has no ${name} line`);
  }
  const written = `  ${name}: ${literal(name, value)},`;
  return text.slice(0, start) + block.replace(line, () => written) + text.slice(end);
}

export type ReadBlock =
  | {
      /** The text above the code: the header and the block. */
      head: string;
      /** The code: everything after the `// END OF OPTIONS` line. */
      code: string;
      /** The block's values as the script will see them (before the script checks them). */
      options: Record<string, unknown>;
    }
  | { problem: string };

/**
 * A built script split at `// END OF OPTIONS`, with its lines above checked as the documented
 * check does and its block's values read. Line ends may be CRLF (a copy saved on Windows): they
 * are read as LF, as the documented checks do.
 */
export function readBlock(text: string): ReadBlock {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const end = lines.indexOf(OPTIONS_END);
  if (end < 0) {
    return { problem: `it has no "${OPTIONS_END}" line: it is not a script built by this version` };
  }
  for (let index = 0; index < end; index += 1) {
    const line = lines[index] as string;
    if (!ALLOWED_LINE.test(line)) {
      return {
        problem: `line ${index + 1}, above the code, is neither a comment nor an option, so it could run: ${JSON.stringify(line.slice(0, 100))}`,
      };
    }
  }
  const head = lines.slice(0, end).join('\n');
  const starts = lines.slice(0, end).filter((line) => line === BLOCK_START).length;
  if (starts !== 1) {
    return {
      problem: `it has ${starts === 0 ? 'no' : starts} "${BLOCK_START}" line${starts === 0 ? '' : 's'}: keep exactly the one options block`,
    };
  }
  const options = valuesOf(head);
  if (typeof options === 'string') return { problem: options };
  return { head, code: `${lines.slice(end + 1).join('\n')}`, options };
}

interface Node {
  type: string;
  [field: string]: unknown;
}

/** The block's object, read from the syntax tree: its lines can hold only literals. */
function valuesOf(head: string): Record<string, unknown> | string {
  let program: Node;
  try {
    program = parse(head, { ecmaVersion: 5, sourceType: 'script' }) as unknown as Node;
  } catch (error) {
    return `its options block is not valid JavaScript (${(error as Error).message}): check the quotes, commas and braces`;
  }
  const body = program.body as Node[];
  const declaration = body.length === 1 ? body[0] : undefined;
  const declarator = (declaration?.declarations as Node[] | undefined)?.[0];
  const init = declarator?.init as Node | undefined;
  if (declaration?.type !== 'VariableDeclaration' || init?.type !== 'ObjectExpression') {
    return 'its options block is not one "var GOTO_OPTIONS = { ... };"';
  }
  return objectOf(init);
}

function objectOf(node: Node): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const property of node.properties as Node[]) {
    const key = property.key as Node;
    object[String(key.name ?? key.value)] = literalValue(property.value as Node);
  }
  return object;
}

function literalValue(node: Node): unknown {
  if (node.type === 'ObjectExpression') return objectOf(node);
  if (node.type === 'UnaryExpression') return -(literalValue(node.argument as Node) as number);
  return node.value;
}
