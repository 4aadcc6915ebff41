import { parse } from 'acorn';
import { simple } from 'acorn-walk';
import { analyze } from 'eslint-scope';
import { ALLOWED_GLOBALS } from '../../src/host/allowed-globals';

interface MemberNode {
  computed: boolean;
  object: { type: string; name?: string };
  property: { name?: string };
  loc: { start: { line: number } };
}

/** Library methods after ES2015 that the syntax check cannot see (TypeScript's lib keeps src honest; this catches bundler helpers). */
const LATER_METHODS = new Set([
  'includes',
  'padStart',
  'padEnd',
  'trimStart',
  'trimEnd',
  'flat',
  'flatMap',
  'matchAll',
  'replaceAll',
  'finally',
]);
const LATER_OBJECT_FUNCTIONS = new Set([
  'entries',
  'values',
  'fromEntries',
  'getOwnPropertyDescriptors',
]);

/**
 * The subset of JavaScript every plausible host engine runs, checked on a built script with a real parser and scope
 * analysis: ES2015 syntax as a classic script (so no import/export), no free identifier outside
 * the allow-list (so no require, Promise, timers, console...), no source map reference.
 * Returns the problems found, one line each.
 */
export function checkScript(name: string, code: string): string[] {
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(code, { ecmaVersion: 2015, sourceType: 'script', locations: true, ranges: true });
  } catch (error) {
    return [`${name} is not ES2015 script syntax: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const scopes = analyze(ast as never, { ecmaVersion: 2015, sourceType: 'script' });
  const global = scopes.globalScope;
  if (!global) return [`${name}: scope analysis found no global scope`];
  for (const reference of global.through) {
    const identifier = reference.identifier as { name: string; loc?: { start: { line: number } } };
    if (ALLOWED_GLOBALS.indexOf(identifier.name) >= 0) continue;
    const line = identifier.loc ? identifier.loc.start.line : '?';
    problems.push(
      `${name}:${line} uses the global "${identifier.name}", which the MyWorkspace host is not known to have (allowed: ${ALLOWED_GLOBALS.join(', ')})`,
    );
  }
  simple(ast, {
    MemberExpression(node) {
      const member = node as unknown as MemberNode;
      const method = member.computed ? undefined : member.property.name;
      const owner = member.object.type === 'Identifier' ? member.object.name : undefined;
      const late =
        method &&
        (LATER_METHODS.has(method) || (owner === 'Object' && LATER_OBJECT_FUNCTIONS.has(method)));
      if (late) {
        problems.push(
          `${name}:${member.loc.start.line} uses .${method}, which is newer than ES2015 and may be missing in the host`,
        );
      }
    },
  });
  if (/^\s*\/\/[#@] sourceMappingURL=/m.test(code)) {
    problems.push(`${name} references a source map, which the host cannot load`);
  }
  return problems;
}
