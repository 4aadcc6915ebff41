import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAssignedFile } from '../../cli/account/assigned-file';
import { auditCommand } from '../../cli/account/audit';
import { checkCommand } from '../../cli/account/check';
import { readSeed } from '../../cli/shared/seed';
import { createFakeGoto } from '../../emulator/fake-goto';
import { callCommand } from '../support/admin-tools';
import { runInProcess } from '../support/cli';

/**
 * Files as Windows saves them: a UTF-8 byte-order mark (Notepad, PowerShell 5), UTF-16 with its
 * mark (PowerShell's `>`, Excel's "Unicode text"), and CRLF line endings, for every input file.
 */

type Encoding = 'utf8-bom' | 'utf16le' | 'utf16be';

function encoded(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf8-bom')
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return encoding === 'utf16le' ? le : le.swap16();
}

/** The example file with CRLF line endings, saved in `encoding`. */
function windowsCopy(example: string, encoding: Encoding): string {
  const text = readFileSync(example, 'utf8').replace(/\r?\n/g, '\r\n');
  const path = join(mkdtempSync(join(tmpdir(), 'goto-win-')), example.split('/').at(-1) ?? 'file');
  writeFileSync(path, encoded(text, encoding));
  return path;
}

function seededFake() {
  return createFakeGoto(
    readSeed(JSON.parse(readFileSync('examples/seed.json', 'utf8')), 'examples/seed.json'),
  );
}

const ENCODINGS: Encoding[] = ['utf8-bom', 'utf16le', 'utf16be'];

describe.each(ENCODINGS)('input files saved as %s with CRLF', (encoding) => {
  it('try reads the context and the seed', async () => {
    const done = await runInProcess([
      'try',
      'dist/gotomeeting-deprovisioning.js',
      windowsCopy('examples/unassign-standard.context.json', encoding),
      '--seed',
      windowsCopy('examples/seed.json', encoding),
    ]);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
  });

  it('check reads the settings file as it reads the plain one', async () => {
    const plain = await callCommand(seededFake(), checkCommand, [
      'examples/standard.settings.json',
    ]);
    const windows = await callCommand(seededFake(), checkCommand, [
      windowsCopy('examples/standard.settings.json', encoding),
    ]);
    expect(windows).toEqual(plain);
    expect(windows.code).toBe(0);
  });

  it('audit reads the --assigned CSV as it reads the plain one', async () => {
    const args = ['examples/standard.settings.json', '--assigned'];
    const plain = await callCommand(seededFake(), auditCommand, [
      ...args,
      'examples/assigned-standard.csv',
    ]);
    const windows = await callCommand(seededFake(), auditCommand, [
      ...args,
      windowsCopy('examples/assigned-standard.csv', encoding),
    ]);
    expect(windows).toEqual(plain);
    expect(windows.stdout).toContain('new.hire@example.com');
  });

  it('build reads the config file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'goto-win-build-'));
    const done = await runInProcess([
      'build',
      '--config',
      windowsCopy('examples/build-options.json', encoding),
      '--out',
      out,
    ]);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(readFileSync(join(out, 'gotomeeting-provisioning.js'), 'utf8')).toContain(
      'locale: "de_DE"',
    );
  });
});

describe('one address per line', () => {
  it('reads CRLF lines and a UTF-8 mark without keeping either in the addresses', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'goto-win-')), 'assigned.txt');
    writeFileSync(path, encoded('a@example.com\r\nb@example.com\r\n', 'utf8-bom'));
    expect(readAssignedFile(path)).toEqual(['a@example.com', 'b@example.com']);
  });
});
