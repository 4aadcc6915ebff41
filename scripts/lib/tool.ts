import { type Command, Option } from 'commander';
import { accountKeyText } from '../../src/common/values';
import { type Me, readMe } from '../../src/goto/account-reads';
import type { Reply } from '../../src/goto/client';
import { DEFAULT_OPTIONS } from '../../src/options';
import { UsageError } from '../cli/usage';
import { readApiBaseUrlFlag } from './api-base-url';
import { type Clock, type Connection, connect } from './goto-connection';
import { accessTokenFromEnvironment, readSettingsFile, type ToolSettings } from './settings-file';

/** What `check` and `audit` share: their flags, the connection, the account, the output. */

export interface ToolIo {
  /** One block of standard output. */
  out(text: string): void;
  /** One line of standard error. */
  err(text: string): void;
  /** Real time by default; tests pass a simulated clock. */
  clock?: Clock;
}

export const consoleIo: ToolIo = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
};

export interface CommonFlags {
  apiBaseUrl: string;
  accountKey?: string;
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
    );
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

export function openSession(
  command: string,
  settingsPath: string,
  flags: CommonFlags,
  io: ToolIo,
): Session {
  const settings = readSettingsFile(settingsPath);
  const accessToken = accessTokenFromEnvironment(command);
  // As in the scripts: a token this short would mangle the output rather than hide anything.
  const scrub = (text: string) =>
    accessToken.length < 8 ? text : text.split(accessToken).join('[redacted]');
  return {
    settings,
    connection: connect({
      apiBaseUrl: flags.apiBaseUrl,
      accessToken,
      ...(io.clock ? { clock: io.clock } : {}),
    }),
    out: (text) => io.out(scrub(text)),
    err: (text) => io.err(scrub(text)),
  };
}

export type AccountSource =
  | 'the accountKey build option'
  | 'account_key in the OAuth configuration'
  | 'GET /me';

export interface ResolvedAccount {
  key: string;
  source: AccountSource;
}

/**
 * The account the scripts would use, in their order: the build option, a non-empty `account_key`
 * in the OAuth configuration, then the root `accountKey` of `GET /me`.
 */
export function resolveAccount(
  flags: CommonFlags,
  settings: ToolSettings,
  me: Me | undefined,
): ResolvedAccount | undefined {
  if (flags.accountKey !== undefined) {
    return { key: flags.accountKey, source: 'the accountKey build option' };
  }
  if (settings.accountKey !== undefined) {
    return { key: settings.accountKey, source: 'account_key in the OAuth configuration' };
  }
  if (me?.accountKey !== undefined) return { key: me.accountKey, source: 'GET /me' };
  return undefined;
}

export function askMe(connection: Connection): Promise<Reply<Me>> {
  return connection.ask<Me>(readMe);
}
