import { isRecord, keyText } from '../common/values';
import {
  accountPath,
  type Callback,
  failed,
  type GotoApi,
  isSuccess,
  jsonBody,
  type Reply,
} from './client';
import { badResponse, failureOf, gotoError } from './failures';
import { emailFilter, sameEmail } from './filter';
import type { Answer } from './transport';
import type { GotoUser } from './types';

const PAGE_SIZE = 100;
/** Bounds the lookup: the filter is a pre-selection, so thousands of results mean it misfired. */
const MAX_PAGES = 20;

/** Users of the account whose email equals `email`, case-insensitively. */
export function findUsersByEmail(api: GotoApi, email: string, callback: Callback<GotoUser[]>) {
  const filter = encodeURIComponent(emailFilter(email));
  const matches: GotoUser[] = [];
  const doing = `looking up ${email}`;
  const readPage = (offset: number, page: number) => {
    const path = accountPath(api, `/users?filter=${filter}&offset=${offset}&pageSize=${PAGE_SIZE}`);
    api.transport.send({ method: 'GET', path }, (answer) => {
      const read = readUserPage(answer, email, doing);
      if (!read.ok) return callback(read);
      for (const user of read.value.matches) matches.push(user);
      const next = offset + read.value.size;
      if (read.value.size === 0 || next >= read.value.total) {
        return callback({ ok: true, value: matches });
      }
      if (page + 1 >= MAX_PAGES) {
        return callback(failed(badResponse(answer, doing, `at most ${MAX_PAGES} pages`)));
      }
      readPage(next, page + 1);
    });
  };
  readPage(0, 0);
}

interface UserPage {
  /** The page's users whose email is the wanted one, exactly but for case. */
  matches: GotoUser[];
  /** How many results the page held, matching or not (for paging). */
  size: number;
  total: number;
}

/**
 * The list envelope `{results, fromIndex, toIndex, total}`; a 404 `user.not.found` is read as an
 * empty list, as one client does. Only the exact matches must have exact keys: a look-alike the
 * filter returned is never acted on.
 */
function readUserPage(answer: Answer, email: string, doing: string): Reply<UserPage> {
  if (
    answer.kind === 'response' &&
    answer.status === 404 &&
    gotoError(answer).code === 'user.not.found'
  ) {
    return { ok: true, value: { matches: [], size: 0, total: 0 } };
  }
  if (!isSuccess(answer)) return failed(failureOf(answer, doing));
  const body = jsonBody(answer);
  if (!isRecord(body) || !Array.isArray(body.results)) {
    return failed(badResponse(answer, doing, 'a list of users'));
  }
  const results = body.results as unknown[];
  const matches: GotoUser[] = [];
  for (const entry of results) {
    if (!isRecord(entry) || typeof entry.email !== 'string' || !sameEmail(entry.email, email)) {
      continue;
    }
    const key = keyText(entry.key);
    const held = Array.isArray(entry.licenseKeys) ? (entry.licenseKeys as unknown[]) : [];
    const licenseKeys = held.map(keyText);
    if (key === undefined || licenseKeys.some((licenseKey) => licenseKey === undefined)) {
      return failed(badResponse(answer, doing, 'a user with exact keys'));
    }
    matches.push({ key, email: entry.email, licenseKeys: licenseKeys as string[] });
  }
  const total = typeof body.total === 'number' ? body.total : results.length;
  return { ok: true, value: { matches, size: results.length, total } };
}
