import { type Node, parse } from 'acorn';
import { full } from 'acorn-walk';
import { analyze } from 'eslint-scope';
import { ALLOWED_GLOBALS } from '../../src/host/allowed-globals';

/**
 * The subset of JavaScript every plausible host engine runs, checked on a built script with real
 * parsers and scope analysis: ES5 syntax as a classic script (no import/export), no free
 * identifier outside the allow-list (so no require, Promise, Map, timers, console...), no
 * built-in function or constant newer than ES5 (a syntax down-leveller does not add them), no
 * source map reference. Returns the problems found, one line each, naming the construct and
 * where it is.
 */
export function checkScript(name: string, code: string): string[] {
  let ast: Node;
  try {
    // Read with today's grammar first, so that a newer construct can be named, not just refused.
    ast = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      locations: true,
      ranges: true,
    });
  } catch (error) {
    return [`${name} is not ES5 script syntax: ${(error as Error).message}`];
  }
  const problems = [...newerSyntax(name, ast), ...newerBuiltIns(name, ast)];
  if (problems.length === 0) {
    try {
      parse(code, { ecmaVersion: 5, sourceType: 'script' });
    } catch (error) {
      problems.push(`${name} is not ES5 script syntax: ${(error as Error).message}`);
    }
  }
  problems.push(...unknownGlobals(name, ast));
  if (/^\s*\/\/[#@] sourceMappingURL=/m.test(code)) {
    problems.push(`${name} references a source map, which the host cannot load`);
  }
  return problems;
}

interface Located {
  type: string;
  loc?: { start: { line: number; column: number } } | null;
}

function where(name: string, node: Located): string {
  const start = node.loc?.start;
  return start ? `${name}:${start.line}:${start.column + 1}` : name;
}

/** What an ES5 engine does not parse, named as a reader of the source would say it. */
function construct(node: Located & Record<string, unknown>): string | undefined {
  switch (node.type) {
    case 'VariableDeclaration':
      return node.kind === 'var' ? undefined : `a \`${String(node.kind)}\` declaration`;
    case 'ArrowFunctionExpression':
      return 'an arrow function';
    case 'TemplateLiteral':
      return 'a template literal';
    case 'TaggedTemplateExpression':
      return 'a tagged template';
    case 'ClassDeclaration':
    case 'ClassExpression':
      return 'a class';
    case 'ObjectPattern':
    case 'ArrayPattern':
      return 'destructuring';
    case 'AssignmentPattern':
      return 'a default value of a parameter or binding';
    case 'RestElement':
      return 'a rest parameter or element';
    case 'SpreadElement':
      return 'spread (...)';
    case 'ForOfStatement':
      return 'for…of';
    case 'Property':
      if (node.shorthand) return 'a shorthand property';
      if (node.computed) return 'a computed property name';
      if (node.method) return 'a method shorthand';
      return undefined;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
      if (node.async) return 'an async function';
      if (node.generator) return 'a generator function';
      return undefined;
    case 'ChainExpression':
      return 'optional chaining (?.)';
    case 'LogicalExpression':
      return node.operator === '??' ? 'the ?? operator' : undefined;
    case 'BinaryExpression':
      return node.operator === '**' ? 'the ** operator' : undefined;
    case 'AssignmentExpression':
      return ['**=', '&&=', '||=', '??='].indexOf(String(node.operator)) >= 0
        ? `the ${String(node.operator)} operator`
        : undefined;
    case 'MetaProperty':
      return 'new.target or import.meta';
    case 'Super':
      return 'super';
    case 'ImportExpression':
      return 'import()';
    case 'CatchClause':
      return node.param === null ? 'a catch without a binding' : undefined;
    case 'Literal':
      return literal(node);
    default:
      return undefined;
  }
}

function literal(node: Record<string, unknown>): string | undefined {
  if (node.bigint !== undefined) return 'a BigInt literal';
  const regex = node.regex as { flags: string } | undefined;
  if (regex && /[^gim]/.test(regex.flags)) return `the regular expression flags "${regex.flags}"`;
  const raw = String(node.raw);
  if (typeof node.value === 'number' && /^0[bBoO]|_/.test(raw)) return `the number literal ${raw}`;
  return undefined;
}

