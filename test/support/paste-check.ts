import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The POSIX check of a paste exactly as docs/command-line.md gives it (the `sh` block that starts
 * `# check-paste`), run by `sh` on a copy of a script: what an administrator would see.
 */

const DOCS = new URL('../../docs/command-line.md', import.meta.url);

export function documentedPosixCheck(): string {
  const block = /```sh\n(# check-paste[\s\S]*?)```/.exec(readFileSync(DOCS, 'utf8'))?.[1];
  if (!block) throw new Error('docs/command-line.md has no `# check-paste` sh block');
  return block;
}

export async function posixCheck(copy: string): Promise<{ stdout: string; stderr: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'goto-paste-')), 'copy.js');
  writeFileSync(path, copy);
  const command = documentedPosixCheck().replace(/ copy\.js /, ` '${path}' `);
  const { stdout, stderr } = await promisify(execFile)('sh', ['-c', command]);
  return { stdout, stderr };
}
