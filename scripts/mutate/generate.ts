import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Mutants generated from the TypeScript syntax tree of `src/`, by the operators of Stryker's set
 * (named as Stryker names them, docs/mutation-testing.md): each is one small edit of one file,
 * the same edit a person slipping would make, found mechanically so that nobody chooses which.
 * Type positions, imports and object keys are left alone: no behaviour lives there.
 */

export type Operator =
  | 'EqualityOperator'
  | 'LogicalOperator'
  | 'BooleanLiteral'
  | 'ArithmeticOperator'
  | 'AssignmentOperator'
  | 'UpdateOperator'
  | 'UnaryOperator'
  | 'StringLiteral'
  | 'ArrayDeclaration'
  | 'ConditionalExpression'
  | 'BlockStatement'
  | 'OptionalChaining';

export interface GeneratedMutant {
  /** Stable while the code it mutates stays: module, enclosing function, operator, a digest. */
  id: string;
  file: string;
  line: number;
  operator: Operator;
  /** The replaced span of the file, by character offset. */
  start: number;
  end: number;
  original: string;
  replacement: string;
  description: string;
}

const EQUALITY: Partial<Record<ts.SyntaxKind, string[]>> = {
  [ts.SyntaxKind.LessThanToken]: ['<=', '>='],
  [ts.SyntaxKind.LessThanEqualsToken]: ['<', '>'],
  [ts.SyntaxKind.GreaterThanToken]: ['>=', '<='],
  [ts.SyntaxKind.GreaterThanEqualsToken]: ['>', '<'],
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: ['!=='],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: ['==='],
  [ts.SyntaxKind.EqualsEqualsToken]: ['!='],
  [ts.SyntaxKind.ExclamationEqualsToken]: ['=='],
};
const LOGICAL: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.AmpersandAmpersandToken]: '||',
  [ts.SyntaxKind.BarBarToken]: '&&',
  [ts.SyntaxKind.QuestionQuestionToken]: '&&',
};
const ARITHMETIC: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.PlusToken]: '-',
  [ts.SyntaxKind.MinusToken]: '+',
  [ts.SyntaxKind.AsteriskToken]: '/',
  [ts.SyntaxKind.SlashToken]: '*',
  [ts.SyntaxKind.PercentToken]: '*',
};
const ASSIGNMENT: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.PlusEqualsToken]: '-=',
  [ts.SyntaxKind.MinusEqualsToken]: '+=',
  [ts.SyntaxKind.AsteriskEqualsToken]: '/=',
  [ts.SyntaxKind.SlashEqualsToken]: '*=',
  [ts.SyntaxKind.PercentEqualsToken]: '*=',
  [ts.SyntaxKind.AmpersandAmpersandEqualsToken]: '||=',
  [ts.SyntaxKind.BarBarEqualsToken]: '&&=',
  [ts.SyntaxKind.QuestionQuestionEqualsToken]: '&&=',
};
/** The operators whose expression is a boolean: forced to `true` and `false` (Stryker's list). */
const BOOLEAN_OPERATORS = new Set<ts.SyntaxKind>([
  ...(Object.keys(EQUALITY).map(Number) as ts.SyntaxKind[]),
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
]);

/** The modules of `src/` that can hold code, relative to `root`, sorted. */
export function sourceModules(root: string, dir = 'src'): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sourceModules(root, join(dir, entry.name))
        : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();
}

