import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkCommand } from '../../cli/account/check';
import { type LoginIo, loginCommand, logoutCommand } from '../../cli/login/command';
import { configDir, loginPath, readLogin } from '../../cli/shared/login-store';
import { UsageError } from '../../cli/shared/usage';
import { serveApi } from '../../emulator';
import { createFakeAuth, type FakeAuth } from '../../emulator/fake-auth';
import { createFakeGoto, type FakeGoto } from '../../emulator/fake-goto';
import { callCommand, settingsFile } from '../support/admin-tools';

/** `login`, `login --status` and `logout` against the fake authorization server and API. */

let auth: FakeAuth;
let goto: FakeGoto;
let configHome: string;

beforeEach(() => {
  goto = createFakeGoto({
    token: 'none-issued-yet',
    licenses: [{ key: '6000000000000000001', seats: 5 }],
    me: { otherAccounts: ['1000000000000000002'] },
  });
  // The API accepts whichever access token the authorization server issued last.
  auth = createFakeAuth({
    personalAccessTokens: ['fake-pat-93c1'],
    onIssue: (token) => goto.expireToken(token),
  });
  serveApi([...auth.handlers, ...goto.handlers]);
  configHome = mkdtempSync(join(tmpdir(), 'goto-config-'));
  // Set directly: callCommand unstubs every stubbed variable when it ends.
  process.env.GOTO_MYWORKSPACE_CONFIG_DIR = join(configHome, 'app');
  vi.stubEnv('GOTO_ACCESS_TOKEN', '');
  vi.stubEnv('GOTO_CLIENT_ID', '');
  vi.stubEnv('GOTO_CLIENT_SECRET', '');
  vi.stubEnv('GOTO_PAT', '');
});
const setupConfigDir = process.env.GOTO_MYWORKSPACE_CONFIG_DIR;
afterEach(() => {
  vi.unstubAllEnvs();
  process.env.GOTO_MYWORKSPACE_CONFIG_DIR = setupConfigDir;
});

interface Run {
  code: number;
  said: string;
  error: string;
  visits: Promise<{ status: number; text: string }>[];
}

/** A person at a terminal, whose browser does what `browser` says with each address. */
function person(
  answers: string[] = [],
  browser: (url: string) => Promise<{ status: number; text: string }> = (url) => auth.visit(url),
  interactive = true,
) {
  const said: string[] = [];
  const visits: Run['visits'] = [];
  const asked: string[] = [];
  const io: LoginIo = {
    interactive,
    askHidden: async (question) => {
      asked.push(question);
      return answers.shift() ?? '';
    },
    open: async (url) => {
      visits.push(browser(url));
      return true;
    },
    say: (text) => said.push(text),
    now: () => Date.now(),
  };
  return { io, said, visits, asked };
}

