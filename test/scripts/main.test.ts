import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/cli';

/** The maintainers' program: its own help, the same one-line usage mistakes as the cli's. */

const distFile = 'dist/gotomeeting-deprovisioning.js';

describe("the maintainers' program", () => {
  it('lists bench, mutate, check-dist and release, and none of the administrators commands', async () => {
    const done = await runInProcess(['--help'], 'maint');
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/^Usage: npm run maint -- \[options\] \[command\]/);
    for (const command of ['bench', 'mutate [options]', 'check-dist', 'release']) {
      expect(done.out).toContain(`  ${command} `);
    }
    expect(done.out).not.toMatch(/^\s+(build|try|check|audit|demo)\s/m);
  });

  it('refuses an unknown mutation id in one line, exit 2, before copying anything', async () => {
    const done = await runInProcess(['mutate', '--only', 'no-such-mutation'], 'maint');
    expect(done.code).toBe(2);
    expect(done.err.trim()).toBe('mutate: no mutation with id no-such-mutation');
  });

  it('names its commands when given an unknown one, exit 2', async () => {
    const done = await runInProcess(['build'], 'maint');
    expect(done.code).toBe(2);
    expect(done.err.trim()).toBe(
      "cli: unknown command 'build'; the commands are bench, mutate, check-dist, release (see npm run maint -- --help)",
    );
  });

  it('bench --help prints its usage and leaves dist/ alone', async () => {
    const before = statSync(distFile).mtimeMs;
    const done = await runInProcess(['bench', '--help'], 'maint');
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/^Usage: npm run maint -- bench /);
    expect(done.out.replace(/\s+/g, ' ')).toContain('writes bench-results.json');
    expect(done.err).toBe('');
    expect(statSync(distFile).mtimeMs).toBe(before);
  });
});
