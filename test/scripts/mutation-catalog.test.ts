import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTATIONS } from '../../scripts/mutate/catalog';
import { applyMutation, catalogProblems } from '../../scripts/mutate/check';

/**
 * The mutation catalog (npm run mutate) must match the current sources: a find text that no
 * longer occurs exactly once would plant nothing, or plant it somewhere else.
 */

const ROOT = new URL('../..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Interfaces and type aliases only: nothing there can hold a bug the build keeps. */
const typesOnly = (file: string) =>
  !/^(export )?(const|let|function|class) /m.test(readFileSync(join(ROOT, file), 'utf8')) &&
  !/^\w+\(/m.test(readFileSync(join(ROOT, file), 'utf8'));

describe('the mutation catalog', () => {
  it('matches the sources: every find text occurs exactly once in its file', () => {
    expect(catalogProblems(MUTATIONS, ROOT)).toEqual([]);
  });

  it('has at least 50 mutations, each changing its file', () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(50);
    for (const mutation of MUTATIONS) {
      const source = readFileSync(join(ROOT, mutation.file), 'utf8');
      expect(applyMutation(source, mutation), mutation.id).not.toBe(source);
    }
  });

  it('reaches every source module that holds code', () => {
    const withCode = sourceFiles('src').filter((file) => !typesOnly(file));
    const mutated = new Set(MUTATIONS.map((mutation) => mutation.file));
    expect(withCode.filter((file) => !mutated.has(file))).toEqual([]);
  });

  it('refuses a find text that occurs twice or not at all', () => {
    const base = { id: 'x', file: 'src/options.ts', description: 'x', replace: 'y' };
    expect(() => applyMutation('a a', { ...base, find: 'a' })).toThrow(/occurs 2 times/);
    expect(() => applyMutation('b', { ...base, find: 'a' })).toThrow(/occurs 0 times/);
    expect(catalogProblems([{ ...base, find: 'no such text' }], ROOT)).toEqual([
      'x: the find text occurs 0 times in src/options.ts, it must occur once',
    ]);
  });
});