async function run(command: Command, args: string[], who = person()): Promise<Run> {
  process.exitCode = undefined;
  let code: number;
  let error = '';
  try {
    await command.exitOverride().parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (thrown) {
    error = (thrown as Error).message;
    code = thrown instanceof UsageError ? 2 : 1;
  } finally {
    process.exitCode = undefined;
  }
  return { code, said: who.said.join('\n'), error, visits: who.visits };
}

const login = (args: string[], who = person()) => run(loginCommand(who.io), args, who);

/** `check` with the token its own rules find, against the fake API and authorization server. */
function check(token = '') {
  const both = { handlers: [...auth.handlers, ...goto.handlers], options: goto.options };
  return callCommand(both as FakeGoto, checkCommand, [settingsFile()], { token });
}

function secretsIn(text: string): string[] {
  return [auth.clientSecret, ...auth.issued, 'fake-refresh-token', 'fake-pat-93c1'].filter(
    (secret) => text.includes(secret),
  );
}

describe('login in the browser', () => {
  it('exchanges the code for tokens, keeps them owner-only and says whose they are', async () => {
    vi.stubEnv('GOTO_CLIENT_SECRET', auth.clientSecret);
    const done = await login(['--client-id', auth.clientId]);
    expect(done.error).toBe('');
    expect(done.code).toBe(0);
    expect(await done.visits[0]).toEqual({
      status: 200,
      text: 'Signed in to GoTo. You can close this tab.\n',
    });

    const asked = auth.authorizeRequests[0];
    expect(asked?.get('response_type')).toBe('code');
    expect(asked?.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(asked?.get('state')).toMatch(/^[\w-]{43}$/);
    expect(asked?.get('code_challenge_method')).toBe('S256');
    expect(auth.tokenRequests.map((request) => request.grant.grant_type)).toEqual([
      'authorization_code',
    ]);
    expect(auth.tokenRequests[0]?.grant.code_verifier).toMatch(/^[\w-]{43}$/);

    const stored = readLogin();
    expect(stored).toMatchObject({
      grant: 'authorization_code',
      clientId: auth.clientId,
      accessToken: 'fake-access-token-2',
      refreshToken: 'fake-refresh-token-2',
    });
    const lifetime = Date.parse(stored?.expiresAt ?? '') - Date.now();
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
    expect(statSync(loginPath()).mode & 0o777).toBe(0o600);
    expect(statSync(join(configHome, 'app')).mode & 0o777).toBe(0o700);

    expect(done.said).toContain(
      'It belongs to admin@example.com, who manages accounts 1000000000000000001 (Account 1), 1000000000000000002 (Account 2).',
    );
    expect(done.said).toContain(
      'Sign in to GoTo in your browser. If none opens, open this address:',
    );
    expect(secretsIn(done.said)).toEqual([]);
  });

  it('makes an existing folder owner-only and replaces an old file with an owner-only one', async () => {
    mkdirSync(join(configHome, 'app'), { mode: 0o755 });
    writeFileSync(loginPath(), '{}', { mode: 0o644 });
    vi.stubEnv('GOTO_CLIENT_SECRET', auth.clientSecret);
    expect((await login(['--client-id', auth.clientId])).code).toBe(0);
    expect(statSync(join(configHome, 'app')).mode & 0o777).toBe(0o700);
    expect(statSync(loginPath()).mode & 0o777).toBe(0o600);
  });

  it('asks for the secret without showing it when the environment has none', async () => {
    const who = person([auth.clientSecret]);
    const done = await login(['--client-id', auth.clientId], who);
    expect(done.code).toBe(0);
    expect(who.asked).toEqual(['Client secret (not shown): ']);
  });

  it('refuses an answer whose state is not the one it sent, and stores nothing', async () => {
    vi.stubEnv('GOTO_CLIENT_SECRET', auth.clientSecret);
    const who = person([], (url) => auth.visit(url, { state: 'forged-state' }));
    const done = await login(['--client-id', auth.clientId], who);
    expect(done.code).toBe(1);
    expect(done.error).toBe(
      'the answer that came back to 127.0.0.1 does not carry the state this sign-in sent, so it is not trusted; nothing was stored: run login again',
    );
    expect((await done.visits[0])?.status).toBe(400);
    expect(auth.tokenRequests).toEqual([]);
    expect(readLogin()).toBeUndefined();
  });

  it('says so in one line when GoTo refuses the code, or the sign-in is denied', async () => {
    vi.stubEnv('GOTO_CLIENT_SECRET', auth.clientSecret);
    auth.refuseNextCode();
    const refused = await login(['--client-id', auth.clientId]);
    expect(refused.code).toBe(1);
    expect(refused.error).toBe(
      "GoTo's sign-in server refused the sign-in code (400 invalid_grant: Invalid authorization code)",
    );
    auth.denyNextAuthorization();
    const denied = await login(['--client-id', auth.clientId]);
    expect(denied.error).toBe(
      'GoTo did not sign in (access_denied: The user denied the request); nothing was stored',
    );
    expect(readLogin()).toBeUndefined();
  });

  it('refuses a wrong client secret without printing it', async () => {
    vi.stubEnv('GOTO_CLIENT_SECRET', 'not-the-secret-41d9a7');
    const done = await login(['--client-id', auth.clientId]);
    expect(done.code).toBe(1);
    expect(done.error).toBe(
      "GoTo's sign-in server refused the sign-in code (401 invalid_client: Bad client credentials)",
    );
  });

  it('needs the client id, and without a terminal the secret from the environment', async () => {
    const noId = await login([]);
    expect(noId.code).toBe(2);
    expect(noId.error).toMatch(
      /^login needs your GoTo OAuth client's id: give --client-id <id> or set GOTO_CLIENT_ID/,
    );
    const unattended = await login(['--client-id', auth.clientId], person([], undefined, false));
    expect(unattended.code).toBe(2);
    expect(unattended.error).toBe(
      "login needs your OAuth client's secret: set GOTO_CLIENT_SECRET (without a terminal nothing can be asked; it is never taken as an argument)",
    );
    expect(auth.authorizeRequests).toEqual([]);
  });
});

describe('login --pat', () => {
  it('exchanges a personal access token and renews by exchanging it again', async () => {
    vi.stubEnv('GOTO_CLIENT_SECRET', auth.clientSecret);
    vi.stubEnv('GOTO_PAT', 'fake-pat-93c1');
    const done = await login(['--client-id', auth.clientId, '--pat']);
    expect(done.code).toBe(0);
    expect(auth.authorizeRequests).toEqual([]);
    expect(auth.tokenRequests[0]?.grant).toEqual({
      grant_type: 'personal_access_token',
      pat: 'fake-pat-93c1',
    });
    expect(readLogin()).toMatchObject({
      grant: 'personal_access_token',
      accessToken: 'fake-access-token-1',
    });
    expect(secretsIn(done.said)).toEqual([]);

    expire();
    const checked = await check();
    expect(checked.code).toBe(0);
    expect(auth.tokenRequests.at(-1)?.grant.grant_type).toBe('personal_access_token');
    expect(readLogin()?.accessToken).toBe('fake-access-token-2');
  });
});

/** Moves the stored sign-in's expiry into the past, as an hour passing would. */
function expire(): void {
  const stored = JSON.parse(readFileSync(loginPath(), 'utf8'));
  writeFileSync(
    loginPath(),
    JSON.stringify({ ...stored, expiresAt: new Date(Date.now() - 60_000).toISOString() }),
  );
}

describe('the stored sign-in, used by the other commands', () => {
  beforeEach(async () => {
    vi.stubEnv('GOTO_CLIENT_SECRET', auth.clientSecret);
    expect((await login(['--client-id', auth.clientId])).code).toBe(0);
    vi.stubEnv('GOTO_CLIENT_SECRET', '');
  });

  it('is used as it is while it has more than five minutes left', async () => {
    const checked = await check();
    expect(checked.code).toBe(0);
    expect(auth.tokenRequests).toHaveLength(1);
  });

  it('is refreshed when it has expired, keeping the refresh token when GoTo sends none', async () => {
    expire();
    const checked = await check();
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    expect(auth.tokenRequests.at(-1)?.grant).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'fake-refresh-token-2',
    });
    expect(readLogin()).toMatchObject({
      accessToken: 'fake-access-token-3',
      refreshToken: 'fake-refresh-token-2',
    });
    expect(Date.parse(readLogin()?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 3500_000);
    expect(statSync(loginPath()).mode & 0o777).toBe(0o600);
  });

  it('says to sign in again when the refresh token has expired', async () => {
    expire();
    auth.expireRefreshTokens();
    const before = goto.requests.length;
    await expect(check()).rejects.toThrow(
      /^the stored sign-in expired at \S+ and could not be renewed \(GoTo's sign-in server refused the refresh of the stored sign-in \(400 invalid_grant: Invalid refresh token \(expired\)\)\): sign in again with `npm run cli -- login`$/,
    );
    expect(goto.requests).toHaveLength(before);
  });

  it('gives way to GOTO_ACCESS_TOKEN when that is set', async () => {
    goto.expireToken('token-from-the-environment-0b7d');
    const checked = await check('token-from-the-environment-0b7d');
    expect(checked.code).toBe(0);
    expect(auth.tokenRequests).toHaveLength(1);
  });

  it('login --status says who, which accounts and until when, and never a token', async () => {
    const done = await login(['--status']);
    expect(done.code).toBe(0);
    expect(done.said).toMatch(
      new RegExp(
        `^Signed in with OAuth client ${auth.clientId} by the browser; the token is good until \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(renewed on use with the refresh token\\)\\.\\nIt belongs to admin@example.com, who manages accounts 1000000000000000001 \\(Account 1\\), 1000000000000000002 \\(Account 2\\)\\.$`,
      ),
    );
    expect(secretsIn(done.said)).toEqual([]);
  });

  it('logout removes it, and then nothing is signed in', async () => {
    const out = await run(logoutCommand(person().io), []);
    expect(out.code).toBe(0);
    expect(readLogin()).toBeUndefined();
    const status = await login(['--status']);
    expect(status.code).toBe(1);
    expect(status.said).toMatch(
      /^Not signed in: run `npm run cli -- login`, or set GOTO_ACCESS_TOKEN/,
    );
    const checked = await check();
    expect(checked.code).toBe(2);
    expect(checked.stderr).toBe(
      'check needs a GoTo access token: sign in with `npm run cli -- login`, or set the GOTO_ACCESS_TOKEN environment variable',
    );
  });
});

describe('where the sign-in is kept', () => {
  it('is the roaming AppData of the profile on Windows, the XDG config folder elsewhere', () => {
    expect(
      configDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada'),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\gotomeeting-myworkspace');
    expect(configDir({}, 'win32', 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\gotomeeting-myworkspace',
    );
    expect(configDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/gotomeeting-myworkspace');
    expect(configDir({ XDG_CONFIG_HOME: '/cfg' }, 'darwin', '/Users/ada')).toBe(
      '/cfg/gotomeeting-myworkspace',
    );
    expect(configDir({ GOTO_MYWORKSPACE_CONFIG_DIR: 'D:\\keys', APPDATA: 'C:\\x' }, 'win32')).toBe(
      'D:\\keys',
    );
  });

  it('login --status names GOTO_ACCESS_TOKEN when that is what the commands use', async () => {
    goto.expireToken('token-from-the-environment-0b7d');
    vi.stubEnv('GOTO_ACCESS_TOKEN', 'token-from-the-environment-0b7d');
    const done = await login(['--status']);
    expect(done.code).toBe(0);
    expect(done.said).toBe(
      'GOTO_ACCESS_TOKEN is set: the commands use it, not a stored sign-in; GoTo does not say when it expires.\nThe token in GOTO_ACCESS_TOKEN belongs to admin@example.com, who manages accounts 1000000000000000001 (Account 1), 1000000000000000002 (Account 2).',
    );
  });
});
