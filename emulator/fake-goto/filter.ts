/**
 * The `filter` query parameter of the user list, such as `email="a@example.com"`; whether GoTo reads
 * the value as a regular expression or literally is not documented, so the fake can do either.
 *
 * Grammar: clauses `(attr="value")`, attr one of email, firstName, lastName, joined by `|` (OR)
 * and `&` (AND, binds tighter); blanks between tokens are allowed. A value holds any character
 * except `"` (there is no escape for it). Grouping parentheses are not supported.
 *
 * Modes, because how GoTo reads the value is unconfirmed:
 * - `regex`: the value is a Java-style regular expression that must match the whole attribute
 *   (`String.matches`). Case-sensitive unless the value starts with `(?i)`. `\Q…\E` quotes text,
 *   as in Java. So `first+tag@example.com` does not find itself, and `.` matches any character.
 * - `regex-find`: the same expression, found anywhere in the attribute (`Matcher.find`), so a
 *   filter for `john@example.com` also returns `xjohn@example.com` and `john@example.com.au`.
 * - `literal`: the value equals the attribute, ignoring case.
 * - `literal-contains`: the attribute contains the value, ignoring case (over-matches likewise).
 */

export type FilterMode = 'regex' | 'regex-find' | 'literal' | 'literal-contains';

export const FILTER_ATTRIBUTES = ['email', 'firstName', 'lastName'] as const;
export type FilterAttribute = (typeof FILTER_ATTRIBUTES)[number];
export type Filterable = Readonly<Record<FilterAttribute, string>>;

export interface Clause {
  attribute: FilterAttribute;
  value: string;
}

/** OR of ANDs of clauses. */
export type FilterExpression = Clause[][];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function parseFilter(text: string): Parsed<FilterExpression> {
  const parser = new Parser(text);
  try {
    return { ok: true, value: parser.expression() };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Parses and compiles a filter into a predicate; a syntax error or a bad regex is a failure. */
export function compileFilter(
  text: string,
  mode: FilterMode,
): Parsed<(user: Filterable) => boolean> {
  const parsed = parseFilter(text);
  if (!parsed.ok) return parsed;
  const alternatives: ((user: Filterable) => boolean)[][] = [];
  for (const conjunction of parsed.value) {
    const tests: ((user: Filterable) => boolean)[] = [];
    for (const clause of conjunction) {
      const test = clauseTest(clause, mode);
      if (!test.ok) return test;
      tests.push(test.value);
    }
    alternatives.push(tests);
  }
  return {
    ok: true,
    value: (user) => alternatives.some((tests) => tests.every((test) => test(user))),
  };
}

function clauseTest(clause: Clause, mode: FilterMode): Parsed<(user: Filterable) => boolean> {
  const { attribute, value } = clause;
  if (mode === 'literal' || mode === 'literal-contains') {
    const wanted = value.toLowerCase();
    return {
      ok: true,
      value:
        mode === 'literal'
          ? (user) => user[attribute].toLowerCase() === wanted
          : (user) => user[attribute].toLowerCase().includes(wanted),
    };
  }
  const regex = javaRegex(value, mode === 'regex');
  if (!regex.ok) return regex;
  const pattern = regex.value;
  return { ok: true, value: (user) => pattern.test(user[attribute]) };
}

/** A Java-style pattern as a JavaScript RegExp, matching the whole input unless `anchored` is false. */
export function javaRegex(value: string, anchored = true): Parsed<RegExp> {
  let source = value;
  let flags = '';
  if (source.startsWith('(?i)')) {
    flags = 'i';
    source = source.slice(4);
  }
  source = expandQuotes(source);
  try {
    // Compiled alone first, so that `a)|(b` fails instead of escaping the anchors below.
    new RegExp(source, flags);
    return { ok: true, value: new RegExp(anchored ? `^(?:${source})$` : source, flags) };
  } catch (error) {
    return { ok: false, reason: `invalid regular expression ${JSON.stringify(value)}: ${error}` };
  }
}

/** Java's `\Q…\E` (to `\E` or the end) becomes the same text with metacharacters escaped. */
function expandQuotes(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    if (source.charAt(i) === '\\' && source.charAt(i + 1) === 'Q') {
      const end = source.indexOf('\\E', i + 2);
      const quoted = source.slice(i + 2, end === -1 ? source.length : end);
      out += quoted.replace(/[\\^$.|?*+()[\]{}/-]/g, '\\$&');
      i = end === -1 ? source.length : end + 2;
    } else if (source.charAt(i) === '\\') {
      out += source.slice(i, i + 2);
      i += 2;
    } else {
      out += source.charAt(i);
      i += 1;
    }
  }
  return out;
}

class FilterSyntaxError extends Error {}

class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  expression(): FilterExpression {
    const alternatives: Clause[][] = [this.conjunction()];
    while (this.take('|')) alternatives.push(this.conjunction());
    this.skipBlanks();
    if (this.position < this.text.length)
      this.fail(`unexpected ${this.text.charAt(this.position)}`);
    return alternatives;
  }

  private conjunction(): Clause[] {
    const clauses = [this.clause()];
    while (this.take('&')) clauses.push(this.clause());
    return clauses;
  }

  private clause(): Clause {
    this.expect('(');
    this.skipBlanks();
    const start = this.position;
    while (/[A-Za-z]/.test(this.text.charAt(this.position))) this.position += 1;
    const name = this.text.slice(start, this.position);
    const attribute = FILTER_ATTRIBUTES.find((a) => a === name);
    if (attribute === undefined) this.fail(`unknown attribute ${JSON.stringify(name)}`);
    this.expect('=');
    this.expect('"');
    const end = this.text.indexOf('"', this.position);
    if (end === -1) this.fail('unterminated value');
    const value = this.text.slice(this.position, end);
    this.position = end + 1;
    this.expect(')');
    return { attribute, value };
  }

  private take(token: string): boolean {
    this.skipBlanks();
    if (this.text.charAt(this.position) !== token) return false;
    this.position += 1;
    return true;
  }

  private expect(token: string): void {
    if (!this.take(token)) this.fail(`expected ${token}`);
  }

  private skipBlanks(): void {
    while (/\s/.test(this.text.charAt(this.position))) this.position += 1;
  }

  private fail(message: string): never {
    throw new FilterSyntaxError(`${message} at ${this.position} in filter ${this.text}`);
  }
}
