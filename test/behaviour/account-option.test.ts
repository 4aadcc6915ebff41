import { describe, expect, it } from 'vitest';
import { OptionsError, parseBuildRequest, validateOptions } from '../../cli/build/flags';
import { blockOf } from '../support/blocks';
import { buildWith } from '../support/builds';

/** The `accountKey` build option: digits only, validated like the others, in the options block. */

function problemsOf(make: () => unknown): string[] {
  try {
    make();
  } catch (error) {
    if (error instanceof OptionsError) return error.problems;
    throw error;
  }
  return [];
}

describe('the accountKey build option', () => {
  it('takes digits from the flag and from a config value', () => {
    expect(parseBuildRequest({ accountKey: '1234567890123456789' }).options.accountKey).toBe(
      '1234567890123456789',
    );
    expect(validateOptions({ accountKey: '42' }).accountKey).toBe('42');
    expect(validateOptions({}).accountKey).toBeNull();
  });

  it.each([
    ['letters', 'acme'],
    ['a number (it may already be rounded)', 1e18],
    ['blank', ''],
    ['a path', '../1'],
  ])('refuses %s with one line saying what is allowed', (_, value) => {
    const problems = problemsOf(() => validateOptions({ accountKey: value }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('accountKey must be your GoTo account key as a string of digits');
  });

  it('is written in the options block of both built scripts', async () => {
    const built = await buildWith({ accountKey: '1000000000000000001' });
    for (const code of [built.provisioning, built.deprovisioning]) {
      expect(blockOf(code)).toContain('\n  accountKey: "1000000000000000001",\n');
    }
  });
});
