import { UsageError } from './usage';

/**
 * Where GoTo's Admin API is reached. Only https, so the bearer token never crosses a network in
 * clear; plain http is allowed only to this machine's loopback names, where a local test server
 * listens and nothing leaves the machine.
 */

const EXAMPLE = 'https://api.getgo.com/admin/rest/v1';
const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]', 'localhost'];

export interface BaseUrlRule {
  /** The name in messages: a flag or an option. */
  name: string;
  allowLoopbackHttp: boolean;
}

/** The URL without trailing slashes, or one line saying what is wrong and what is allowed. */
export function readApiBaseUrl(
  value: unknown,
  rule: BaseUrlRule,
): { value: string } | { problem: string } {
  const allowed = rule.allowLoopbackHttp
    ? `an https URL such as ${EXAMPLE} (or http://127.0.0.1, http://[::1] or http://localhost, any port)`
    : `an https URL such as ${EXAMPLE}`;
  const shown = value === undefined ? 'nothing' : JSON.stringify(value);
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) return { problem: `${rule.name} must be ${allowed}, not ${shown}` };
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
  if (url.protocol !== 'https:' && !(rule.allowLoopbackHttp && loopbackHttp)) {
    return { problem: `${rule.name} must be ${allowed}: ${shown} does not use https` };
  }
  if (url.username || url.password || url.search || url.hash) {
    return {
      problem: `${rule.name} must be ${allowed}, without credentials, query or fragment: ${shown}`,
    };
  }
  return { value: String(value).replace(/\/+$/, '') };
}

/** `--api-base-url` of the commands that call GoTo from this machine. */
export function readApiBaseUrlFlag(value: string): string {
  const read = readApiBaseUrl(value, { name: '--api-base-url', allowLoopbackHttp: true });
  if ('problem' in read) throw new UsageError(read.problem);
  return read.value;
}
