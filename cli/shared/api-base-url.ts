import { readWebUrl } from '../../src/common/web-url';
import { DEFAULT_OPTIONS } from '../../src/options';
import { UsageError } from './usage';

/**
 * Where the commands that call GoTo from this machine reach its Admin API: the scripts' own rule
 * for URLs (https only), with plain http allowed to this machine's loopback names, where a local
 * test server listens and nothing leaves the machine.
 */

/** `--api-base-url` of the commands that call GoTo from this machine. */
export function readApiBaseUrlFlag(value: string): string {
  const read = readWebUrl(value, {
    name: '--api-base-url',
    example: DEFAULT_OPTIONS.apiBaseUrl,
    allowLoopbackHttp: true,
    allowQuery: false,
  });
  if ('problem' in read) throw new UsageError(read.problem);
  return read.value;
}
