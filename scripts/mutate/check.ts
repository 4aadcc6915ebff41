import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mutation } from './catalog';

/**
 * The catalog must keep up with the code: every `find` text occurs exactly once in its file, so
 * a mutation can never silently stop applying (or apply somewhere unintended) after an edit.
 */

export function occurrences(text: string, find: string): number {
  if (find === '') return 0;
  let count = 0;
  let at = text.indexOf(find);
  while (at >= 0) {
    count += 1;
    at = text.indexOf(find, at + find.length);
  }
  return count;
}

/** The file's text with the mutation applied; throws unless `find` occurs exactly once. */
export function applyMutation(source: string, mutation: Mutation): string {
  const count = occurrences(source, mutation.find);
  if (count !== 1) {
    throw new Error(
      `mutation ${mutation.id}: its find text occurs ${count} times in ${mutation.file}`,
    );
  }
  return source.replace(mutation.find, () => mutation.replace);
}

/** One line per problem: duplicate ids, unknown files, find texts that do not match once. */
export function catalogProblems(mutations: readonly Mutation[], root: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const mutation of mutations) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(mutation.id)) {
      problems.push(`${mutation.id}: an id is lower-case words joined by hyphens`);
    }
    if (seen.has(mutation.id)) problems.push(`${mutation.id}: the id is used twice`);
    seen.add(mutation.id);
    if (mutation.find === mutation.replace) {
      problems.push(`${mutation.id}: the replacement is the find text itself`);
    }
    let source: string;
    try {
      source = readFileSync(join(root, mutation.file), 'utf8');
    } catch {
      problems.push(`${mutation.id}: ${mutation.file} does not exist`);
      continue;
    }
    const count = occurrences(source, mutation.find);
    if (count !== 1) {
      problems.push(
        `${mutation.id}: the find text occurs ${count} times in ${mutation.file}, it must occur once`,
      );
    }
  }
  return problems;
}
