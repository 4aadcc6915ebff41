import { Command, Option } from 'commander';
import openBrowser from 'open';
import { read } from 'read';
import { redact } from '../../src/host/redact';
import { DEFAULT_OPTIONS } from '../../src/options';
import { readApiBaseUrlFlag } from '../shared/api-base-url';
import { type OAuthClient, requestToken, type TokenAnswer } from '../shared/goto-auth';
import {
  loginPath,
  readLogin,
  removeLogin,
  type StoredLogin,
  writeLogin,
} from '../shared/login-store';
import { freshLogin, TOKEN_VARIABLE, tokenFromEnvironment, withTokens } from '../shared/token';
import { EXIT_FAILED, EXIT_OK, programName, UsageError } from '../shared/usage';
import { type BrowserIo, signInWithBrowser } from './authorization-code';
import { describeMe, whoHolds } from './who';

/**
 * `login`: signs in to GoTo with the administrator's own OAuth client and keeps the tokens for the
 * other commands; `login --status` says whose they are and until when; `logout` removes them. The
 * client secret and a personal access token come from the environment or a hidden prompt, never
 * from an argument, so they stay out of shell history and process lists.
 */

export const CLIENT_ID_VARIABLE = 'GOTO_CLIENT_ID';
export const CLIENT_SECRET_VARIABLE = 'GOTO_CLIENT_SECRET';
export const PAT_VARIABLE = 'GOTO_PAT';

export interface LoginIo extends BrowserIo {
  /** Whether a person can answer a prompt. */
  interactive: boolean;
  /** Asks without showing what is typed. */
  askHidden(question: string): Promise<string>;
  now(): number;
}

export const terminalLoginIo: LoginIo = {
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  askHidden: async (prompt) => {
    const typed = String(await read({ prompt, silent: true, replace: '' }));
    // The Enter that ended it was not echoed either.
    process.stdout.write('\n');
    return typed;
  },
  open: async (url) => {
    try {
      await openBrowser(url);
      return true;
    } catch {
      return false;
    }
  },
  say: (text) => console.log(text),
  now: () => Date.now(),
};

interface LoginFlags {
  clientId?: string;
  pat?: boolean;
  status?: boolean;
  port?: number;
  browser: boolean;
  apiBaseUrl: string;
}

export function loginCommand(io: LoginIo = terminalLoginIo): Command {
  return new Command('login')
    .description('sign in to GoTo with your OAuth client and keep the token for the other commands')
    .option('--client-id <id>', `your GoTo OAuth client's id (or ${CLIENT_ID_VARIABLE})`)
    .option(
      '--pat',
      `exchange a personal access token (from ${PAT_VARIABLE}, or asked for) instead of signing in in a browser`,
    )
    .option(
      '--status',
      'say who is signed in, to which accounts and until when, and change nothing',
    )
    .addOption(
      new Option(
        '--port <n>',
        'the loopback port for the browser to return to (default: any free port)',
      ).argParser(readPort),
    )
    .option('--no-browser', 'print the sign-in address instead of opening a browser')
    .addOption(
      new Option('--api-base-url <url>', 'the GoTo Admin API to ask GET /me')
        .default(DEFAULT_OPTIONS.apiBaseUrl)
        .argParser(readApiBaseUrlFlag),
    )
    .addHelpText('after', () => loginHelp())
    .action(async (flags: LoginFlags) => {
      process.exitCode = flags.status ? await showStatus(flags, io) : await signIn(flags, io);
    });
}

export function logoutCommand(io: Pick<LoginIo, 'say'> = terminalLoginIo): Command {
  return new Command('logout').description('remove the sign-in that login stored').action(() => {
    const path = loginPath();
    io.say(
      removeLogin(path) ? `Signed out: removed ${path}.` : `Not signed in: there is no ${path}.`,
    );
    if (tokenFromEnvironment()) {
      io.say(`${TOKEN_VARIABLE} is still set in this shell; the commands go on using it.`);
    }
    process.exitCode = EXIT_OK;
  });
}

function loginHelp(): string {
  const name = programName();
  return [
    '',
    `The client secret comes from ${CLIENT_SECRET_VARIABLE}, else a hidden prompt; never from an argument:`,
    `  ${CLIENT_SECRET_VARIABLE}=… ${name} login --client-id <id>               (sh, bash, zsh)`,
    `  $env:${CLIENT_SECRET_VARIABLE} = "…"; ${name} login --client-id <id>     (PowerShell)`,
    `Register http://127.0.0.1/callback as a redirect URI of the client (see the README, "Connecting to GoTo").`,
    `The sign-in is kept in ${loginPath()} (readable by you only).`,
    `${TOKEN_VARIABLE}, when set, wins over it.`,
  ].join('\n');
}

