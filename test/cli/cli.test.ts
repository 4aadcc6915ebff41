import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readApiBaseUrlFlag } from '../../cli/shared/api-base-url';
import { UsageError } from '../../cli/shared/usage';
import { productVersion } from '../../scripts/build/scripts';
import { runInProcess } from '../support/cli';

/** The command line as a whole: help, version, exit codes and the guard on dist/. */

const distFile = 'dist/gotomeeting-deprovisioning.js';

describe('the command line', () => {
  it('lists every command in --help and exits 0', async () => {
    const done = await runInProcess(['--help']);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/^Usage: npm run cli -- \[options\] \[command\]/);
    for (const command of [
      'build [options]',
      'try [options] <script> <context>',
      'check [options] <settings>',
      'audit [options] <settings>',
      'reconcile [options] <settings>',
      'demo',
    ]) {
      expect(done.out).toContain(`  ${command} `);
    }
    expect(done.out).not.toMatch(/\b(bench|mutate|check-dist)\b/);
    expect(done.out).toContain(
      'Exit codes: 0 success, 1 a failed outcome or check, 2 a usage mistake.',
    );
  });

  it('prints the version', async () => {
    const done = await runInProcess(['--version']);
    expect(done).toEqual({ code: 0, out: `${productVersion()}\n`, err: '' });
  });

  it('names the commands when given an unknown one, exit 2', async () => {
    const done = await runInProcess(['publish']);
    expect(done.code).toBe(2);
    expect(done.err).toMatch(
      /^cli: unknown command 'publish'; the commands are login, logout, build, try, check, audit, reconcile, demo \(see npm run cli -- --help\)$/m,
    );
    expect(done.err.trim().split('\n')).toHaveLength(1);
  });

  it('shows every build option in build --help without building', async () => {
    const before = statSync(distFile).mtimeMs;
    const done = await runInProcess(['build', '--help']);
    expect(done.code).toBe(0);
    for (const flag of ['--config', '--out', '--deprovision-mode', '--dry-run', '--max-retries']) {
      expect(done.out).toContain(flag);
    }
    expect(statSync(distFile).mtimeMs).toBe(before);
  });
});

describe('--help runs nothing', () => {
  it.each([
    ['demo', 'build dist/ (default options) and run both scripts'],
    ['try', '<script> <context>'],
    ['reconcile', '--assigned <file>'],
  ])('%s --help prints its usage and leaves dist/ alone', async (command, words) => {
    const before = statSync(distFile).mtimeMs;
    const done = await runInProcess([command, '--help']);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(new RegExp(`^Usage: npm run cli -- ${command} `));
    expect(done.out.replace(/\s+/g, ' ')).toContain(words);
    expect(done.err).toBe('');
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
    const done = await runInProcess(['build', ...argv]);
    expect(done.code).toBe(2);
    expect(done.err.trim().split('\n')).toEqual([expect.stringContaining(`build: ${words}`)]);
    expect(done.err).toContain('give --out out/<name>');
    expect(readFileSync(distFile, 'utf8')).toBe(before);
  });

  it('refuses an --out that is a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'goto-out-')), 'existing.js');
    writeFileSync(file, 'keep me');
    const done = await runInProcess(['build', '--dry-run', '--out', file]);
    expect(done).toMatchObject({ code: 2, out: '' });
    expect(done.err).toBe(
      `build: --out ${file} is a file: give a folder (it is created if missing)\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });
});

describe('--api-base-url', () => {
  it.each([
    ['https://api.getgo.com/admin/rest/v1/', 'https://api.getgo.com/admin/rest/v1'],
    ['http://127.0.0.1:8080/admin/rest/v1', 'http://127.0.0.1:8080/admin/rest/v1'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['http://localhost', 'http://localhost'],
  ])('accepts %s', (value, expected) => {
    expect(readApiBaseUrlFlag(value)).toBe(expected);
  });

  it.each([
    ['http://api.getgo.com/admin/rest/v1', 'does not use https'],
    ['http://10.0.0.5:8080', 'does not use https'],
    ['http://127.0.0.2', 'does not use https'],
    ['ftp://localhost', 'does not use https'],
    ['api.getgo.com', 'not "api.getgo.com"'],
    ['https://user:secret@api.getgo.com', 'without credentials, query or fragment'],
    ['https://api.getgo.com/x?debug=1', 'without credentials, query or fragment'],
  ])('refuses %s with one line naming the flag and what is allowed', (value, words) => {
    const error = (() => {
      try {
        return readApiBaseUrlFlag(value);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect(message).toMatch(
      /^--api-base-url must be an https URL such as https:\/\/api\.getgo\.com\/admin\/rest\/v1 \(or http:\/\/127\.0\.0\.1, http:\/\/\[::1\] or http:\/\/localhost, any port\)/,
    );
    expect(message).toContain(words);
    expect(message).not.toContain('\n');
  });
});

describe('output closed early', () => {
  it('ends quietly when the reader of its output has gone, as with | head', async () => {
    const child = spawn('npx', ['tsx', 'cli/main.ts', '--help'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