function newerSyntax(name: string, ast: Node): string[] {
  const problems: string[] = [];
  full(ast, (node) => {
    const found = construct(node as unknown as Located & Record<string, unknown>);
    if (found) problems.push(`${where(name, node)} uses ${found}, which is newer than ES5`);
  });
  return problems;
}

/** Each ES5 global object's own functions and constants: anything else on them came later. */
const ES5_STATICS: Record<string, readonly string[]> = {
  Object: [
    'prototype',
    'create',
    'defineProperty',
    'defineProperties',
    'getOwnPropertyDescriptor',
    'getOwnPropertyNames',
    'getPrototypeOf',
    'keys',
    'freeze',
    'isFrozen',
    'seal',
    'isSealed',
    'preventExtensions',
    'isExtensible',
  ],
  Array: ['prototype', 'isArray'],
  String: ['prototype', 'fromCharCode'],
  Number: ['prototype', 'MAX_VALUE', 'MIN_VALUE', 'NaN', 'NEGATIVE_INFINITY', 'POSITIVE_INFINITY'],
  Boolean: ['prototype'],
  Date: ['prototype', 'now', 'parse', 'UTC'],
  RegExp: ['prototype'],
  JSON: ['parse', 'stringify'],
  Math: [
    'E',
    'LN10',
    'LN2',
    'LOG10E',
    'LOG2E',
    'PI',
    'SQRT1_2',
    'SQRT2',
    'abs',
    'acos',
    'asin',
    'atan',
    'atan2',
    'ceil',
    'cos',
    'exp',
    'floor',
    'log',
    'max',
    'min',
    'pow',
    'random',
    'round',
    'sin',
    'sqrt',
    'tan',
  ],
};

/**
 * Methods that built-in prototypes gained after ES5. The object they are called on is unknown
 * without types, so the name alone is refused: the scripts' own objects avoid these names.
 */
const NEWER_METHODS = new Set([
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'fill',
  'copyWithin',
  'entries',
  'keys',
  'values',
  'includes',
  'flat',
  'flatMap',
  'at',
  'startsWith',
  'endsWith',
  'repeat',
  'codePointAt',
  'normalize',
  'padStart',
  'padEnd',
  'trimStart',
  'trimEnd',
  'matchAll',
  'replaceAll',
]);

interface MemberNode extends Located {
  computed: boolean;
  object: { type: string; name?: string };
  property: { type: string; name?: string; value?: unknown };
}

function newerBuiltIns(name: string, ast: Node): string[] {
  const problems: string[] = [];
  full(ast, (node) => {
    if (node.type !== 'MemberExpression') return;
    const member = node as unknown as MemberNode;
    const property = memberName(member);
    if (property === undefined) return;
    const owner = member.object.type === 'Identifier' ? member.object.name : undefined;
    const statics =
      owner !== undefined && Object.hasOwn(ES5_STATICS, owner) ? ES5_STATICS[owner] : undefined;
    if (statics) {
      if (statics.indexOf(property) < 0) {
        problems.push(`${where(name, member)} uses ${owner}.${property}, which ES5 does not have`);
      }
    } else if (NEWER_METHODS.has(property)) {
      problems.push(
        `${where(name, member)} uses .${property}, a built-in method newer than ES5 (or an own property of that name, which the check cannot tell apart)`,
      );
    }
  });
  return problems;
}

function memberName(member: MemberNode): string | undefined {
  if (!member.computed) return member.property.name;
  return member.property.type === 'Literal' && typeof member.property.value === 'string'
    ? member.property.value
    : undefined;
}

/** Free identifiers: only the host's three globals and the allowed ES5 built-ins may be used. */
function unknownGlobals(name: string, ast: Node): string[] {
  const scopes = analyze(ast as never, { ecmaVersion: 2022, sourceType: 'script' });
  const global = scopes.globalScope;
  if (!global) return [`${name}: scope analysis found no global scope`];
  const problems: string[] = [];
  for (const reference of global.through) {
    const identifier = reference.identifier as unknown as Located & { name: string };
    if (ALLOWED_GLOBALS.indexOf(identifier.name) >= 0) continue;
    problems.push(
      `${where(name, identifier)} uses the global "${identifier.name}", which the MyWorkspace host is not known to have (allowed: ${ALLOWED_GLOBALS.join(', ')})`,
    );
  }
  return problems;
}
