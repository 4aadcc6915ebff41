import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as an administrator installs it: `npm pack` (which compiles the command line), then
 * `npm install <tarball>` into an empty folder, then the installed command, with no clone and no
 * tsx. Slow (an install from the registry), so one file does it once.
 */

const run = promisify(execFile);

/** npm's own settings of the npm that runs the tests would steer the inner npm elsewhere. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)),
  ) as NodeJS.ProcessEnv;
}

let folder: string;
let installed: string;

function command(args: string[]) {
  return run(join(folder, 'node_modules', '.bin', 'gotomeeting-myworkspace'), args, {
    cwd: folder,
    env: { ...cleanEnv(), NO_COLOR: '1' },
  });
}

beforeAll(async () => {
  const packed = mkdtempSync(join(tmpdir(), 'goto-pack-'));
  await run('npm', ['pack', '--pack-destination', packed], { env: cleanEnv() });
  const tarball = readdirSync(packed).find((name) => name.endsWith('.tgz'));
  folder = mkdtempSync(join(tmpdir(), 'goto-installed-'));
  writeFileSync(join(folder, 'package.json'), '{"private": true}\n');
  await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', join(packed, tarball ?? '')],
    { cwd: folder, env: cleanEnv() },
  );
  installed = join(folder, 'node_modules', 'gotomeeting-myworkspace-provisioning');
}, 240_000);

describe('the installed command', () => {
  it('prints its help under its own name, and its version', async () => {
    const help = await command(['--help']);
    expect(help.stdout).toMatch(/^Usage: gotomeeting-myworkspace \[options\] \[command\]/);
    expect(help.stdout).toMatch(/^ {2}login \[options\]/m);
    const version = await command(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('tries a shipped script on a shipped example against the seeded fake', async () => {
    const done = await command([
      'try',
      join(installed, 'dist', 'gotomeeting-provisioning.js'),
      join(installed, 'examples', 'assign-standard.context.json'),
      '--fake',
    ]);
    expect(done.stdout).toMatch(/GET\s+\/accounts\/1000000000000000001\/users\?/);
    expect(done.stdout.trim().split('\n').at(-1)).toBe('unchanged');
  });

  it('builds, from any folder, the same bytes as the shipped dist/', async () => {
    await command(['build', '--out', 'built']);
    for (const file of ['gotomeeting-provisioning.js', 'gotomeeting-deprovisioning.js']) {
      expect(readFileSync(join(folder, 'built', file), 'utf8')).toBe(
        readFileSync(join('dist', file), 'utf8'),
      );
    }
  });
});
