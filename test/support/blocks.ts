import { BLOCK_START, OPTIONS_END } from '../../scripts/build/options-block';

/**
 * A built script's options block as an administrator edits it in the MyWorkspace editor: by
 * hand, one line at a time, the rest of the file untouched.
 */

/** From `var GOTO_OPTIONS = {` to `// END OF OPTIONS`. */
export function blockOf(code: string): string {
  const start = code.indexOf(BLOCK_START);
  return code.slice(start, code.indexOf(`\n${OPTIONS_END}\n`, start) + OPTIONS_END.length + 1);
}

/** The script with one option's line changed to `name: <source>,` (JavaScript as typed). */
export function withOptionLine(code: string, name: string, source: string): string {
  return replaceInBlock(code, new RegExp(`^ {2}${name}: .*,$`, 'm'), `  ${name}: ${source},`);
}

/** The script with a line added at the end of its block, as typed. */
export function withBlockLine(code: string, line: string): string {
  return replaceInBlock(code, /^\};$/m, `${line}\n};`);
}

/** The script without the line of this option. */
export function withoutOption(code: string, name: string): string {
  return replaceInBlock(code, new RegExp(`^ {2}${name}: .*,\\n`, 'm'), '');
}

function replaceInBlock(code: string, line: RegExp, replacement: string): string {
  const block = blockOf(code);
  if (!line.test(block)) throw new Error(`the options block has no line ${line}`);
  return code.replace(block, block.replace(line, replacement));
}

/** The file with `line` inserted as line `at` (1-based): a line planted anywhere. */
export function withLineAt(code: string, at: number, line: string): string {
  const lines = code.split('\n');
  lines.splice(at - 1, 0, line);
  return lines.join('\n');
}
