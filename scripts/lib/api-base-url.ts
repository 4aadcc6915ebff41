import { UsageError } from '../cli/usage';

/**
 * `--api-base-url`: the token travels with every request, so only https is accepted, except
 * plain http to this machine (127.0.0.1, [::1], localhost, any port) for a local test server.
 */
const LOCAL_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function readApiBaseUrlFlag(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--api-base-url "${value}" is not a URL; give an https URL such as https://api.getgo.com/admin/rest/v1`,
    );
  }
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new UsageError(
      `--api-base-url must be an https URL (plain http only for 127.0.0.1, [::1] or localhost), not "${value}"`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new UsageError(
      `--api-base-url must not carry credentials, a query or a fragment, not "${value}"`,
    );
  }
  return value.replace(/\/+$/, '');
}