function readPort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a port number from 1 to 65535, not "${value}"`);
  }
  return port;
}

async function secretFrom(variable: string, question: string, io: LoginIo, what: string) {
  const fromEnvironment = process.env[variable];
  if (fromEnvironment) return fromEnvironment;
  if (!io.interactive) {
    throw new UsageError(
      `login needs ${what}: set ${variable} (without a terminal nothing can be asked; it is never taken as an argument)`,
    );
  }
  const typed = (await io.askHidden(question)).trim();
  if (typed === '') throw new UsageError(`login needs ${what}; nothing was typed`);
  return typed;
}

async function signIn(flags: LoginFlags, io: LoginIo): Promise<number> {
  const clientId = flags.clientId ?? process.env[CLIENT_ID_VARIABLE];
  if (!clientId) {
    throw new UsageError(
      `login needs your GoTo OAuth client's id: give --client-id <id> or set ${CLIENT_ID_VARIABLE} (the README's "Connecting to GoTo" says how to make the client)`,
    );
  }
  const client: OAuthClient = {
    clientId,
    clientSecret: await secretFrom(
      CLIENT_SECRET_VARIABLE,
      'Client secret (not shown): ',
      io,
      "your OAuth client's secret",
    ),
  };
  let tokens: TokenAnswer;
  let personalAccessToken: string | undefined;
  if (flags.pat) {
    personalAccessToken = await secretFrom(
      PAT_VARIABLE,
      'Personal access token (not shown): ',
      io,
      'a personal access token',
    );
    tokens = await requestToken(
      client,
      { grant_type: 'personal_access_token', pat: personalAccessToken },
      'the personal access token',
    );
  } else {
    tokens = await signInWithBrowser({
      client,
      ...(flags.port === undefined ? {} : { port: flags.port }),
      io: flags.browser ? io : { ...io, open: async () => false },
    });
  }
  const login = withTokens(
    {
      grant: flags.pat ? 'personal_access_token' : 'authorization_code',
      ...client,
      // Kept only when GoTo gives no refresh token, to renew the sign-in by exchanging it again.
      ...(personalAccessToken && !tokens.refreshToken ? { personalAccessToken } : {}),
    },
    tokens,
    io.now(),
  );
  writeLogin(login);
  io.say(`Signed in; the token is kept in ${loginPath()} (readable by you only).`);
  return reportWho(login, flags, io);
}

async function showStatus(flags: LoginFlags, io: LoginIo): Promise<number> {
  const fromEnvironment = tokenFromEnvironment();
  if (fromEnvironment) {
    io.say(
      `${TOKEN_VARIABLE} is set: the commands use it, not a stored sign-in; GoTo does not say when it expires.`,
    );
    return reportToken(fromEnvironment, flags, io, `The token in ${TOKEN_VARIABLE} belongs to`);
  }
  const stored = readLogin();
  if (!stored) {
    io.say(
      `Not signed in: run \`${programName()} login\`, or set ${TOKEN_VARIABLE} (there is no ${loginPath()}).`,
    );
    return EXIT_FAILED;
  }
  const login = await freshLogin(stored, { now: io.now });
  return reportWho(login, flags, io);
}

async function reportWho(login: StoredLogin, flags: LoginFlags, io: LoginIo): Promise<number> {
  const how = login.grant === 'personal_access_token' ? 'a personal access token' : 'the browser';
  const renewal = login.refreshToken
    ? 'renewed on use with the refresh token'
    : login.personalAccessToken
      ? 'renewed on use by exchanging the personal access token again'
      : 'not renewable: sign in again then';
  io.say(
    `Signed in with OAuth client ${login.clientId} by ${how}; the token is good until ${login.expiresAt} (${renewal}).`,
  );
  return reportToken(login.accessToken, flags, io, 'It belongs to');
}

async function reportToken(
  token: string,
  flags: LoginFlags,
  io: LoginIo,
  lead: string,
): Promise<number> {
  const me = await whoHolds(flags.apiBaseUrl, token);
  if (!me.ok) {
    io.say(redact(`GET /me refused the token: ${me.failure.message}`, token));
    return EXIT_FAILED;
  }
  io.say(redact(`${lead} ${describeMe(me.value)}.`, token));
  return EXIT_OK;
}
