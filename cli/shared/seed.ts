import type { FakeGotoOptions } from '../../emulator/fake-goto';
import { isRecord } from '../../src/common/values';
import { readInputText } from './input-text';
import { UsageError } from './usage';

/**
 * A seed file for the built-in fake GoTo API: checked before the fake sees it, one line per
 * mistake, so a typo is reported as the typo rather than as a crash inside the fake (which would
 * surface as "GoTo answered 500") or as a silently ignored key.
 */

/** What a value must be, or undefined when it is right. */
type Rule = (value: unknown) => string | undefined;

/** A value: a rule, a list whose entries follow a field, or an object of named fields. */
type Field =
  | { rule: Rule; required?: boolean }
  | { list: Field; required?: boolean }
  | { fields: Record<string, Field>; required?: boolean };

const DIGITS = /^(?:0|[1-9]\d*)$/;

const rule = (check: Rule, required = false): Field => ({ rule: check, required });
const text = rule((value) => (typeof value === 'string' ? undefined : 'text'));
const email = (required = false) =>
  rule(
    (value) => (typeof value === 'string' && value.includes('@') ? undefined : 'an address with @'),
    required,
  );
const key = (required = false) =>
  rule(
    (value) =>
      typeof value === 'string' && DIGITS.test(value) ? undefined : 'a key of digits, as a string',
    required,
  );
const oneOf = (...allowed: unknown[]) =>
  rule((value) =>
    allowed.includes(value)
      ? undefined
      : `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
  );

const SEED: Field = {
  fields: {
    accountKey: key(),
    filterMode: oneOf('regex', 'regex-find', 'literal', 'literal-contains'),
    numericKeys: oneOf(true, false),
    createStatus: oneOf(200, 201),
    writeStatus: oneOf(200, 204),
    users: {
      list: {
        fields: {
          email: email(true),
          firstName: text,
          lastName: text,
          licenseKeys: { list: key() },
          key: key(),
          locale: text,
          status: oneOf('ACTIVE', 'SUSPENDED'),
        },
      },
    },
    licenses: {
      list: {
        fields: {
          key: key(true),
          seats: rule(
            (value) =>
              Number.isInteger(value) && (value as number) >= 0
                ? undefined
                : 'a whole number, 0 or more',
            true,
          ),
          description: text,
        },
      },
    },
    otherAccountEmails: { list: email() },
    me: {
      fields: {
        email: email(),
        adminRoles: { list: text },
        otherAccounts: { list: key() },
      },
    },
  },
};

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function wanted(field: Field): string {
  if ('rule' in field) return field.rule(undefined) ?? 'a value';
  if ('list' in field) return 'a list [ … ]';
  return `an object with ${Object.keys(field.fields).join(', ')}`;
}

/** One line per mistake, each naming where it is (`users[1].email`) and what is allowed. */
export function seedProblems(value: unknown, field: Field = SEED, where = 'the seed'): string[] {
  if ('rule' in field) {
    const problem = field.rule(value);
    return problem ? [`${where} must be ${problem}, not ${show(value)}`] : [];
  }
  if ('list' in field) {
    if (!Array.isArray(value)) return [`${where} must be ${wanted(field)}, not ${show(value)}`];
    return value.flatMap((entry, index) => seedProblems(entry, field.list, `${where}[${index}]`));
  }
  if (!isRecord(value)) return [`${where} must be ${wanted(field)}, not ${show(value)}`];
  const record = value;
  const prefix = where === 'the seed' ? '' : `${where}.`;
  const problems = Object.keys(record)
    .filter((name) => !Object.hasOwn(field.fields, name))
    .map(
      (name) =>
        `${prefix}${name} is not a seed key here: the keys are ${Object.keys(field.fields).join(', ')}`,
    );
  for (const [name, inner] of Object.entries(field.fields)) {
    if (record[name] === undefined) {
      if (inner.required) problems.push(`${prefix}${name} is missing: give ${wanted(inner)}`);
    } else {
      problems.push(...seedProblems(record[name], inner, `${prefix}${name}`));
    }
  }
  return problems;
}

/** The seed as fake options, or a UsageError with one line per mistake. */
export function readSeed(seed: unknown, path: string): FakeGotoOptions {
  const problems = seedProblems(seed);
  if (problems.length > 0) {
    throw new UsageError(problems.map((problem) => `seed file ${path}: ${problem}`).join('\n'));
  }
  return seed as FakeGotoOptions;
}

/** A seed file read and checked: a UsageError for a file that cannot be read or is not JSON. */
export function readSeedFile(path: string): FakeGotoOptions {
  const text = readInputText(path);
  if (text === undefined) throw new UsageError(`cannot read the seed file ${path}: check the path`);
  let seed: unknown;
  try {
    seed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return readSeed(seed, path);
}
