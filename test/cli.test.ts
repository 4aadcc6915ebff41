import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli';

/** The command line as a whole: help, version, exit codes and the guard on dist/. */

const distFile = 'dist/gotomeeting-deprovisioning.js';

describe('the command line', () => {
  it('lists every command in --help and exits 0', async () => {
    const done = await runCli(['--help']);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/^Usage: npm run cli -- \[options\] \[command\]/);
    expect(done.out).toMatch(/^ {2}build \[options\] +build both scripts/m);
    expect(done.out).toContain(
      'Exit codes: 0 success, 1 a failed outcome or check, 2 a usage mistake.',
    );
  });

  it('prints the version', async () => {
    const done = await runCli(['--version']);
    expect(done).toEqual({ code: 0, out: '1.0.0\n', err: '' });
  });

  it('names the commands when given an unknown one, exit 2', async () => {
    const done = await runCli(['deploy']);
    expect(done.code).toBe(2);
    expect(done.err).toMatch(/^cli: unknown command 'deploy'; the commands are build/);
    expect(done.err.trim().split('\n')).toHaveLength(1);
  });

  it('shows every build option in build --help without building', async () => {
    const before = statSync(distFile).mtimeMs;
    const done = await runCli(['build', '--help']);
    expect(done.code).toBe(0);
    for (const flag of ['--config', '--out', '--deprovision-mode', '--dry-run', '--max-retries']) {
      expect(done.out).toContain(flag);
    }
    expect(statSync(distFile).mtimeMs).toBe(before);
  });
});

describe('build keeps tailored scripts out of dist/', () => {
  it.each([
    [
      ['--dry-run'],
      '--out is required for a build whose options differ from the defaults (dryRun)',
    ],
    [
      ['--deprovision-mode', 'delete'],
      '--out is required for a build whose options differ from the defaults (deprovisionMode)',
    ],
    [
      ['--locale', 'de_DE', '--out', 'dist'],
      '--out dist is not allowed for a build whose options differ from the defaults (locale)',
    ],
    [['--max-retries', '1', '--out', './dist/'], '--out dist is not allowed'],
  ])('refuses %j with one line and exit 2, leaving dist/ as it was', async (argv, words) => {
    const before = readFileSync(distFile, 'utf8');
    const done = await runCli(['build', ...argv]);
    expect(done.code).toBe(2);
    expect(done.err.trim().split('\n')).toEqual([expect.stringContaining(`build: ${words}`)]);
    expect(done.err).toContain('give --out out/<name>');
    expect(readFileSync(distFile, 'utf8')).toBe(before);
  });

  it('refuses an --out that is a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'goto-out-')), 'existing.js');
    writeFileSync(file, 'keep me');
    const done = await runCli(['build', '--dry-run', '--out', file]);
    expect(done).toMatchObject({ code: 2, out: '' });
    expect(done.err).toBe(
      `build: --out ${file} is a file: give a folder (it is created if missing)\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });
});
