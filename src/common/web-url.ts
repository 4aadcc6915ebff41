/**
 * The URLs a script sends requests to (the GoTo API, a notification webhook), checked without
 * `URL`, which the host is not known to have. Only https, so that what is sent never crosses a
 * network in clear; plain http only where a rule allows it, to this machine's loopback names,
 * where a local test server listens. The form accepted is deliberately narrower than what a
 * browser would repair (no blanks, no backslashes, no user names, no fragment): a mistyped URL
 * is refused rather than guessed at.
 */

export interface UrlRule {
  /** What a problem calls the value: an option or a flag. */
  name: string;
  /** An example of a good value, for the message. */
  example: string;
  allowLoopbackHttp: boolean;
  /** A query string is part of some webhook URLs (it carries their secret). */
  allowQuery: boolean;
}

const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]', 'localhost'];
const SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;
const DNS_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const HOST = new RegExp(`^(?:${DNS_LABEL}(?:\\.${DNS_LABEL})*\\.?|\\[[0-9A-Fa-f:.]+\\])$`);
/** Unreserved and sub-delimiter characters, `:`, `@`, `/` and percent escapes (RFC 3986). */
const PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
const QUERY = /^\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;

/**
 * The URL, or one line saying what is wrong. A base URL (no query allowed) loses any trailing
 * slashes, since paths are appended to it; any other URL is taken exactly as given.
 */
export function readWebUrl(value: unknown, rule: UrlRule): { value: string } | { problem: string } {
  const loopback = rule.allowLoopbackHttp
    ? ' (or http://127.0.0.1, http://[::1] or http://localhost, any port)'
    : '';
  const allowed = `an https URL such as ${rule.example}${loopback}`;
  const shown = value === undefined ? 'nothing' : JSON.stringify(value);
  const parts = typeof value === 'string' ? SHAPE.exec(value) : null;
  if (parts === null) return { problem: `${rule.name} must be ${allowed}, not ${shown}` };
  const scheme = (parts[1] as string).toLowerCase();
  const authority = parts[2] as string;
  const path = parts[3] as string;
  const query = parts[4];
  const hostAndPort = /^(.*?)(?::(\d{1,5}))?$/.exec(authority);
  const host = hostAndPort ? (hostAndPort[1] as string).toLowerCase() : '';
  const loopbackHttp = scheme === 'http' && LOOPBACK_HOSTS.indexOf(host) >= 0;
  if (scheme !== 'https' && !(rule.allowLoopbackHttp && loopbackHttp)) {
    return { problem: `${rule.name} must be ${allowed}: ${shown} does not use https` };
  }
  const extras = rule.allowQuery ? 'credentials or fragment' : 'credentials, query or fragment';
  if (authority.indexOf('@') >= 0 || parts[5] !== undefined || (query && !rule.allowQuery)) {
    return { problem: `${rule.name} must be ${allowed}, without ${extras}: ${shown}` };
  }
  const port = hostAndPort ? hostAndPort[2] : undefined;
  const validPort = port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  if (!HOST.test(host) || !validPort || !PATH.test(path) || (query && !QUERY.test(query))) {
    return {
      problem: `${rule.name} must be ${allowed}: ${shown} has a character or a part a URL may not have there (write spaces and other characters as %XX)`,
    };
  }
  return { value: rule.allowQuery ? (value as string) : (value as string).replace(/\/+$/, '') };
}
