import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closeApi, resultOf, runBuiltScript } from '../emulator';
import { createFakeGoto, type FakeGotoOptions } from '../emulator/fake-goto';
import { readContext } from '../src/host/context';
import { bold, dim, green, red, table } from './lib/terminal';

/**
 * `npm run try -- <built script> <context.json> [--seed seed.json | --real]`
 *
 * Runs one built script against a context file, as MyWorkspace would, and prints every call and
 * the ProvisioningResult. By default the built-in fake GoTo API answers (no network); with
 * --real the script talks to the API base URL it was built with. The access token comes only
 * from the GOTO_ACCESS_TOKEN environment variable, never from a flag or a file, so it stays
 * out of shell history and the repository. Exit code: 0, or 1 when the outcome is "failed",
 * 2 for a usage problem.
 */

const TOKEN_VARIABLE = 'GOTO_ACCESS_TOKEN';
const USAGE =
  'usage: npm run try -- <dist/gotomeeting-….js> <context.json> [--seed seed.json | --real]';

class UsageError extends Error {}

interface Invocation {
  code: string;
  context: Record<string, unknown>;
  apiBaseUrl: string;
  seed: FakeGotoOptions | undefined;
  real: boolean;
  token: string | undefined;
}

const FLAGS = { seed: { type: 'string' }, real: { type: 'boolean' } } as const;

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
 * the way the scripts read them, so any context file works against it without a seed. A
 * connection without `account_key` gets the seed's account (or the fake's default) from `/me`.
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
    ...(settings?.accountKey === undefined ? {} : { accountKey: settings.accountKey }),
  });
}

/** Relative to the API, the filter decoded for reading; the result's `calls` keep the exact path. */
function readablePath(url: string, baseUrl: string): string {
  const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

async function main(): Promise<void> {
  const invocation = readInvocation(process.argv.slice(2));
  const token = invocation.token ?? 'local-fake-token';
  const context = withToken(invocation.context, token);
  const run = await runBuiltScript({
    script: invocation.code,
    context,
    ...(invocation.real
      ? { clock: 'real', timeoutMs: 120_000 }
      : { api: fakeFor(invocation, context, token) }),
  }).finally(closeApi);
  const result = resultOf(run);
  const target = invocation.real
    ? invocation.apiBaseUrl
    : `the built-in fake at ${invocation.apiBaseUrl}`;
  console.log(bold(`Calls to ${target}:`));
  console.log(
    run.calls.length === 0
      ? dim('(none)')
      : table(
          ['method', 'path', 'status', 'time'],
          run.calls.map((call) => [
            call.method,
            readablePath(call.url, invocation.apiBaseUrl),
            String(call.status ?? 'no response'),
            `${call.ms} ms`,
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
  process.exit(error instanceof UsageError ? 2 : 1);
});
