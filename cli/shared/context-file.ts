import { parseJsonLossless } from '../../src/common/lossless-json';
import { isRecord } from '../../src/common/values';
import { UsageError } from './usage';

/**
 * A context file, handed to a script unchanged. GoTo keys are 64-bit integers: a bare number
 * above 2^53 in the file cannot be handed over exactly (JavaScript would round it and the
 * script would act on another account or license), so such a file is refused, with the fix. The
 * OAuth configuration is a JSON string inside the context: the token is spliced into its text,
 * never by decoding and re-encoding it, so a numeric `account_key` in it keeps every digit.
 */

export const ACCESS_TOKEN_FIELD = 'access_token';

export function readContextText(text: string, path: string): Record<string, unknown> {
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the context file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(plain)) {
    throw new UsageError(
      `the context file ${path} must hold a JSON object, the workflow's context (see examples/)`,
    );
  }
  const rounded = firstRounded(plain, parseJsonLossless(text), '');
  if (rounded) {
    throw new UsageError(
      `the context file ${path} holds ${rounded.where} as the number ${rounded.digits}, which JavaScript rounds to ${rounded.value}: write it as a string, "${rounded.digits}"`,
    );
  }
  return plain;
}

interface Rounded {
  where: string;
  digits: string;
  value: string;
}

/** Where the plain reading holds a number that the lossless reading has as different digits. */
function firstRounded(plain: unknown, exact: unknown, where: string): Rounded | undefined {
  if (typeof plain === 'number' && typeof exact === 'string') {
    return BigInt(exact) === BigInt(plain)
      ? undefined
      : { where: where || 'a value', digits: exact, value: BigInt(plain).toString() };
  }
  if (typeof plain !== 'object' || plain === null || typeof exact !== 'object' || exact === null) {
    return undefined;
  }
  for (const name of Object.keys(plain)) {
    const found = firstRounded(
      (plain as Record<string, unknown>)[name],
      (exact as Record<string, unknown>)[name],
      Array.isArray(plain) ? `${where}[${name}]` : where ? `${where}.${name}` : name,
    );
    if (found) return found;
  }
  return undefined;
}

/**
 * The context with the token inside the OAuth JSON string, the way MyWorkspace holds it. Every
 * other character of that string stays as it was; a field that is not a JSON object is left for
 * the script to reject.
 */
export function withToken(
  context: Record<string, unknown>,
  token: string,
): Record<string, unknown> {
  const field = context.OAuth2ProtocolConfiguration;
  if (typeof field !== 'string') return context;
  let parsed: unknown;
  try {
    parsed = JSON.parse(field);
  } catch {
    return context;
  }
  const opening = /^\s*\{/.exec(field);
  if (!opening || typeof parsed !== 'object' || parsed === null) return context;
  const separator = Object.keys(parsed).length > 0 ? ',' : '';
  const entry = `${JSON.stringify(ACCESS_TOKEN_FIELD)}:${JSON.stringify(token)}${separator}`;
  return {
    ...context,
    OAuth2ProtocolConfiguration: `${opening[0]}${entry}${field.slice(opening[0].length)}`,
  };
}
