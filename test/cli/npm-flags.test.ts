import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../support/cli';

/** A flag typed after `npm run <script>` without `--` is held by npm: the command stops. */

afterEach(() => vi.unstubAllEnvs());

const run = promisify(execFile);

function asNpmScript(script: string, held: Record<string, string>) {
  vi.stubEnv('npm_command', 'run');
  vi.stubEnv('npm_lifecycle_event', script);
  for (const [name, value] of Object.entries(held)) vi.stubEnv(name, value);
}

describe('flags npm kept for itself', () => {
  it('stop build, naming the flag and the right way to type it, before anything is built', async () => {
    asNpmScript('build', { npm_config_dry_run: 'true' });
    const done = await runInProcess(['build']);
    expect(done.code).toBe(2);
    expect(done.out).toBe('');
    expect(done.err).toBe(
      'build: npm kept --dry-run for itself (typed after "npm run build" without "--"), so build never got it; nothing was done: put the flags after --, as in npm run build -- --dry-run …\n',
    );
  });

  it('are named together, for any command', async () => {
    asNpmScript('check', { npm_config_json: 'true', npm_config_fake: 'true' });
    const done = await runInProcess(['check', 'examples/standard.settings.json']);
    expect(done.code).toBe(2);
    expect(done.err).toMatch(
      /^check: npm kept --json, --fake for itself .* npm run check -- --json --fake …\n$/,
    );
  });

  it('do not stop a flag that did arrive, nor npm settings that are not the command’s', async () => {
    asNpmScript('cli', {
      npm_config_fake: 'true',
      npm_config_cache: '/root/.npm',
      npm_config_yes: '',
    });
    const done = await runInProcess(['check', 'examples/standard.settings.json', '--fake']);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
  });

  it('are caught as npm 11 really passes them: npm run build --dry-run', async () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)),
    );
    const before = readFileSync('dist/gotomeeting-provisioning.js', 'utf8');
    const failed = await run('npm', ['run', 'build', '--dry-run'], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain(
      'build: npm kept --dry-run for itself (typed after "npm run build" without "--")',
    );
    expect(readFileSync('dist/gotomeeting-provisioning.js', 'utf8')).toBe(before);
  });
});
