import { ACCESS_TOKEN_FIELD } from './context-file';
import { UsageError } from './usage';

/**
 * The access token reaches the command line only through the environment, never a flag or a
 * file, so that it stays out of shell history and out of files that get shared or committed.
 */

export const TOKEN_VARIABLE = 'GOTO_ACCESS_TOKEN';

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

/** The token from the environment; a usage mistake naming `needer` when it is not set. */
export function requireToken(needer: string): string {
  const token = tokenFromEnvironment();
  if (!token) {
    throw new UsageError(
      `${needer} needs the access token in the ${TOKEN_VARIABLE} environment variable`,
    );
  }
  return token;
}
