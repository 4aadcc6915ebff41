import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/cli';
import { runAsProcess, SECRET } from '../support/tools';

/** Mistakes and failures an administrator meets early, each said in one line. */

describe('--out', () => {
  it('refuses an empty folder name in one line (exit 2)', async () => {
    for (const args of [
      ['--out', ''],
      ['--dry-run', '--out', ''],
    ]) {
      const done = await runInProcess(['build', ...args]);
      expect(done.code).toBe(2);
      expect(done.err).toBe(
        'build: --out needs a folder name, not an empty one: give --out out/<name> (created if missing)\n',
      );
    }
  });

  // Node's own recursive mkdir never returns for a path under /proc.
  it.runIf(existsSync('/proc/self'))(
    'says in one line that no folder can be made under /proc, and that no file can be written there',
    async () => {
      const folder = await runInProcess(['build', '--dry-run', '--out', '/proc/goto-out/x']);
      expect(folder.code).toBe(2);
      expect(folder.err).toBe(
        'build: cannot create the folder /proc/goto-out/x: the system does not allow new folders there; choose a folder you may write to, such as out/<name>\n',
      );
      const file = await runInProcess(['build', '--dry-run', '--out', '/proc']);
      expect(file.code).toBe(2);
      expect(file.err).toBe(
        'build: cannot write /proc/gotomeeting-provisioning.js: the system does not allow new files there; choose a folder you may write to, such as out/<name>\n',
      );
    },
  );
});

describe('a host name that does not resolve', () => {
  // `.invalid` never resolves (RFC 6761): the lookup fails without any request being sent.
  const api = 'https://goto-api.invalid/admin/rest/v1';

  it('check names the host and says it is the network, not the token', async () => {
    const done = await runAsProcess(
      ['check', 'examples/standard.settings.json', '--api-base-url', api],
      { GOTO_ACCESS_TOKEN: SECRET },
    );
    expect(done.code).toBe(1);
    const failed = done.stdout.split('\n').filter((line) => line.startsWith('fail'));
    expect(failed).toEqual([
      expect.stringMatching(
        /^fail {2}network {2}cannot find the GoTo API host goto-api\.invalid \(DNS: E[A-Z_]+\): a network problem, not a token problem; check the host in --api-base-url and this machine's DNS, proxy or VPN\.$/,
      ),
    ]);
    expect(done.stdout).not.toMatch(/^\w+ +token/m);
  });

  it('audit says the same in one line on standard error', async () => {
    const done = await runAsProcess(
      ['audit', 'examples/standard.settings.json', '--api-base-url', api],
      { GOTO_ACCESS_TOKEN: SECRET },
    );
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(
      /^audit: cannot find the GoTo API host goto-api\.invalid \(DNS: E[A-Z_]+\): a network problem, not a token problem; [^\n]+\n$/,
    );
  });
});

describe('help', () => {
  it.each(['check', 'audit', 'try', 'login'])(
    '%s --help shows how to set a variable in PowerShell next to sh',
    async (command) => {
      const done = await runInProcess([command, '--help']);
      expect(done.code).toBe(0);
      expect(done.out).toMatch(/^ {2}GOTO_\w+=… npm run cli -- .*\(sh, bash, zsh\)$/m);
      expect(done.out).toMatch(/^ {2}\$env:GOTO_\w+ = "…"; npm run cli -- .*\(PowerShell\)$/m);
    },
  );
});
