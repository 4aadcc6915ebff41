/**
 * The `filter` for looking a user up by email. Whether GoTo reads filter
 * values as regular expressions or literally is unconfirmed, so one filter serves both readings:
 *
 *   (email="<address>") | (email="(?i)<address with each regex metacharacter as .>")
 *
 * Read literally, the first clause is the address itself and the second matches nothing. Read as
 * a regular expression, the first clause misses plus-addresses and other cases, and the second
 * finds them: `(?i)` ignores case, and `.` stands for each metacharacter (`+` among them) without
 * relying on escapes the server may not accept. Both may over-match (`.` matches any character),
 * which is harmless: the caller keeps only exact, case-insensitive matches.
 */
export function emailFilter(email: string): string {
  return `(email="${email}") | (email="${caseInsensitivePattern(email)}")`;
}

/** The address as a pattern that only a regular-expression reading can match. */
export function caseInsensitivePattern(email: string): string {
  return `(?i)${email.replace(/[\\^$.|?*+()[\]{}]/g, '.')}`;
}

/** Email addresses are compared without regard to case: GoTo may store another case. */
export function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
