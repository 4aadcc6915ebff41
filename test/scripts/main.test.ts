import { statSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
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

  it.each([
    [['--seed', '3'], '--seed goes with --sample'],
    [['--sample', 'many'], '--sample takes a whole number >= 1'],
    [
      ['--sample', '5', '--survivors'],
      "--survivors goes with the --sample and --seed of the report's sample",
    ],
    [
      ['--sample', '5', '--seed', '1', '--only', 'no:such:id'],
      'no generated mutant with id no:such:id in this sample',
    ],
    [
      ['--sample', '5', '--hints', 'package.json'],
      '--hints package.json: name names "gotomeeting-myworkspace-provisioning", not a test file; it takes a JSON object of mutant ids to test files',
    ],
  ])('refuses mutate %j in one line, exit 2', async (flags, line) => {
    const done = await runInProcess(['mutate', ...flags], 'maint');
    expect(done.code).toBe(2);
    expect(done.err.trim()).toBe(`mutate: ${line}`);
  });

  it('lists a seeded sample of generated mutants without running them', async () => {
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    const done = await runInProcess(['mutate', '--sample', '4', '--seed', '9', '--list'], 'maint');
    const lines = printed.mock.calls.map((args) => String(args[0]));
    printed.mockRestore();
    expect(done.code).toBe(0);
    expect(lines[0]).toMatch(/^a sample of 4 of \d+ mutants, seed 9$/);
    expect(
      lines
        .slice(1, 5)
        .every((line) => /^[a-z/-]+:[\w.]+:[A-Za-z]+:[0-9a-f]{8} {2}src\//.test(line)),
    ).toBe(true);
    expect(lines[5]).toBe('4 mutants');
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
