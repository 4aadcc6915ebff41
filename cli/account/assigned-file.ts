import { parse } from 'csv-parse/sync';
import { readInputText } from '../shared/input-text';
import { UsageError } from '../shared/usage';

/**
 * The addresses assigned to the app in MyWorkspace, for the audit: a CSV export with a header
 * row naming an email column, or one address per line. Commas, semicolons and tabs separate
 * columns (spreadsheets in many locales export with semicolons); UTF-8 and, with a byte-order mark,
 * UTF-16 are read (see input-text.ts).
 */

/** Header names taken for the email column, compared ignoring case, spaces, `-` and `_`. */
export const EMAIL_COLUMNS = [
  'email',
  'e-mail',
  'mail',
  'email address',
  'mail address',
  'MailAddress',
];

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');
const EMAIL_COLUMN_KEYS = new Set(EMAIL_COLUMNS.map(normalise));

/** The assigned addresses, de-duplicated ignoring case, in file order. */
export function readAssignedFile(path: string): string[] {
  const text = readInputText(path);
  if (text === undefined) {
    throw new UsageError(`cannot read the --assigned file ${path}: check the path`);
  }
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ended; the types only model `columns`.
    rows = parse(text, {
      delimiter: [',', ';', '\t'],
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new UsageError(
      `the --assigned file ${path} is not valid CSV: ${(error as Error).message}`,
    );
  }
  const header = rows[0]?.record ?? [];
  const column = header.findIndex((cell) => EMAIL_COLUMN_KEYS.has(normalise(cell)));
  let values: { line: number; value: string }[];
  if (column >= 0) {
    values = rows
      .slice(1)
      .map(({ record, info }) => ({ line: info.lines, value: record[column] ?? '' }));
  } else if (rows.every(({ record }) => record.length === 1)) {
    values = rows.map(({ record, info }) => ({ line: info.lines, value: record[0] ?? '' }));
  } else {
    throw new UsageError(
      `the --assigned file ${path} has no email column (a header named ${EMAIL_COLUMNS.join(', ')}) and is not one address per line`,
    );
  }
  const seen = new Set<string>();
  const addresses: string[] = [];
  for (const { line, value } of values) {
    if (value === '') continue;
    if (!/^[^@\s]+@[^@\s]+$/.test(value)) {
      throw new UsageError(
        `the --assigned file ${path} has "${value}" on line ${line}, which is not an email address`,
      );
    }
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    addresses.push(value);
  }
  return addresses;
}
