import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readContext } from '../src/host/context';
import type { Rest } from '../src/host/rest';
import type { ProvisioningResult } from '../src/host/result';
import { createFakeGoto, type FakeGotoOptions } from '../test/fake-goto';
import { createRestShim, simulatedRetries } from '../test/support/rest-shim';
import { runForResult } from '../test/support/vm-host';
import { EXIT_FAILED, EXIT_USAGE, UsageError } from './cli/usage';
import { readApiBaseUrlFlag } from './lib/api-base-url';
import { serveFake } from './lib/emulation';
import { bold, dim, green, red, table } from './lib/terminal';
import { type CallTiming, timedRest } from './lib/timed-rest';

/**
 * `npm run try -- <built script> <context.json> [--seed seed.json | --real]`
 *
 * Runs one built script against a context file, as MyWorkspace would, and prints every call and
 * the ProvisioningResult. By default the built-in fake GoTo API answers (no network); with
 * --real the script talks to the API base URL it was built with, or to --api-base-url (https,
 * or plain http to this machine for a local test server). The access token comes only
 * from the GOTO_ACCESS_TOKEN environment variable, never from a flag or a file, so it stays
 * out of shell history and the repository. Exit code: 0, or 1 when the outcome is "failed",
 * 2 for a usage problem.
 */

const TOKEN_VARIABLE = 'GOTO_ACCESS_TOKEN';
const USAGE =
  'usage: npm run try -- <dist/gotomeeting-….js> <context.json> [--seed seed.json | --real [--api-base-url URL]]';

interface Invocation {
  code: string;
  context: Record<string, unknown>;
  apiBaseUrl: string;
  /** Where --real sends the requests: the script's own base URL unless --api-base-url says. */
  sendTo: string;
  seed: FakeGotoOptions | undefined;
  real: boolean;
  token: string | undefined;
}

const FLAGS = {
  seed: { type: 'string' },
  real: { type: 'boolean' },
  'api-base-url': { type: 'string' },
} as const;

function readInvocation(argv: string[]): Invocation {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; ${USAGE}`);
  }
  const [scriptPath, contextPath, extra] = parsed.positionals;
  if (!scriptPath || !contextPath || extra !== undefined) throw new UsageError(USAGE);
  if (parsed.values.real && parsed.values.seed) {
    throw new UsageError('--seed seeds the built-in fake and cannot be combined with --real');
  }
  const target = parsed.values['api-base-url'];
  if (target !== undefined && !parsed.values.real) {
    throw new UsageError('--api-base-url says where --real sends the requests; add --real');
  }
  const sendTo = target === undefined ? undefined : readApiBaseUrlFlag(target);
  const code = readText(scriptPath, 'script');
  const apiBaseUrl = /^ \* {3}apiBaseUrl: "([^"]+)"$/m.exec(code)?.[1];
  if (!apiBaseUrl) {
    throw new UsageError(
      `${scriptPath} has no "apiBaseUrl" in its header: is it a built script from dist/ or npm run build?`,
    );
  }
  const context = readJson(contextPath, 'context') as Record<string, unknown>;
  if (/access_token/.test(JSON.stringify(context))) {
    throw new UsageError(
      `${contextPath} contains an access_token: remove it from the file and set ${TOKEN_VARIABLE} instead`,
    );
  }
  const token = process.env[TOKEN_VARIABLE] || undefined;
  if (parsed.values.real && !token) {
    throw new UsageError(
      `--real needs the access token in the ${TOKEN_VARIABLE} environment variable`,
    );
  }
  return {
    code,
    context,
    apiBaseUrl,
    sendTo: sendTo ?? apiBaseUrl,
    seed: parsed.values.seed
      ? (readJson(parsed.values.seed, 'seed') as FakeGotoOptions)
      : undefined,
    real: Boolean(parsed.values.real),
    token,
  };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the ${what} file ${path}: check the path`);
  }
}

function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the ${what} file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The token goes into the context the way MyWorkspace holds it: inside the OAuth JSON string. */
function withToken(context: Record<string, unknown>, token: string): Record<string, unknown> {
  const field = context.OAuth2ProtocolConfiguration;
  if (typeof field !== 'string') return context;
  try {
    const oauth = JSON.parse(field) as Record<string, unknown>;
    return {
      ...context,
      OAuth2ProtocolConfiguration: JSON.stringify({ ...oauth, access_token: token }),
    };
  } catch {
    return context;
  }
}

/**
 * The fake serves the account and licenses the context names (10 seats each, no users), read
 * the way the scripts read them, so any context file works against it without a seed.
 */
function fakeFor(invocation: Invocation, context: Record<string, unknown>, token: string) {
  const reading = readContext(context);
  const settings = reading.kind === 'ready' ? reading.settings : undefined;
  const seed = invocation.seed ?? {
    licenses: (settings?.licenseKeys ?? []).map((key) => ({ key, seats: 10 })),
  };
  return createFakeGoto({
    ...seed,
    baseUrl: invocation.apiBaseUrl,
    token,
    ...(settings ? { accountKey: settings.accountKey } : {}),
  });
}

/** The script asks for the base URL it was built with; --api-base-url sends the same requests elsewhere. */
function rebased(rest: Rest, from: string, to: string): Rest {
  if (from === to) return rest;
  const move = (url: string) => (url.startsWith(from) ? to + url.slice(from.length) : url);
  return {
    get: (url, options) => rest.get(move(url), options),
    post: (url, options) => rest.post(move(url), options),
    del: (url, options) => rest.del(move(url), options),
  };
}

/** The filter decoded for reading; the result's `calls` keep the exact, encoded path. */
function readablePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

async function main(): Promise<void> {
  const invocation = readInvocation(process.argv.slice(2));
  const timings: CallTiming[] = [];
  const token = invocation.token ?? 'local-fake-token';
  const context = withToken(invocation.context, token);
  const served = invocation.real ? undefined : serveFake(fakeFor(invocation, context, token));
  const rest = createRestShim(invocation.real ? {} : { scheduleRetry: simulatedRetries() });
  let result: ProvisioningResult;
  try {
    const run = await runForResult(
      invocation.code,
      context,
      timedRest(
        rebased(rest, invocation.apiBaseUrl, invocation.sendTo),
        invocation.apiBaseUrl,
        timings,
      ),
      { timeoutMs: invocation.real ? 120_000 : 10_000 },
    );
    result = run.result;
  } finally {
    served?.close();
  }
  const target = invocation.real
    ? invocation.sendTo
    : `the built-in fake at ${invocation.apiBaseUrl}`;
  console.log(bold(`Calls to ${target}:`));
  console.log(
    timings.length === 0
      ? dim('(none)')
      : table(
          ['method', 'path', 'status', 'time'],
          timings.map((t) => [
            t.method,
            readablePath(t.path),
            String(t.status ?? 'no response'),
            `${t.ms} ms`,
          ]),
        ),
  );
  console.log(bold('\nProvisioningResult:'));
  console.log(JSON.stringify(result, null, 2));
  if (result.outcome === 'failed') {
    console.log(red(`\nfailed: ${result.error}`));
    process.exitCode = 1;
  } else {
    console.log(green(`\n${result.outcome}`));
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`try: ${message}`);
  process.exit(error instanceof UsageError ? EXIT_USAGE : EXIT_FAILED);
});
