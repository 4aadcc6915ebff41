import { parse } from 'csv-parse/sync';
import { checkEmail } from '../../src/host/context';
import { readInputText } from '../shared/input-text';
import { UsageError } from '../shared/usage';

/**
 * The users assigned to the app in MyWorkspace, for `audit` and `reconcile`: a CSV export with a
 * header row naming an email column (and, for new users, first- and last-name columns), or one
 * address per line. Commas, semicolons and tabs separate columns (spreadsheets in many locales
 * export with semicolons); UTF-8 and, with a byte-order mark, UTF-16 are read (input-text.ts). An
 * address is what the workflows accept
 * as one (`checkEmail`).
 *
 * A file without a single address is refused: read as "no one is assigned", it would make every
 * holder of the app's licenses a seat to reclaim.
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
export const FIRST_NAME_COLUMNS = ['FirstName', 'First name', 'Given name'];
export const LAST_NAME_COLUMNS = ['LastName', 'Last name', 'Surname'];

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');
const columnIn = (names: string[]) => {
  const keys = new Set(names.map(normalise));
  return (header: string[]) => header.findIndex((cell) => keys.has(normalise(cell)));
};
const emailColumn = columnIn(EMAIL_COLUMNS);
const firstNameColumn = columnIn(FIRST_NAME_COLUMNS);
const lastNameColumn = columnIn(LAST_NAME_COLUMNS);

export interface AssignedRow {
  /** The line the row ends on, for messages. */
  line: number;
  email: string;
  /** As the file has them; undefined without a name column. */
  firstName?: string;
  lastName?: string;
  /** Why the workflows would refuse the address; undefined for a usable one. */
  problem?: string;
}

/**
 * Every row with an address cell, de-duplicated ignoring case (the first row wins), in file
 * order; rows whose address the workflows would refuse carry the reason.
 */
export function readAssignedRows(path: string): AssignedRow[] {
  return withAnAddress(parseRows(path), path);
}

/** The assigned addresses, for the audit: a value that is not an address is a usage mistake. */
export function readAssignedFile(path: string): string[] {
  const rows = parseRows(path);
  const bad = rows.find((row) => row.problem !== undefined);
  if (bad) {
    throw new UsageError(
      `the --assigned file ${path} has "${bad.email}" on line ${bad.line}, which is not an email address`,
    );
  }
  return withAnAddress(rows, path).map((row) => row.email);
}

function withAnAddress(rows: AssignedRow[], path: string): AssignedRow[] {
  if (!rows.some((row) => row.problem === undefined)) {
    throw new UsageError(
      `the --assigned file ${path} holds no email address (it is empty, has only a header, or no value is an address): an empty assignment would mean reclaiming every seat; export the app's assignments again`,
    );
  }
  return rows;
}

function parseRows(path: string): AssignedRow[] {
  const text = readInputText(path);
  if (text === undefined) {
    throw new UsageError(`cannot read the --assigned file ${path}: check the path`);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ended; the types only model `columns`.
    records = parse(text, {
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
  const header = records[0]?.record ?? [];
  const column = emailColumn(header);
  let rows: AssignedRow[];
  if (column >= 0) {
    const first = firstNameColumn(header);
    const last = lastNameColumn(header);
    rows = records.slice(1).map(({ record, info }) => ({
      line: info.lines,
      email: record[column] ?? '',
      ...(first >= 0 ? { firstName: record[first] ?? '' } : {}),
      ...(last >= 0 ? { lastName: record[last] ?? '' } : {}),
    }));
  } else if (records.every(({ record }) => record.length === 1)) {
    rows = records.map(({ record, info }) => ({ line: info.lines, email: record[0] ?? '' }));
  } else {
    throw new UsageError(
      `the --assigned file ${path} has no email column (a header named ${EMAIL_COLUMNS.join(', ')}) and is not one address per line`,
    );
  }
  const seen = new Set<string>();
  const kept: AssignedRow[] = [];
  for (const row of rows) {
    if (row.email === '') continue;
    const key = row.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const problem = checkEmail(row.email, 'the address');
    kept.push(problem === undefined ? row : { ...row, problem });
  }
  return kept;
}
