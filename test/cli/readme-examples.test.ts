import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditCommand } from '../../cli/account/audit';
import { checkCommand } from '../../cli/account/check';
import { reconcileCommand } from '../../cli/account/reconcile';
import { readSeed } from '../../cli/shared/seed';
import { createFakeGoto } from '../../emulator/fake-goto';
import { callCommand } from '../support/admin-tools';

/** The README's example output of check and audit is what they print for the example files. */

const README = readFileSync('README.md', 'utf8');

function seededFake() {
  const seed = readSeed(
    JSON.parse(readFileSync('examples/seed.json', 'utf8')),
    'examples/seed.json',
  );
  return createFakeGoto(seed);
}

describe('README examples', () => {
  it.each([
    ['check', checkCommand, ['examples/pro-with-typo.settings.json'], 1],
    [
      'audit',
      auditCommand,
      ['examples/standard.settings.json', '--assigned', 'examples/assigned-standard.csv'],
      0,
    ],
    [
      'audit',
      auditCommand,
      ['examples/standard.settings.json', '--assigned', 'examples/assigned-standard.csv', '--csv'],
      0,
    ],
    [
      'reconcile',
      reconcileCommand,
      ['examples/standard.settings.json', '--assigned', 'examples/assigned-standard.csv'],
      1,
    ],
  ])('shows what %s prints for %j', async (_, factory, args, code) => {
    const done = await callCommand(seededFake(), factory, args);
    expect(done.code).toBe(code);
    expect(done.stdout.split('\n').length).toBeGreaterThan(3);
    expect(README).toContain(`\`\`\`\n${done.stdout}\n\`\`\``);
  });
});

describe('README reconcile --apply example', () => {
  it('shows the result table reconcile --apply prints for the example files', async () => {
    const done = await callCommand(seededFake(), reconcileCommand, [
      'examples/standard.settings.json',
      '--assigned',
      'examples/assigned-standard.csv',
      '--apply',
      '--yes',
    ]);
    expect(done.code).toBe(0);
    const results = done.stdout.slice(done.stdout.indexOf('Applied to GoTo account'));
    expect(results.split('\n').length).toBeGreaterThan(5);
    expect(README).toContain(`\`\`\`\n${results}\n\`\`\``);
  });
});
