import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { closeApi, resultOf, runBuiltScript } from '../../emulator';
import { createFakeGoto, type FakeGotoOptions } from '../../emulator/fake-goto';
import { readHeader } from '../../scripts/build/header';
import { readContext, type Settings } from '../../src/host/context';
import { chooseAccount } from '../../src/workflows/account-choice';
import { readApiBaseUrlFlag } from '../shared/api-base-url';
import { readContextText, withToken } from '../shared/context-file';
import { readSeed } from '../shared/seed';
import { bold, dim, yellow } from '../shared/terminal';
import {
  refuseTokenInFile,
  requireToken,
  TOKEN_VARIABLE,
  tokenFromEnvironment,
} from '../shared/token';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../shared/usage';
import { pathOf, printReport } from './run-report';

/**
 * `try <built script> <context.json>`: runs one built script as MyWorkspace would, and prints
 * every call and the ProvisioningResult. By default the built-in fake GoTo API answers, in this
 * process (no network); with --real the requests go to GoTo. The access token comes only from
 * the GOTO_ACCESS_TOKEN environment variable, never from a flag or a file, so it stays out of
 * shell history and the repository.
 */

const FAKE_TOKEN = 'local-fake-token';

interface TryFlags {
  seed?: string;
  real?: boolean;
  apiBaseUrl?: string;
}

interface Invocation {
  scriptPath: string;
  code: string;
  context: Record<string, unknown>;
  /** The base URL the script was built with, and whether it is a dry-run build. */
  builtBaseUrl: string;
  /** The `accountKey` build option, when the script was built with one. */
  builtAccountKey: string | undefined;
  dryRun: boolean;
  checksumMatches: boolean | undefined;
  seed: { path: string; options: FakeGotoOptions } | undefined;
  real: boolean;
  sendTo: string;
  token: string;
}

export function tryCommand(): Command {
  return new Command('try')
    .description('run one built script on a context file, against a built-in fake GoTo API')
    .argument('<script>', 'a built script: dist/gotomeeting-….js or a tailored build')
    .argument('<context>', 'the workflow context as a JSON file, e.g. examples/*.context.json')
    .option('--seed <file>', 'users, licenses and other-account addresses for the fake (JSON)')
    .option('--real', `send the requests to GoTo, with the token from ${TOKEN_VARIABLE}`)
    .option(
      '--api-base-url <url>',
      'with --real: the API to call instead of the built-in one (https, or http on loopback)',
      readApiBaseUrlFlag,
    )
    .addHelpText(
      'after',
      `\nExit codes: 0 when the outcome is not "failed", 1 when it is, 2 for a usage mistake.\nBefore --real with a normal build, try a dry-run build: npm run build -- --dry-run --out out/dry`,
    )
    .action(async (scriptPath: string, contextPath: string, flags: TryFlags) => {
      process.exitCode = await tryScript(readInvocation(scriptPath, contextPath, flags));
    });
}

