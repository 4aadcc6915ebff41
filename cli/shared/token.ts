import { ACCESS_TOKEN_FIELD } from './context-file';
import { type OAuthClient, requestToken, SignInError, type TokenAnswer } from './goto-auth';
import { readLogin, type StoredLogin, writeLogin } from './login-store';
import { programName, UsageError } from './usage';

/**
 * Where every command gets its GoTo access token, in one place: the GOTO_ACCESS_TOKEN environment
 * variable when it is set (scripts and CI), else the sign-in `login` stored, renewed when it has
 * less than five minutes left. Never from a flag or a context file, so that a token stays out of
 * shell history and out of files that get shared or committed.
 */

export const TOKEN_VARIABLE = 'GOTO_ACCESS_TOKEN';

/** Renewed this long before it expires, so that a long audit does not run out mid-way. */
const RENEW_MARGIN_MS = 5 * 60_000;

/** A context or settings file that holds a token is refused, with the fix. */
export function refuseTokenInFile(root: Record<string, unknown>, path: string): void {
  if (JSON.stringify(root).includes(ACCESS_TOKEN_FIELD)) {
    throw new UsageError(
      `${path} contains an ${ACCESS_TOKEN_FIELD}: remove it from the file and set ${TOKEN_VARIABLE} instead`,
    );
  }
}

/** The token from the environment, or undefined when it is not set. */
export function tokenFromEnvironment(): string | undefined {
  return process.env[TOKEN_VARIABLE] || undefined;
}

export interface TokenOptions {
  now?: () => number;
}

/** The token to send to GoTo; a usage mistake naming `needer` when there is none. */
export async function accessToken(needer: string): Promise<string> {
  const fromEnvironment = tokenFromEnvironment();
  if (fromEnvironment) return fromEnvironment;
  const stored = readLogin();
  if (!stored) {
    throw new UsageError(
      `${needer} needs a GoTo access token: sign in with \`${programName()} login\`, or set the ${TOKEN_VARIABLE} environment variable`,
    );
  }
  return (await freshLogin(stored)).accessToken;
}

/** The stored sign-in with an access token good for at least the margin, renewed if need be. */
export async function freshLogin(
  stored: StoredLogin,
  options: TokenOptions = {},
): Promise<StoredLogin> {
  const now = (options.now ?? Date.now)();
  if (Date.parse(stored.expiresAt) - now > RENEW_MARGIN_MS) return stored;
  const client: OAuthClient = { clientId: stored.clientId, clientSecret: stored.clientSecret };
  let answer: TokenAnswer;
  try {
    if (stored.refreshToken) {
      answer = await requestToken(
        client,
        { grant_type: 'refresh_token', refresh_token: stored.refreshToken },
        'the refresh of the stored sign-in',
      );
    } else if (stored.personalAccessToken) {
      answer = await requestToken(
        client,
        { grant_type: 'personal_access_token', pat: stored.personalAccessToken },
        'the personal access token',
      );
    } else {
      throw new SignInError(
        `the stored sign-in expired at ${stored.expiresAt} and GoTo gave no refresh token with it: sign in again with \`${programName()} login\``,
      );
    }
  } catch (error) {
    // A refusal (an expired or revoked refresh token) needs a new sign-in; no answer does not.
    if (!(error instanceof SignInError && error.refused)) throw error;
    throw new SignInError(
      `the stored sign-in expired at ${stored.expiresAt} and could not be renewed (${error.message}): sign in again with \`${programName()} login\``,
      error.code,
      true,
    );
  }
  const renewed = withTokens(stored, answer, now);
  writeLogin(renewed);
  return renewed;
}

/** The sign-in with new tokens; an old refresh token is kept when GoTo issues none, as it mostly does. */
export function withTokens(
  login: Omit<StoredLogin, 'accessToken' | 'expiresAt'>,
  answer: TokenAnswer,
  now: number,
): StoredLogin {
  return {
    ...login,
    accessToken: answer.accessToken,
    expiresAt: new Date(now + answer.expiresIn * 1000).toISOString(),
    ...(answer.refreshToken ? { refreshToken: answer.refreshToken } : {}),
    ...(answer.principal ? { principal: answer.principal } : {}),
  };
}
