import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, posix, win32 } from 'node:path';

/**
 * Where `login` keeps the sign-in: one JSON file in the user's own configuration folder, readable
 * by its owner only (folder 0700, file 0600), as `gh` and `gcloud` keep theirs. On Windows that is
 * `%APPDATA%\gotomeeting-myworkspace`, inside the user's profile, which only they and the
 * administrators of the machine can read; elsewhere `$XDG_CONFIG_HOME/gotomeeting-myworkspace`,
 * by default `~/.config/gotomeeting-myworkspace`. GOTO_MYWORKSPACE_CONFIG_DIR names another folder.
 */

export const CONFIG_DIR_VARIABLE = 'GOTO_MYWORKSPACE_CONFIG_DIR';
const FOLDER = 'gotomeeting-myworkspace';
const FILE = 'login.json';

export interface StoredLogin {
  /** How the sign-in was made, and so how it is renewed when there is no refresh token. */
  grant: 'authorization_code' | 'personal_access_token';
  clientId: string;
  /** Kept to refresh: GoTo's token endpoint needs the client's credentials on every grant. */
  clientSecret: string;
  accessToken: string;
  refreshToken?: string;
  /** A personal access token sign-in without a refresh token is renewed by exchanging it again. */
  personalAccessToken?: string;
  /** When the access token stops working, ISO 8601. */
  expiresAt: string;
  /** Who GoTo says signed in. */
  principal?: string;
}

export function configDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env[CONFIG_DIR_VARIABLE]) return env[CONFIG_DIR_VARIABLE];
  if (platform === 'win32')
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), FOLDER);
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), FOLDER);
}

export function loginPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), FILE);
}

/** The stored sign-in, or undefined when there is none (or it is not one this program wrote). */
export function readLogin(path = loginPath()): StoredLogin | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const login = value as Partial<StoredLogin>;
  const complete =
    (login.grant === 'authorization_code' || login.grant === 'personal_access_token') &&
    typeof login.clientId === 'string' &&
    typeof login.clientSecret === 'string' &&
    typeof login.accessToken === 'string' &&
    typeof login.expiresAt === 'string';
  return complete ? (login as StoredLogin) : undefined;
}

/**
 * Writes the sign-in so that no other user can read it at any moment: the folder is made 0700,
 * the file is written 0600 under a temporary name, then renamed over the old one.
 */
export function writeLogin(login: StoredLogin, path = loginPath()): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** True when there was a sign-in to remove. */
export function removeLogin(path = loginPath()): boolean {
  const existed = existsSync(path);
  rmSync(path, { force: true });
  return existed;
}