function readInvocation(scriptPath: string, contextPath: string, flags: TryFlags): Invocation {
  const real = Boolean(flags.real);
  if (real && flags.seed !== undefined) {
    throw new UsageError('--seed seeds the built-in fake and cannot be combined with --real');
  }
  if (!real && flags.apiBaseUrl !== undefined) {
    throw new UsageError(
      '--api-base-url applies only with --real: the built-in fake answers at the URL the script was built with',
    );
  }
  const code = readText(scriptPath, 'script');
  const header = readHeader(code);
  const builtBaseUrl = header?.options.apiBaseUrl;
  if (typeof builtBaseUrl !== 'string') {
    throw new UsageError(
      `${scriptPath} has no "apiBaseUrl" in its header: is it a built script from dist/ or npm run build?`,
    );
  }
  const context = readContextText(readText(contextPath, 'context'), contextPath);
  refuseTokenInFile(context, contextPath);
  const token = real ? requireToken('--real') : tokenFromEnvironment();
  return {
    scriptPath,
    code,
    context,
    builtBaseUrl,
    builtAccountKey:
      typeof header?.options.accountKey === 'string' ? header.options.accountKey : undefined,
    dryRun: header?.options.dryRun === true,
    checksumMatches: header?.checksum?.matches,
    seed:
      flags.seed === undefined
        ? undefined
        : { path: flags.seed, options: readSeed(readJson(flags.seed, 'seed'), flags.seed) },
    real,
    sendTo: flags.apiBaseUrl ?? builtBaseUrl,
    token: token ?? FAKE_TOKEN,
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

/** The account the script will act in, as it decides it; undefined: it will ask GET /me. */
function accountOf(invocation: Invocation, settings: Settings | undefined): string | undefined {
  return chooseAccount(invocation.builtAccountKey, settings?.accountKey)?.key;
}

function withAccount(accountKey: string | undefined): { accountKey?: string } {
  return accountKey === undefined ? {} : { accountKey };
}

/**
 * The fake serves the account and licenses the context names (10 seats each, no users), read
 * the way the scripts read them, so any context file works against it without a seed. A seed's
 * own `accountKey` wins, so a script acting in another account can be tried; a script with no
 * account of its own gets the seed's account (or the fake's default) from `/me`.
 */
function fakeFor(invocation: Invocation, settings: Settings | undefined) {
  const seed: FakeGotoOptions = invocation.seed?.options ?? {
    licenses: (settings?.licenseKeys ?? []).map((key) => ({ key, seats: 10 })),
  };
  try {
    return createFakeGoto({
      ...seed,
      baseUrl: invocation.builtBaseUrl,
      token: invocation.token,
      ...withAccount(seed.accountKey ?? accountOf(invocation, settings)),
    });
  } catch (error) {
    const problem = (error as Error).message.replace(/^fake GoTo: /, '');
    const source = invocation.seed ? `seed file ${invocation.seed.path}` : 'the context';
    throw new UsageError(`${source}: ${problem}`);
  }
}

async function tryScript(invocation: Invocation): Promise<number> {
  const log = (line: string) => console.log(line);
  const context = withToken(invocation.context, invocation.token);
  if (invocation.checksumMatches === false) {
    log(
      yellow(
        `${invocation.scriptPath} was changed after it was built: its SHA-256 no longer matches its header`,
      ),
    );
  }
  // The account and licenses as the scripts read them, for the --real banner and the fake.
  const reading = readContext(context);
  const settings = reading.kind === 'ready' ? reading.settings : undefined;
  if (invocation.real) printRealBanner(invocation, accountOf(invocation, settings), log);
  const onRetry = (ms: number, call: { method: string; url: string }) =>
    log(
      dim(
        `… ${invocation.real ? 'waiting' : 'a simulated wait of'} ${(ms / 1000).toFixed(1)} s before repeating ${call.method} ${pathOf(call.url, invocation.builtBaseUrl).split('?')[0]}`,
      ),
    );
  const run = await runBuiltScript({
    script: invocation.code,
    context,
    onRetry,
    ...(invocation.real
      ? {
          clock: 'real',
          timeoutMs: 120_000,
          redirect: { from: invocation.builtBaseUrl, to: invocation.sendTo },
        }
      : { api: fakeFor(invocation, settings) }),
  }).finally(closeApi);
  const result = resultOf(run);
  const target = invocation.real ? invocation.sendTo : `the built-in fake at ${invocation.sendTo}`;
  printReport(target, invocation.builtBaseUrl, run.calls, result, log);
  return result.outcome === 'failed' ? EXIT_FAILED : EXIT_OK;
}

function printRealBanner(
  invocation: Invocation,
  account: string | undefined,
  log: (line: string) => void,
): void {
  log(
    bold(
      `Real run: GoTo account ${account ?? '(to be asked of GoTo with GET /me)'} at ${invocation.sendTo}`,
    ),
  );
  if (!invocation.dryRun) {
    log(
      yellow(
        `WARNING: not a dry-run build: this run will change GoTo account ${account ?? 'that GET /me names'}.`,
      ),
    );
  }
}
