import { isRecord } from '../common/values';
import { accountPath, type Callback, type GotoApi } from './client';
import { emailFilter, sameEmail } from './filter';
import { PAGE_SIZE, readPages } from './pages';
import { readUserEntry, type UserEntry } from './user-entry';

/** Bounds the lookup: the filter is a pre-selection, so thousands of results mean it misfired. */
const MAX_PAGES = 20;

/** Users of the account whose email equals `email`, case-insensitively. */
export function findUsersByEmail(api: GotoApi, email: string, callback: Callback<UserEntry[]>) {
  const filter = encodeURIComponent(emailFilter(email));
  readPages(
    {
      transport: api.transport,
      pathAt: (offset) =>
        accountPath(
          api.accountKey,
          `/users?filter=${filter}&offset=${offset}&pageSize=${PAGE_SIZE}`,
        ),
      doing: `looking up ${email}`,
      expected: 'a list of users in which each match has exact keys',
      maxPages: MAX_PAGES,
      keep: (results) => exactMatches(results, email),
    },
    callback,
  );
}

/**
 * The page's users whose email is the wanted one, exactly but for case. Only they must be what
 * the API documents: a look-alike the filter returned is never acted on.
 */
function exactMatches(results: unknown[], email: string): UserEntry[] | undefined {
  const matches: UserEntry[] = [];
  for (const entry of results) {
    if (!isRecord(entry) || typeof entry.email !== 'string' || !sameEmail(entry.email, email)) {
      continue;
    }
    const user = readUserEntry(entry);
    if (user === undefined) return undefined;
    matches.push(user);
  }
  return matches;
}
