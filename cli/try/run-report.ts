import type { Call } from '../../emulator';
import { isRecord } from '../../src/common/values';
import type { CallRecord, ProvisioningResult } from '../../src/host/result';
import { bold, dim, green, red, table, yellow } from '../shared/terminal';

/**
 * What the local runner prints after a run: every call made, then the writes a dry run only
 * planned, each with what its body would tell GoTo (names, locale, welcome email, licenses), the
 * ProvisioningResult, and a last line that never reads as a change when nothing was changed.
 */

export function printReport(
  target: string,
  baseUrl: string,
  calls: Call[],
  result: ProvisioningResult,
  log: (line: string) => void,
): void {
  const planned = result.calls.filter((call) => call.planned);
  const rows = [
    ...calls.flatMap((call) =>
      withBody(
        [
          call.method,
          readablePath(pathOf(call.url, baseUrl)),
          String(call.status ?? 'no response'),
          `${call.ms} ms`,
        ],
        call.body,
      ),
    ),
    ...planned.flatMap((call: CallRecord) =>
      withBody([call.method, readablePath(call.path), yellow('planned'), '-'], call.body),
    ),
  ];
  log(bold(`Calls to ${target}:`));
  log(rows.length === 0 ? dim('(none)') : table(['method', 'path', 'status', 'time'], rows));
  if (planned.length > 0) {
    log(dim(`${planned.length} planned write(s): a dry-run build records them and sends nothing`));
  }
  log(bold('\nProvisioningResult:'));
  log(JSON.stringify(result, null, 2));
  log(`\n${closingLine(result, planned.length)}`);
}

function closingLine(result: ProvisioningResult, plannedWrites: number): string {
  if (result.outcome === 'failed') return red(`failed: ${result.error}`);
  if (!result.dryRun) return green(result.outcome);
  const writes = plannedWrites === 1 ? '1 planned write' : `${plannedWrites} planned writes`;
  return yellow(
    `would have ended "${result.outcome}" (dry run: nothing was changed in GoTo; ${writes} above)`,
  );
}

/** A call's row, and beneath it, when it sends a body, what the body says. */
function withBody(row: string[], body: unknown): string[][] {
  return body === undefined ? [row] : [row, ['', dim(`sends ${describeBody(body)}`), '', '']];
}

/** A URL relative to the API the script was built for. */
export function pathOf(url: string, baseUrl: string): string {
  return url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
}

/** The filter decoded for reading; the result's `calls` keep the exact, encoded path. */
function readablePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A create's body in words; any other body as JSON. */
function describeBody(body: unknown): string {
  if (!isRecord(body) || !Array.isArray(body.users)) return JSON.stringify(body);
  const parts = body.users.map((user: unknown) => {
    if (!isRecord(user)) return JSON.stringify(user);
    const names = [user.firstName, user.lastName].filter((name) => name !== undefined).join(' ');
    return `${names} <${String(user.email)}>, locale ${String(user.locale ?? 'GoTo default')}`;
  });
  if (Array.isArray(body.licenseKeys)) parts.push(`licenses ${body.licenseKeys.join(', ')}`);
  parts.push(welcomeOf(body));
  return parts.join('; ');
}

function welcomeOf(body: Record<string, unknown>): string {
  if (body.suppressEmail === true) return 'no welcome email';
  const custom = body.emailContent;
  if (isRecord(custom)) return `welcome email "${String(custom.subject)}": ${String(custom.text)}`;
  return "GoTo's own welcome email";
}
