/**
 * Hand-written mutations of `src/`: plausible bugs, one at a time, that the tests must catch.
 * Each is an exact find-and-replace whose find text occurs exactly once in its file (checked by
 * `test/scripts/mutation-catalog.test.ts` and before every run). How to add one and how to judge an
 * equivalent mutation: docs/mutation-testing.md.
 */

export interface Mutation {
  /** Stable, lower-case words joined by hyphens. */
  id: string;
  /** Relative to the repository root. */
  file: string;
  /** The bug, as a reviewer would describe it. */
  description: string;
  find: string;
  replace: string;
  /** Only for a mutation no test can tell apart from the original: why. */
  equivalent?: string;
}

export const MUTATIONS: Mutation[] = [
  // src/common/lossless-json.ts
  {
    id: 'lossless-17-digits',
    file: 'src/common/lossless-json.ts',
    description:
      'only integers of 17 digits or more are kept as text: 16-digit keys above 2^53 are rounded',
    find: 'const AT_RISK_DIGITS = 16;',
    replace: 'const AT_RISK_DIGITS = 17;',
  },
  {
    id: 'lossless-escaped-quote',
    file: 'src/common/lossless-json.ts',
    description: 'a backslash inside a string is not skipped with the character it escapes',
    find: "if (ch === '\\\\') i += 2;",
    replace: "if (ch === '\\\\') i += 1;",
  },
  {
    id: 'lossless-sign-counted',
    file: 'src/common/lossless-json.ts',
    description: 'the minus sign counts as a digit: a negative 15-digit number becomes a string',
    find: "literal.replace('-', '').length >= AT_RISK_DIGITS",
    replace: 'literal.length >= AT_RISK_DIGITS',
  },
  {
    id: 'lossless-decimals-quoted',
    file: 'src/common/lossless-json.ts',
    description: 'long decimal and exponent numbers are turned into strings too',
    find: "/^-?\\d+$/.test(literal) && literal.replace('-', '')",
    replace: "literal.replace('-', '')",
  },

  // src/common/values.ts
  {
    id: 'key-negative-number',
    file: 'src/common/values.ts',
    description: 'a negative number is accepted as a key',
    find: 'isSafeInteger(value) && value >= 0',
    replace: 'isSafeInteger(value)',
  },
  {
    id: 'key-rounded-number',
    file: 'src/common/values.ts',
    description: 'a number beyond 2^53 (already rounded) is accepted as a key',
    find: 'Math.floor(value) === value && Math.abs(value) <= MAX_SAFE_INTEGER',
    replace: 'Math.floor(value) === value',
  },
  {
    id: 'key-unanchored',
    file: 'src/common/values.ts',
    description: 'a key only has to start with a letter or digit',
    find: 'const PLAIN_TOKEN = /^[A-Za-z0-9]+$/;',
    replace: 'const PLAIN_TOKEN = /^[A-Za-z0-9]/;',
  },
  {
    id: 'record-accepts-arrays',
    file: 'src/common/values.ts',
    description: 'an array counts as a plain object',
    find: "return typeof value === 'object' && value !== null && !Array.isArray(value);",
    replace: "return typeof value === 'object' && value !== null;",
  },

  // src/goto/filter.ts
  {
    id: 'filter-plus-unescaped',
    file: 'src/goto/filter.ts',
    description:
      'the regex clause leaves + as it is: a plus-address is missed under a regex reading',
    find: "email.replace(/[\\\\^$.|?*+()[\\]{}]/g, '.')",
    replace: "email.replace(/[\\\\^$.|?*()[\\]{}]/g, '.')",
  },
  {
    id: 'filter-case-sensitive',
    file: 'src/goto/filter.ts',
    description: 'the regex clause drops (?i): an address stored in another case is missed',
    find: '(?i)${',
    replace: '${',
  },
  {
    id: 'filter-clauses-anded',
    file: 'src/goto/filter.ts',
    description: 'the two clauses are joined with & (both must match), not |',
    find: '${email}") | (email="${',
    replace: '${email}") & (email="${',
  },
  {
    id: 'same-email-case',
    file: 'src/goto/filter.ts',
    description: 'results are compared with the address case-sensitively',
    find: 'return a.toLowerCase() === b.toLowerCase();',
    replace: 'return a === b;',
  },

  // src/goto/: the shared client, one module per call, the back-off
  {
    id: 'paging-by-page-size',
    file: 'src/goto/pages.ts',
    description: 'paging advances by the page size asked for, not by the results returned',
    find: 'const next = offset + results.length;',
    replace: 'const next = offset + PAGE_SIZE;',
  },
  {
    id: 'paging-empty-page',
    file: 'src/goto/pages.ts',
    description: 'an empty page does not end the reading when total promises more',
    find: 'if (results.length === 0 || next >= total) return',
    replace: 'if (next >= total) return',
  },
  {
    id: 'paging-one-page-more',
    file: 'src/goto/pages.ts',
    description: 'the page-count bound is off by one',
    find: 'if (page + 1 >= read.maxPages) {',
    replace: 'if (page >= read.maxPages) {',
  },
  {
    id: 'user-license-keys-unchecked',
    file: 'src/goto/user-entry.ts',
    description: "a user's license keys are not checked for exactness",
    find: 'if (key === undefined) return undefined;\n    keys.push(key);',
    replace: 'keys.push(key as string);',
  },
  {
    id: 'user-key-unchecked',
    file: 'src/goto/user-entry.ts',
    description: "a user's key is not checked for exactness",
    find: 'if (key === undefined) return undefined;\n  const entry',
    replace: 'const entry',
  },
  {
    id: 'absent-license-keys-are-none',
    file: 'src/goto/user-entry.ts',
    description: 'a user listed without licenseKeys is taken as holding none',
    find: 'const entry: UserEntry = { key, email: value.email, licenseKeys: undefined };',
    replace: 'const entry: UserEntry = { key, email: value.email, licenseKeys: [] };',
  },
  {
    id: 'user-read-absent-keys-are-none',
    file: 'src/goto/get-user.ts',
    description: 'a user read by key without licenseKeys is taken as holding none',
    find: 'if (read.licenseKeys === undefined) {',
    replace:
      'if (read.licenseKeys === undefined) {\n      return callback({ ok: true, value: withLicenses(entry, []) });',
  },
  {
    id: 'user-read-other-key',
    file: 'src/goto/get-user.ts',
    description: 'the user read by key may be another user',
    find: 'read === undefined || read.key !== entry.key',
    replace: 'read === undefined',
  },
  {
    id: 'lookup-no-exact-match',
    file: 'src/goto/find-users.ts',
    description: 'every user the filter returns is taken as a match, whatever their address',
    find: "if (!isRecord(entry) || typeof entry.email !== 'string' || !sameEmail(entry.email, email)) {\n      continue;\n    }\n    const user",
    replace:
      "if (!isRecord(entry) || typeof entry.email !== 'string') {\n      continue;\n    }\n    const user",
  },
  {
    id: 'list-any-404-is-nobody',
    file: 'src/goto/pages.ts',
    description: 'any 404 on a list reads as "nobody", not only user.not.found',
    find: "answer.status === 404 &&\n        gotoError(answer).code === 'user.not.found'",
    replace: 'answer.status === 404',
  },
  {
    id: 'license-path-unencoded',
    file: 'src/goto/licenses.ts',
    description: 'license keys are put into the path without encoding',
    find: "keys.map(encodeURIComponent).join(',')",
    replace: "keys.join(',')",
    equivalent:
      'readContext accepts only keys of letters and digits, which encodeURIComponent leaves as they are',
  },
  {
    id: 'create-409-seats-as-conflict',
    file: 'src/goto/create-user.ts',
    description: 'a 409 for want of seats is taken for an address conflict',
    find: "return failure.code === 'no-seats'",
    replace: "return failure.code === 'no-seat'",
  },
  {
    id: 'create-entry-without-key',
    file: 'src/goto/create-user.ts',
    description: 'a create answer entry without key is not read as a conflict',
    find: 'if (entry.key === undefined || entry.key === null)',
    replace: 'if (entry.key === null)',
  },
  {
    id: 'create-no-entry-certain',
    file: 'src/goto/create-user.ts',
    description:
      'a create answered with success but no entry for the user fails without reading back',
    find: '    uncertain: true,\n  };',
    replace: '    uncertain: false,\n  };',
  },
  {
    id: 'welcome-not-suppressed',
    file: 'src/goto/create-user.ts',
    description: 'welcomeEmail "suppress" sends suppressEmail false',
    find: "if (welcome === 'suppress') body.suppressEmail = true;",
    replace: "if (welcome === 'suppress') body.suppressEmail = false;",
  },
  {
    id: 'account-reads-used-as-seats',
    file: 'cli/account/account-reads.ts',
    description: "check and audit read a license's seats as its used count",
    find: 'if (isCount(entry.userCount)) license.userCount = entry.userCount;',
    replace: 'if (isCount(entry.seats)) license.userCount = entry.seats;',
  },
  {
    id: 'paging-inclusive-to-index',
    file: 'src/goto/pages.ts',
    description: 'a list read skips one entry per page, as if toIndex were inclusive',
    find: 'const next = offset + results.length;',
    replace: 'const next = offset + results.length + 1;',
  },
  {
    id: 'delete-404-failed',
    file: 'src/goto/delete-user.ts',
    description: 'a 404 on delete (someone else was first) is a failure',
    find: "if (answer.kind === 'response' && answer.status === 404) return { ok: true, value: false };",
    replace: '',
  },
  {
    id: 'dry-run-writes',
    file: 'src/goto/client.ts',
    description: 'a dry run sends its writes',
    find: 'if (api.dryRun) {',
    replace: 'if (api.dryRun && !api.dryRun) {',
  },
  {
    id: 'success-includes-300',
    file: 'src/goto/client.ts',
    description: 'a 300 answer counts as success',
    find: 'answer.status >= 200 && answer.status < 300',
    replace: 'answer.status >= 200 && answer.status <= 300',
  },

  // src/goto/failures.ts
  {
    id: 'failure-401-as-api-error',
    file: 'src/goto/failures.ts',
    description: '401 is reported as a generic API error',
    find: 'if (status === 401) {',
    replace: 'if (status === 4010) {',
  },
  {
    id: 'failure-seats-words',
    file: 'src/goto/failures.ts',
    description: '"out of licenses" is not recognised as a seat shortage',
    find: '/seat|out[ ._-]?of[ ._-]?licen[cs]e/i',
    replace: '/seat/i',
  },
  {
    id: 'failure-no-incident',
    file: 'src/goto/failures.ts',
    description: "GoTo's incident id is dropped from the message",
    find: 'if (error.incidentId) parts.push(`incident ${error.incidentId}`);',
    replace: '',
  },
  {
    id: 'failure-retries-untold',
    file: 'src/goto/failures.ts',
    description: 'a single retry is not mentioned in the message',
    find: 'if (retries === 0) return',
    replace: 'if (retries <= 1) return',
  },
  {
    id: 'failure-snippet-untrimmed',
    file: 'src/goto/failures.ts',
    description: 'a non-JSON error page is quoted whole',
    find: 'plain.length > 120 ?',
    replace: 'plain.length > 12000 ?',
  },

  // src/goto/transport.ts
  {
    id: 'redirects-followed',
    file: 'src/goto/transport.ts',
    description: 'restler is left to follow redirects, the token going along to the other host',
    find: '{ headers, followRedirects: false }',
    replace: '{ headers }',
  },
  {
    id: 'redirect-credentials-shown',
    file: 'src/goto/transport.ts',
    description: "a Location's user:password@ is kept in the host the failure names",
    find: "authority[1].slice(authority[1].lastIndexOf('@') + 1)",
    replace: 'authority[1]',
  },
  {
    id: 'retry-429-reads-only',
    file: 'src/goto/transport.ts',
    description: 'a 429 on a write is not re-sent',
    find: ": rateLimited || (method === 'GET'",
    replace: ": (method === 'GET' && rateLimited) || (method === 'GET'",
  },
  {
    id: 'retry-gateway-writes',
    file: 'src/goto/transport.ts',
    description: 'a write answered 502/503/504 is re-sent blindly',
    find: "(method === 'GET' && isGatewayStatus(answer.status))",
    replace: 'isGatewayStatus(answer.status)',
  },
  {
    id: 'retry-network-writes',
    file: 'src/goto/transport.ts',
    description: 'a write that got no answer is re-sent blindly',
    find: "? method === 'GET'",
    replace: "? method !== 'DELETE'",
  },
  {
    id: 'retry-one-too-many',
    file: 'src/goto/transport.ts',
    description: 'one retry more than maxRetries',
    find: '(!rateLimited && otherRetries >= config.maxRetries)',
    replace: '(!rateLimited && otherRetries > config.maxRetries)',
  },
  {
    id: 'retry-429-counted',
    file: 'src/goto/transport.ts',
    description: "a 429's retry uses up one of the request's gateway retries",
    find: "if (answer.kind === 'no-response' || answer.status !== 429) otherRetries += 1;",
    replace: 'otherRetries += 1;',
  },
  {
    id: 'backoff-stops-growing',
    file: 'src/goto/backoff.ts',
    description:
      'the ceiling stops rising at 12 s: a limiter that counts refused requests stays full',
    find: `  { after: 8, ceilingMs: 60_000, floorShare: 0.25 },
  { after: 11, ceilingMs: 120_000, floorShare: 0.25 },
`,
    replace: '',
  },
  {
    id: 'backoff-tier-late',
    file: 'src/goto/backoff.ts',
    description: 'each tier starts one refusal later than its `after` says',
    find: 'if (retries >= (TIERS[i] as Tier).after)',
    replace: 'if (retries > (TIERS[i] as Tier).after)',
  },
  {
    id: 'retry-after-ignored',
    file: 'src/goto/backoff.ts',
    description: 'Retry-After is not used as a floor',
    find: 'Math.min(remaining, Math.max(floor, jittered))',
    replace: 'Math.min(remaining, jittered)',
  },
  {
    id: 'retry-after-limit-inclusive',
    file: 'src/goto/backoff.ts',
    description: 'a Retry-After of exactly what is left of the budget ends the retries',
    find: 'if (floor > remaining) return',
    replace: 'if (floor >= remaining) return',
  },
  {
    id: 'backoff-tier-floor-ignored',
    file: 'src/goto/backoff.ts',
    description: "every wait may be as short as 100 ms: the tiers' floors are ignored",
    find: 'Math.max(MIN_WAIT_MS, tier.ceilingMs * tier.floorShare)',
    replace: 'MIN_WAIT_MS',
  },
  {
    id: 'backoff-no-jitter',
    file: 'src/goto/backoff.ts',
    description: 'every wait is its ceiling: simultaneous runs come back in the same instant',
    find: 'Math.floor(random() * (tier.ceilingMs - low))',
    replace: 'Math.floor(tier.ceilingMs - low)',
  },
  {
    id: 'backoff-over-budget',
    file: 'src/goto/backoff.ts',
    description: 'the last wait is not cut to what is left of the budget',
    find: 'Math.min(remaining, Math.max(floor, jittered))',
    replace: 'Math.max(floor, jittered)',
  },
  {
    id: 'complete-twice-retried',
    file: 'src/goto/transport.ts',
    description: 'a repeated complete event for one attempt is handled again',
    find: '|| !attempt || handled.indexOf(attempt) >= 0) return;',
    replace: '|| !attempt) return;',
  },
  {
    id: 'complete-after-settled',
    file: 'src/goto/transport.ts',
    description: 'a complete event after the final answer is handled again',
    find: 'if (settled || config.ended() ||',
    replace: 'if (config.ended() ||',
  },
  {
    id: 'retry-without-host-retry',
    file: 'src/goto/transport.ts',
    description: "the script calls retry(ms) even when the host's request has none",
    find: "if (delay !== undefined && typeof pending.retry === 'function') {",
    replace: 'if (delay !== undefined) {',
  },
  {
    id: 'raw-body-ignored',
    file: 'src/goto/transport.ts',
    description: "the raw response text is ignored in favour of restler's parsed body",
    find: 'if (response.raw !== undefined && response.raw !== null)',
    replace: 'if (response.raw === 0)',
  },
  {
    id: 'no-content-type',
    file: 'src/goto/transport.ts',
    description: 'a JSON body is sent without its content type',
    find: "headers['Content-Type'] = 'application/json';",
    replace: '',
  },

  // src/host/context.ts
  {
    id: 'email-length-off-by-one',
    file: 'src/host/context.ts',
    description: 'an address one character over the limit is accepted',
    find: 'if (value.length > MAX_EMAIL_LENGTH) {',
    replace: 'if (value.length > MAX_EMAIL_LENGTH + 1) {',
  },
  {
    id: 'email-at-first',
    file: 'src/host/context.ts',
    description: 'an address starting with @ is accepted',
    find: 'if (at <= 0 ||',
    replace: 'if (at < 0 ||',
  },
  {
    id: 'email-two-ats',
    file: 'src/host/context.ts',
    description: 'an address with two @ is accepted',
    find: "at !== value.lastIndexOf('@') || ",
    replace: '',
  },
  {
    id: 'email-at-last',
    file: 'src/host/context.ts',
    description: 'an address ending with @ is accepted',
    find: ' || at === value.length - 1) {',
    replace: ') {',
  },
  {
    id: 'email-slash-allowed',
    file: 'src/host/context.ts',
    description: 'a / in the address is accepted',
    find: 'const UNSAFE_EMAIL_CHARS = /["()/\\\\\\s',
    replace: 'const UNSAFE_EMAIL_CHARS = /["()\\\\\\s',
  },
  {
    id: 'enabled-truthy',
    file: 'src/host/context.ts',
    description: 'any truthy EnableAccountProvisioning enables the app, the string "true" included',
    find: 'if (fields.EnableAccountProvisioning !== true) {',
    replace: 'if (!fields.EnableAccountProvisioning) {',
  },
  {
    id: 'names-untrimmed',
    file: 'src/host/context.ts',
    description: 'names are sent with their surrounding spaces',
    find: 'const name = value.trim();',
    replace: 'const name = value;',
  },
  {
    id: 'names-not-cut',
    file: 'src/host/context.ts',
    description: 'a name one character over the limit is sent whole',
    find: 'if (name.length <= MAX_NAME_LENGTH) return name;',
    replace: 'if (name.length <= MAX_NAME_LENGTH + 1) return name;',
  },
  {
    id: 'names-split-surrogate',
    file: 'src/host/context.ts',
    description: 'a name is cut inside a surrogate pair',
    find: 'const end = last >= 0xd800 && last <= 0xdbff ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;',
    replace: 'const end = last >= 0 ? MAX_NAME_LENGTH : MAX_NAME_LENGTH - 1;',
  },
  {
    id: 'account-key-empty-refused',
    file: 'src/host/context.ts',
    description: 'an empty account_key is refused instead of asking GoTo for the account',
    find: "if (given === undefined || given === null || given === '') return { accountKey: undefined };",
    replace: 'if (given === undefined || given === null) return { accountKey: undefined };',
  },
  {
    id: 'account-key-letters',
    file: 'src/common/values.ts',
    description: 'an account key with letters is accepted',
    find: 'return key !== undefined && /^\\d+$/.test(key) ? key : undefined;',
    replace: 'return key;',
  },
  {
    id: 'account-key-option-ignored',
    file: 'src/workflows/account-choice.ts',
    description: "the accountKey build option does not override the connection's account_key",
    find: "if (optionKey) return { key: optionKey, source: 'option' };",
    replace:
      "if (optionKey && connectionKey === undefined) return { key: optionKey, source: 'option' };",
  },
  {
    id: 'me-without-account-key',
    file: 'src/goto/me.ts',
    description: 'a /me answer without an exact accountKey is used anyway',
    find: 'if (accountKey === undefined) {',
    replace: "if (accountKey === '') {",
  },
  {
    id: 'licenses-joined-404-not-refusal',
    file: 'src/goto/licenses.ts',
    description:
      'a 404 on the comma-joined license path is not taken as a refusal of the joined form',
    find: 'const JOINED_PATH_REFUSALS = [400, 404, 405];',
    replace: 'const JOINED_PATH_REFUSALS = [400, 405];',
  },
  {
    id: 'licenses-409-not-read-back',
    file: 'src/goto/licenses.ts',
    description: 'an assignment answered 409 is not read back',
    find: "if (method === 'POST' && (status === 409 || status === 422)) {",
    replace: "if (method === 'POST' && status === 422) {",
  },
  {
    id: 'licenses-partial-unreported',
    file: 'src/workflows/licenses.ts',
    description: 'keys changed one a call before a refusal are not reported',
    find: 'if (reply.changed.length === 0) {',
    replace: 'if (reply.changed.length >= 0) {',
  },
  {
    id: 'provision-refusal-ignored',
    file: 'src/workflows/provision.ts',
    description:
      'a refused assignment counts as done when the read-back finds the user, keys or not',
    find: 'if (!user || licenseKeys.some((key) => user.licenseKeys.indexOf(key) < 0)) {',
    replace: 'if (!user) {',
  },
  {
    id: 'names-blank-accepted',
    file: 'src/host/context.ts',
    description: 'a blank name counts as given',
    find: "if (typeof value !== 'string' || value.trim() === '') {",
    replace: "if (typeof value !== 'string') {",
  },
  {
    id: 'licenses-empty-item-skipped',
    file: 'src/host/context.ts',
    description: 'an empty key in a license list is skipped instead of rejected',
    find: "if (text === '' && typeof value === 'string') continue;",
    replace: "if (text === '') continue;",
  },
  {
    id: 'licenses-duplicates-kept',
    file: 'src/host/context.ts',
    description: 'a key listed twice is acted on twice',
    find: 'if (keys.indexOf(key) < 0) keys.push(key);',
    replace: 'keys.push(key);',
  },
  {
    id: 'token-blank-accepted',
    file: 'src/host/context.ts',
    description: 'a blank access token is accepted',
    find: "if (typeof accessToken !== 'string' || accessToken.trim() === '') {",
    replace: "if (typeof accessToken !== 'string') {",
  },

  // src/workflows/run.ts
  {
    id: 'done-guard-missing',
    file: 'src/workflows/run.ts',
    description: 'a second end of the run calls done again',
    find: '    if (ended) return;\n',
    replace: '',
  },
  {
    id: 'done-guard-after-write',
    file: 'src/workflows/run.ts',
    description: 'the run is marked ended only after the result was written',
    find: '    ended = true;\n    const result',
    replace: '    const result',
  },
  {
    id: 'redaction-off',
    file: 'src/host/redact.ts',
    description: 'the token is not scrubbed from the result',
    find: 'if (token.length < MIN_REDACTED_TOKEN_LENGTH) return value;',
    replace: 'return value;',
  },
  {
    id: 'ok-always-true',
    file: 'src/workflows/run.ts',
    description: 'ok is true on failures too',
    find: "ok: outcome !== 'failed',",
    replace: 'ok: true,',
  },

  // src/workflows/find-user.ts
  {
    id: 'ambiguous-from-three',
    file: 'src/workflows/find-user.ts',
    description: 'two exact matches are not ambiguous',
    find: 'if (users.length > 1) {',
    replace: 'if (users.length > 2) {',
  },

  // src/workflows/read-back.ts
  {
    id: 'read-back-certain-failures',
    file: 'src/workflows/read-back.ts',
    description: 'a write that certainly failed is read back and tried again',
    find: 'if (!reply.uncertain || count >= run.options.maxRetries) {',
    replace: 'if (count >= run.options.maxRetries) {',
  },
  {
    id: 'read-back-one-too-many',
    file: 'src/workflows/read-back.ts',
    description: 'one read-back more than maxRetries',
    find: 'count >= run.options.maxRetries',
    replace: 'count > run.options.maxRetries',
  },

  // src/workflows/provision.ts
  {
    id: 'provision-first-key-missing',
    file: 'src/workflows/provision.ts',
    description: 'the first key the user holds is taken as missing',
    find: 'const missing = licenseKeys.filter((key) => user.licenseKeys.indexOf(key) < 0);',
    replace: 'const missing = licenseKeys.filter((key) => user.licenseKeys.indexOf(key) <= 0);',
  },
  {
    id: 'provision-assign-all-keys',
    file: 'src/workflows/provision.ts',
    description: "the assignment names all the app's keys, also those the user holds",
    find: 'assignLicenses(api, missing, user.key,',
    replace: 'assignLicenses(api, licenseKeys, user.key,',
  },
  {
    id: 'provision-lost-create-unchanged',
    file: 'src/workflows/provision.ts',
    description: 'a create whose answer was lost but went through reports unchanged',
    find: "const outcome = lost.unconfirmed() || 'unchanged';",
    replace: "const outcome = 'unchanged';",
  },
  {
    id: 'provision-names-unchecked',
    file: 'src/workflows/provision.ts',
    description: 'missing names are not caught before the create',
    find: "if ('problem' in names) {",
    replace: "if ('problem' in names && names.problem === '') {",
  },
  {
    id: 'provision-default-locale',
    file: 'src/workflows/provision.ts',
    description: 'the locale option is ignored',
    find: 'locale: options.locale,',
    replace: "locale: 'en_US',",
  },

  // src/workflows/deprovision.ts
  {
    id: 'deprovision-remove-all-keys',
    file: 'src/workflows/deprovision.ts',
    description: "the removal names all the app's keys, also those the user lacks",
    find: 'removeGotoLicenses(api, held, user.key,',
    replace: 'removeGotoLicenses(api, licenseKeys, user.key,',
  },
  {
    id: 'deprovision-first-key-ignored',
    file: 'src/workflows/deprovision.ts',
    description: 'the first key the user holds is taken as not held',
    find: 'user.licenseKeys.indexOf(key) >= 0',
    replace: 'user.licenseKeys.indexOf(key) > 0',
  },
  {
    id: 'deprovision-lost-removal-unchanged',
    file: 'src/workflows/deprovision.ts',
    description: 'a removal whose answer was lost but went through reports unchanged',
    find: "lost.unconfirmed() ? 'unlicensed' : 'unchanged',",
    replace: "'unchanged',",
  },
  {
    id: 'deprovision-lost-delete-not-found',
    file: 'src/workflows/deprovision.ts',
    description: 'a delete whose answer was lost but went through reports not-found',
    find: "if (lost.unconfirmed() === 'deleted') {",
    replace: "if (lost.unconfirmed() === 'unlicensed') {",
  },
  {
    id: 'deprovision-delete-needs-keys',
    file: 'src/workflows/run.ts',
    description: 'delete mode refuses to run without license keys',
    find: "workflow === 'provision' || build.options.deprovisionMode === 'remove-licenses'",
    replace: 'true',
  },

  // src/options.ts and the entries
  {
    id: 'default-max-retries',
    file: 'src/options.ts',
    description: 'the default build retries twice instead of three times',
    find: 'maxRetries: 3,',
    replace: 'maxRetries: 2,',
  },
  {
    id: 'entry-provisioning-workflow',
    file: 'src/entries/provisioning.ts',
    description: 'the provisioning script reports itself as de-provisioning',
    find: "runWorkflow('provision',",
    replace: "runWorkflow('deprovision',",
  },
  {
    id: 'entry-deprovisioning-workflow',
    file: 'src/entries/deprovisioning.ts',
    description: 'the de-provisioning script reports itself as provisioning',
    find: "runWorkflow('deprovision',",
    replace: "runWorkflow('provision',",
  },
  {
    id: 'allowed-globals-timer',
    file: 'src/host/allowed-globals.ts',
    description: 'setTimeout is allowed in a built script',
    find: "  'isFinite',\n",
    replace: "  'isFinite',\n  'setTimeout',\n",
  },
];