/** Every generated mutant of `src/`, in id order (the order a sample draws from). */
export function generateAll(root: string): GeneratedMutant[] {
  return sourceModules(root)
    .flatMap((file) => generateMutants(file, readFileSync(join(root, file), 'utf8')))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function generateMutants(file: string, source: string): GeneratedMutant[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: GeneratedMutant[] = [];
  const seen = new Map<string, number>();
  const module = file.replace(/^src\//, '').replace(/\.ts$/, '');

  const add = (
    node: ts.Node,
    operator: Operator,
    replacement: string,
    span: { start: number; end: number } = { start: node.getStart(tree), end: node.getEnd() },
  ) => {
    const original = source.slice(span.start, span.end);
    if (original === replacement) return;
    const scope = scopeOf(node, tree);
    const basis = `${module}|${scope}|${operator}|${original}|${replacement}`;
    const repeat = seen.get(basis) ?? 0;
    seen.set(basis, repeat + 1);
    const digest = createHash('sha256').update(`${basis}|${repeat}`).digest('hex').slice(0, 8);
    const line = tree.getLineAndCharacterOfPosition(span.start).line + 1;
    found.push({
      id: `${module}:${scope}:${operator}:${digest}`,
      file,
      line,
      operator,
      ...span,
      original,
      replacement,
      description: describe(operator, original, replacement, line, tree, span.end),
    });
  };

  const visit = (node: ts.Node): void => {
    if (skipped(node)) return;
    mutateNode(node, tree, add);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

type Add = (
  node: ts.Node,
  operator: Operator,
  replacement: string,
  span?: { start: number; end: number },
) => void;

function mutateNode(node: ts.Node, tree: ts.SourceFile, add: Add): void {
  const tokenSpan = (token: ts.Node) => ({ start: token.getStart(tree), end: token.getEnd() });
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    for (const replacement of EQUALITY[kind] ?? []) {
      add(node, 'EqualityOperator', replacement, tokenSpan(node.operatorToken));
    }
    const logical = LOGICAL[kind];
    if (logical) add(node, 'LogicalOperator', logical, tokenSpan(node.operatorToken));
    const arithmetic = ARITHMETIC[kind];
    const concatenation =
      kind === ts.SyntaxKind.PlusToken && (isStringy(node.left) || isStringy(node.right));
    if (arithmetic && !concatenation) {
      add(node, 'ArithmeticOperator', arithmetic, tokenSpan(node.operatorToken));
    }
    const assignment = ASSIGNMENT[kind];
    const appendsText = kind === ts.SyntaxKind.PlusEqualsToken && isStringy(node.right);
    if (assignment && !appendsText) {
      add(node, 'AssignmentOperator', assignment, tokenSpan(node.operatorToken));
    }
  }
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    const operand = node.operand.getText(tree);
    const prefix = ts.isPrefixUnaryExpression(node);
    if (node.operator === ts.SyntaxKind.PlusPlusToken) {
      add(node, 'UpdateOperator', prefix ? `--${operand}` : `${operand}--`);
    } else if (node.operator === ts.SyntaxKind.MinusMinusToken) {
      add(node, 'UpdateOperator', prefix ? `++${operand}` : `${operand}++`);
    } else if (node.operator === ts.SyntaxKind.ExclamationToken) {
      add(node, 'BooleanLiteral', operand);
    } else if (node.operator === ts.SyntaxKind.MinusToken) {
      add(node, 'UnaryOperator', `+${operand}`);
    } else if (node.operator === ts.SyntaxKind.PlusToken) {
      add(node, 'UnaryOperator', `-${operand}`);
    } else if (node.operator === ts.SyntaxKind.TildeToken) {
      add(node, 'UnaryOperator', operand);
    }
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) add(node, 'BooleanLiteral', 'false');
  if (node.kind === ts.SyntaxKind.FalseKeyword) add(node, 'BooleanLiteral', 'true');
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    add(node, 'StringLiteral', node.text === '' ? '"Stryker was here!"' : '""');
  }
  if (ts.isTemplateExpression(node)) add(node, 'StringLiteral', '``');
  if (ts.isArrayLiteralExpression(node)) {
    add(node, 'ArrayDeclaration', node.elements.length === 0 ? '["Stryker was here"]' : '[]');
  }
  conditions(node, add);
  if (ts.isBlock(node) && node.statements.length > 0) add(node, 'BlockStatement', '{}');
  if (
    (ts.isPropertyAccessExpression(node) ||
      ts.isElementAccessExpression(node) ||
      ts.isCallExpression(node)) &&
    node.questionDotToken
  ) {
    const dot = node.questionDotToken;
    add(node, 'OptionalChaining', ts.isPropertyAccessExpression(node) ? '.' : '', tokenSpan(dot));
  }
}

/** Stryker's ConditionalExpression: tests forced true or false, loops never entered. */
function conditions(node: ts.Node, add: Add): void {
  for (const forced of forcedValues(node)) add(node, 'ConditionalExpression', forced);
}

function forcedValues(node: ts.Node): string[] {
  const parent = node.parent;
  if (parent === undefined) return [];
  const loopTest =
    (ts.isWhileStatement(parent) && parent.expression === node) ||
    (ts.isDoStatement(parent) && parent.expression === node) ||
    (ts.isForStatement(parent) && parent.condition === node);
  if (loopTest) return ['false'];
  const conditionTest =
    (ts.isIfStatement(parent) && parent.expression === node) ||
    (ts.isConditionalExpression(parent) && parent.condition === node);
  if (conditionTest) return ['true', 'false'];
  if (!ts.isBinaryExpression(node) || !BOOLEAN_OPERATORS.has(node.operatorToken.kind)) return [];
  // In `x || y`, x forced true is the whole forced true; in `x && y`, x forced false likewise.
  const around = ts.isParenthesizedExpression(parent) ? parent.parent : parent;
  if (around && ts.isBinaryExpression(around)) {
    if (around.operatorToken.kind === ts.SyntaxKind.BarBarToken) return ['false'];
    if (around.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return ['true'];
  }
  return ['true', 'false'];
}

/** Where no behaviour lives: types, imports and exports of names, keys of objects. */
function skipped(node: ts.Node): boolean {
  if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return true;
  if (
    ts.isImportDeclaration(node) ||
    ts.isExportDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isModuleDeclaration(node)
  ) {
    return true;
  }
  const parent = node.parent;
  if (parent === undefined) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
    return true;
  return ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword;
}

function isStringy(node: ts.Expression): boolean {
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateExpression(node)
  );
}

/** The names of the functions around `node`, outermost first: `readPages.readPage`. */
function scopeOf(node: ts.Node, tree: ts.SourceFile): string {
  const names: string[] = [];
  for (let at: ts.Node | undefined = node.parent; at !== undefined; at = at.parent) {
    const name = nameOf(at, tree);
    if (name !== undefined) names.unshift(name);
  }
  return names.length === 0 ? 'module' : names.join('.');
}

function nameOf(node: ts.Node, tree: ts.SourceFile): string | undefined {
  if (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isClassDeclaration(node)) &&
    node.name
  ) {
    return node.name.getText(tree);
  }
  if (
    (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)) &&
    ts.isIdentifier(node.name) &&
    node.initializer !== undefined &&
    (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
  ) {
    return node.name.text;
  }
  return undefined;
}

function describe(
  operator: Operator,
  original: string,
  replacement: string,
  line: number,
  tree: ts.SourceFile,
  end: number,
): string {
  if (operator === 'BlockStatement') {
    const last = tree.getLineAndCharacterOfPosition(end).line + 1;
    return `line ${line}: the block of lines ${line}-${last} emptied`;
  }
  return `line ${line}: ${shown(original)} -> ${shown(replacement)}`;
}

function shown(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return `\`${flat.length > 70 ? `${flat.slice(0, 67)}...` : flat}\``;
}

/** The file's text with the mutant in it; throws when the file no longer holds the original. */
export function applyGenerated(source: string, mutant: GeneratedMutant): string {
  if (source.slice(mutant.start, mutant.end) !== mutant.original) {
    throw new Error(
      `mutant ${mutant.id}: ${mutant.file} no longer holds ${shown(mutant.original)}`,
    );
  }
  return source.slice(0, mutant.start) + mutant.replacement + source.slice(mutant.end);
}
