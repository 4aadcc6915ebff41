import { Command } from 'commander';
import { closeApi, resultOf, runBuiltScript } from '../../emulator';
import { createFakeGoto, type FakeGotoOptions } from '../../emulator/fake-goto';
import { createWebhookReceiver, withWebhook } from '../../emulator/webhook-receiver';
import { readScript } from '../../scripts/build/header';
import { isRecord } from '../../src/common/values';
import { readContext, type Settings } from '../../src/host/context';
import { DEFAULT_OPTIONS } from '../../src/options';
import { chooseAccount } from '../../src/workflows/account-choice';
import { readApiBaseUrlFlag } from '../shared/api-base-url';
import { confirmChanges, type Prompt, terminalPrompt } from '../shared/confirm';
import { readContextText, withToken } from '../shared/context-file';
import { DEFAULT_SEED, FAKE_TOKEN, fakeOption } from '../shared/fake-api';
import { readInputText } from '../shared/input-text';
import { pathOf, printReport } from '../shared/run-report';
import { describeOptions, readScriptOptions } from '../shared/script-options';
import { readSeedFile } from '../shared/seed';
import { bold, dim, yellow } from '../shared/terminal';
import {
  accessToken,
  refuseTokenInFile,
  TOKEN_VARIABLE,
  tokenFromEnvironment,
} from '../shared/token';
import { EXIT_FAILED, EXIT_OK, programName, UsageError } from '../shared/usage';

/**
 * `try <built script> <context.json>`: runs one built script as MyWorkspace would, and prints
 * every call and the ProvisioningResult. By default the built-in fake GoTo API answers, in this
 * process (no network); with --real the requests go to GoTo. The access token comes only from
 * the GOTO_ACCESS_TOKEN environment variable, never from a flag or a file, so it stays out of
 * shell history and the repository.
 */

interface TryFlags {
  seed?: string;
  fake?: string | true;
  real?: boolean;
  apiBaseUrl?: string;
  yes?: boolean;
}

interface Invocation {
  scriptPath: string;
  code: string;
  context: Record<string, unknown>;
  /** The base URL the script was built with, and whether it is a dry-run build. */
  builtBaseUrl: string;
  /** The `accountKey` build option, when the script was built with one. */
  builtAccountKey: string | undefined;
  /** Where the script posts its notification, if anywhere. */
  notifyUrl: string | null;
  dryRun: boolean;
  /** The script's `deprovisionMode`, when it is the de-provisioning script. */
  deprovisionMode: unknown;
  /** One line on the script's options: which differ from the defaults, or what is wrong. */
  optionsLine: string;
  seed: { path: string; options: FakeGotoOptions } | undefined;
  real: boolean;
  yes: boolean;
  sendTo: string;
  token: string;
}

export function tryCommand(prompt: Prompt = terminalPrompt): Command {
  return new Command('try')
    .description('run one built script on a context file, against a built-in fake GoTo API')
    .argument('<script>', 'a built script: dist/gotomeeting-….js or a tailored build')
    .argument('<context>', 'the workflow context as a JSON file, e.g. examples/*.context.json')
    .addOption(fakeOption())
    .option(
      '--seed <file>',
      'the same as --fake <file>: users, licenses and more for the fake (JSON)',
    )
    .option(
      '--real',
      `send the requests to GoTo, with the token of \`login\` or from ${TOKEN_VARIABLE}`,
    )
    .option(
      '--api-base-url <url>',
      'with --real: the API to call instead of the built-in one (https, or http on loopback)',
      readApiBaseUrlFlag,
    )
    .option(
      '--yes',
      'with --real: go ahead without the typed confirmation (needed without a terminal)',
    )
    .addHelpText('after', () => {
      const name = programName();
      return [
        '',
        'Exit codes: 0 when the outcome is not "failed", 1 when it is, 2 for a usage mistake.',
        `With --real the token is the sign-in of \`${name} login\`, or ${TOKEN_VARIABLE}, which wins when set:`,
        `  ${TOKEN_VARIABLE}=… ${name} try <script> <context> --real              (sh, bash, zsh)`,
        `  $env:${TOKEN_VARIABLE} = "…"; ${name} try <script> <context> --real    (PowerShell)`,
        `Before --real with a normal build, try a dry-run build: ${name} build --dry-run --out out/dry`,
      ].join('\n');
    })
    .action(async (scriptPath: string, contextPath: string, flags: TryFlags) => {
      process.exitCode = await tryScript(
        await readInvocation(scriptPath, contextPath, flags),
        prompt,
      );
    });
}

