import { type Command, Option } from 'commander';
import { accountKeyText } from '../../src/common/values';
import type { Reply } from '../../src/goto/client';
import { type Me, readMe } from '../../src/goto/me';
import { redact } from '../../src/host/redact';
import type { Failure } from '../../src/host/result';
import { DEFAULT_OPTIONS } from '../../src/options';
import { type AccountSource, chooseAccount } from '../../src/workflows/account-choice';
import { readApiBaseUrlFlag } from '../shared/api-base-url';
import type { Prompt } from '../shared/confirm';
import { type Connection, connect, type Timer } from '../shared/connection';
import { fakeApiFor, fakeOption } from '../shared/fake-api';
import { TOKEN_VARIABLE, accessToken as tokenFor } from '../shared/token';
import { programName, UsageError } from '../shared/usage';
import { readSettingsFile, type ToolSettings } from './settings-file';

/** What `check`, `audit` and `reconcile` share: their flags, the connection, the account, the output. */

export interface ToolIo {
  /** One block of standard output. */
  out(text: string): void;
  /** One line of standard error. */
  err(text: string): void;
  /** Real time by default; tests pass a simulated one. */
  timer?: Timer;
  /** Where a command that writes asks for its typed confirmation; the terminal by default. */
  prompt?: Prompt;
  /** Stops a write between two calls; by default Ctrl-C does. */
  interrupt?: AbortSignal;
  /** Standard error is a terminal: progress is drawn as a bar rather than written as lines. */
  stderrIsTerminal?: boolean;
}

export const consoleIo: ToolIo = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  stderrIsTerminal: Boolean(process.stderr.isTTY),
};

export interface CommonFlags {
  apiBaseUrl: string;
  accountKey?: string;
  /** `--fake [seed]`: the built-in fake answers instead of GoTo. */
  fake?: string | true;
}

export function withCommonOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--api-base-url <url>', 'the GoTo Admin API to talk to')
        .default(DEFAULT_OPTIONS.apiBaseUrl)
        .argParser(readApiBaseUrlFlag),
    )
    .addOption(
      new Option(
        '--account-key <key>',
        'the accountKey build option the scripts were built with, if any',
      ).argParser(readAccountKeyFlag),
    )
    .addOption(fakeOption())
    .addHelpText('after', () => tokenHelp(`${command.name()} <settings>`));
}

/** Where the token comes from, with the sh and the PowerShell way to set the variable. */
export function tokenHelp(args: string): string {
  const run = `${programName()} ${args}`;
  return [
    '',
    `The token: the sign-in of \`${programName()} login\`, or ${TOKEN_VARIABLE}, which wins when set:`,
    `  ${TOKEN_VARIABLE}=… ${run}              (sh, bash, zsh)`,
    `  $env:${TOKEN_VARIABLE} = "…"; ${run}    (PowerShell)`,
    'With --fake no token is needed: the built-in fake answers, seeded from examples/seed.json.',
  ].join('\n');
}

function readAccountKeyFlag(value: string): string {
  const key = accountKeyText(value);
  if (key === undefined) {
    throw new UsageError(
      `--account-key must be your GoTo account key, a string of digits such as 1000000000000000001, not "${value}"`,
    );
  }
  return key;
}

export interface Session {
  settings: ToolSettings;
  connection: Connection;
  /** Output with the token scrubbed, whatever an echoed body carries. */
  out(text: string): void;
  err(text: string): void;
}

/** Whom the session talks to, as the report's first line names it. */
export function targetOf(flags: CommonFlags): string {
  return flags.fake === undefined
    ? flags.apiBaseUrl
    : `the built-in fake GoTo API at ${flags.apiBaseUrl}`;
}

export async function openSession(
  command: string,
  settingsPath: string,
  flags: CommonFlags,
  io: ToolIo,
): Promise<Session> {
  const settings = readSettingsFile(settingsPath);
  const accessToken =
    flags.fake === undefined
      ? await tokenFor(command)
      : fakeApiFor(flags.fake, flags.apiBaseUrl).token;
  return sessionWith(settings, { apiBaseUrl: flags.apiBaseUrl, accessToken }, io);
}

/** Where the API is and the token it takes: from the flags and the environment, or a local fake. */
export interface ApiAccess {
  apiBaseUrl: string;
  accessToken: string;
}

export function sessionWith(settings: ToolSettings, access: ApiAccess, io: ToolIo): Session {
  const scrub = (text: string) => redact(text, access.accessToken);
  return {
    settings,
    connection: connect({ ...access, ...(io.timer ? { timer: io.timer } : {}) }),
    out: (text) => io.out(scrub(text)),
    err: (text) => io.err(scrub(text)),
  };
}

/** Codes with which Node says a host name did not resolve. */
const NAME_NOT_FOUND = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME'];

/**
 * A refused or unanswered call as one line. A host name that does not resolve is said as what it
 * is, a network problem naming the host, so it is not taken for a bad token.
 */
export function problemOf(failure: Failure, apiBaseUrl: string): string {
  const code = NAME_NOT_FOUND.find((name) => failure.message.includes(`(${name})`));
  if (failure.code !== 'network-error' || code === undefined) return failure.message;
  return `cannot find the GoTo API host ${new URL(apiBaseUrl).host} (DNS: ${code}): a network problem, not a token problem; check the host in --api-base-url and this machine's DNS, proxy or VPN.`;
}

/** How the tools name where the account came from. */
const SOURCE_TEXT: Record<AccountSource, string> = {
  option: 'the accountKey build option',
  connection: 'account_key in the OAuth configuration',
  me: 'GET /me',
};

export interface ResolvedAccount {
  key: string;
  source: string;
}

/** The account the scripts would use, chosen by their own rule. */
export function resolveAccount(
  flags: CommonFlags,
  settings: ToolSettings,
  me: Me | undefined,
): ResolvedAccount | undefined {
  const choice = chooseAccount(flags.accountKey, settings.accountKey, me?.accountKey);
  return choice && { key: choice.key, source: SOURCE_TEXT[choice.source] };
}

export function askMe(connection: Connection): Promise<Reply<Me>> {
  return connection.ask<Me>(readMe);
}
