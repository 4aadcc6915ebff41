import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTATIONS } from '../../scripts/mutate/catalog';
import { applyMutation, catalogProblems } from '../../scripts/mutate/check';
import { generateAll, generateMutants } from '../../scripts/mutate/generate';
import { EQUIVALENTS, SURVIVORS } from '../../scripts/mutate/judged';

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

  it('generates mutants in every source module that holds code, each with its own id', () => {
    const generated = generateAll(ROOT);
    const withCode = sourceFiles('src').filter((file) => !typesOnly(file));
    const reached = new Set(generated.map((mutant) => mutant.file));
    expect(withCode.filter((file) => !reached.has(file))).toEqual([]);
    expect(new Set(generated.map((mutant) => mutant.id)).size).toBe(generated.length);
  });

  it('judges only mutants the generator still makes', () => {
    const ids = new Set(generateAll(ROOT).map((mutant) => mutant.id));
    const judged = [...Object.keys(EQUIVALENTS), ...Object.keys(SURVIVORS)];
    expect(judged.filter((id) => !ids.has(id))).toEqual([]);
    for (const reason of [...Object.values(EQUIVALENTS), ...Object.values(SURVIVORS)]) {
      expect(reason.trim().length).toBeGreaterThan(20);
    }
  });

  it("keeps the ids of a module's mutants when code elsewhere in it moves", () => {
    const source = 'export function f(a: number) {\n  return a < 1;\n}\n';
    const moved = `const unrelated = 1;\n\n${source}`;
    const ids = (text: string) => generateMutants('src/x.ts', text).map((m) => m.id);
    expect(ids(moved)).toEqual(expect.arrayContaining(ids(source)));
    expect(
      generateMutants('src/x.ts', source).map((m) => `${m.operator} ${m.replacement}`),
    ).toEqual([
      'BlockStatement {}',
      'EqualityOperator <=',
      'EqualityOperator >=',
      'ConditionalExpression true',
      'ConditionalExpression false',
    ]);
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