async function readInvocation(
  scriptPath: string,
  contextPath: string,
  flags: TryFlags,
): Promise<Invocation> {
  const real = Boolean(flags.real);
  if (flags.seed !== undefined && flags.fake !== undefined) {
    throw new UsageError('--seed and --fake both name the seed: give one of them');
  }
  const seedPath = flags.seed ?? (flags.fake === true ? DEFAULT_SEED : flags.fake);
  if (real && seedPath !== undefined) {
    throw new UsageError(
      `${flags.seed === undefined ? '--fake' : '--seed'} seeds the built-in fake and cannot be combined with --real`,
    );
  }
  if (!real && flags.yes) {
    throw new UsageError('--yes confirms a --real run; the built-in fake needs no confirmation');
  }
  if (!real && flags.apiBaseUrl !== undefined) {
    throw new UsageError(
      '--api-base-url applies only with --real: the built-in fake answers at the URL the script was built with',
    );
  }
  const code = readText(scriptPath, 'script');
  const script = readScriptOptions(scriptPath, readScript(code));
  const options = script.options;
  const builtBaseUrl = options?.apiBaseUrl ?? DEFAULT_OPTIONS.apiBaseUrl;
  const context = readContextText(readText(contextPath, 'context'), contextPath);
  refuseTokenInFile(context, contextPath);
  const token = real ? await accessToken('try --real') : tokenFromEnvironment();
  return {
    scriptPath,
    code,
    context,
    builtBaseUrl,
    builtAccountKey: options?.accountKey ?? undefined,
    notifyUrl: options?.notifyUrl ?? null,
    dryRun: options?.dryRun === true,
    deprovisionMode: script.name === 'deprovisioning' ? options?.deprovisionMode : undefined,
    optionsLine: describeOptions(script),
    seed: seedPath === undefined ? undefined : { path: seedPath, options: readSeedFile(seedPath) },
    real,
    yes: Boolean(flags.yes),
    sendTo: flags.apiBaseUrl ?? builtBaseUrl,
    token: token ?? FAKE_TOKEN,
  };
}

function readText(path: string, what: string): string {
  const text = readInputText(path);
  if (text === undefined) {
    throw new UsageError(`cannot read the ${what} file ${path}: check the path`);
  }
  return text;
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

/**
 * The fake, and a webhook receiver at the script's notifyUrl when it has one: without --real,
 * the notification goes to the receiver, not to the real webhook.
 */
function servedApi(invocation: Invocation, settings: Settings | undefined) {
  const fake = fakeFor(invocation, settings);
  return invocation.notifyUrl === null
    ? fake
    : withWebhook(fake, createWebhookReceiver(invocation.notifyUrl));
}

async function tryScript(invocation: Invocation, prompt: Prompt): Promise<number> {
  const log = (line: string) => console.log(line);
  const context = withToken(invocation.context, invocation.token);
  // The account and licenses as the scripts read them, for the --real banner and the fake.
  const reading = readContext(context);
  const settings = reading.kind === 'ready' ? reading.settings : undefined;
  if (invocation.real) await confirmRealRun(invocation, accountOf(invocation, settings), prompt);
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
      : { api: servedApi(invocation, settings) }),
  }).finally(closeApi);
  const result = resultOf(run);
  log(dim(`${invocation.scriptPath}: its code matches the SHA-256 in its header.`));
  log(invocation.optionsLine);
  const target = invocation.real ? invocation.sendTo : `the built-in fake at ${invocation.sendTo}`;
  printReport(target, invocation.builtBaseUrl, run.calls, result, log);
  return result.outcome === 'failed' ? EXIT_FAILED : EXIT_OK;
}

/**
 * Before a real run: the account, the API, what the script will do and to whom. A dry-run build
 * only reads, so it goes ahead after saying so; any other build waits for the typed word (or
 * `--yes`), and without a terminal `--yes` is required.
 */
async function confirmRealRun(
  invocation: Invocation,
  account: string | undefined,
  prompt: Prompt,
): Promise<void> {
  const email = mailAddressOf(invocation.context);
  const deletes = invocation.deprovisionMode === 'delete' && !invocation.dryRun;
  const summary = [
    bold(
      `Real run: GoTo account ${account ?? '(to be asked of GoTo with GET /me)'} at ${invocation.sendTo}`,
    ),
    ...(invocation.dryRun
      ? []
      : [
          yellow(
            `WARNING: not a dry-run build: this run will change GoTo account ${account ?? 'that GET /me names'}.`,
          ),
        ]),
    `mode: ${modeOf(invocation)}`,
    `user: ${email ?? '(no ProvisionedUser.MailAddress in the context)'}`,
  ];
  if (invocation.dryRun || invocation.yes) {
    for (const line of summary) console.log(line);
    return;
  }
  await confirmChanges(
    { command: 'try --real', summary, word: deletes ? 'delete' : 'change', yes: false },
    prompt,
  );
}

function modeOf(invocation: Invocation): string {
  if (invocation.dryRun) return 'dry run: reads only and lists the writes it would make';
  if (invocation.deprovisionMode === undefined) {
    return "provision: create the GoTo user or give them the app's licenses";
  }
  return invocation.deprovisionMode === 'delete'
    ? 'de-provision: DELETE the GoTo user, with their meetings and recordings'
    : "de-provision: take the app's licenses back from the GoTo user";
}

function mailAddressOf(context: Record<string, unknown>): string | undefined {
  const user = context.ProvisionedUser;
  const address = isRecord(user) ? user.MailAddress : undefined;
  return typeof address === 'string' ? address : undefined;
}
