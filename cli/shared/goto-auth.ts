import { redact } from '../../src/host/redact';

/**
 * GoTo's authorization server, the only place the client secret, a refresh token or a personal
 * access token is ever sent. Every grant is a form POST to its token endpoint with the OAuth
 * client's id and secret as HTTP Basic credentials, as GoTo documents for the authorization code,
 * refresh and personal-access-token grants. Its answers carry `access_token`, `expires_in`
 * (3600: an hour), `principal` (the signed-in address), `scope` and, only sometimes,
 * `refresh_token` and `token_type`.
 */

export const AUTH_SERVER = 'https://authentication.logmeininc.com';
export const AUTHORIZE_URL = `${AUTH_SERVER}/oauth/authorize`;
export const TOKEN_URL = `${AUTH_SERVER}/oauth/token`;

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface TokenAnswer {
  accessToken: string;
  /** Absent when GoTo issued none: the caller keeps the one it had. */
  refreshToken?: string;
  /** Seconds from now. */
  expiresIn: number;
  principal?: string;
  scope?: string;
}

/** The authorization server refused or could not be reached; the message is one line. */
export class SignInError extends Error {
  constructor(
    message: string,
    /** GoTo's OAuth error code (`invalid_grant`, …) when it gave one. */
    readonly code?: string,
    /** The server answered with a refusal, as opposed to not answering. */
    readonly refused = false,
  ) {
    super(message);
  }
}

/** An hour, GoTo's documented lifetime, when an answer gives none. */
const DEFAULT_LIFETIME_SECONDS = 3600;

export async function requestToken(
  client: OAuthClient,
  grant: Record<string, string>,
  what: string,
): Promise<TokenAnswer> {
  const secrets = [
    client.clientSecret,
    ...Object.entries(grant)
      .filter(([name]) => name !== 'grant_type' && name !== 'redirect_uri')
      .map(([, value]) => value),
  ];
  const scrub = (text: string) => secrets.reduce((done, secret) => redact(done, secret), text);
  let response: Response;
  try {
    response = await fetch(TOKEN_URL, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(grant).toString(),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new SignInError(
      `GoTo's sign-in server ${new URL(AUTH_SERVER).host} could not be reached (${cause}) for ${what}: a network problem; check this machine's network, proxy or VPN`,
    );
  }
  const text = await response.text();
  const body = parseObject(text);
  if (!response.ok) {
    const code = typeof body?.error === 'string' ? body.error : undefined;
    const description =
      typeof body?.error_description === 'string' ? `: ${body.error_description}` : '';
    throw new SignInError(
      scrub(
        `GoTo's sign-in server refused ${what} (${response.status}${code ? ` ${code}` : ''}${description})`,
      ),
      code,
      true,
    );
  }
  const accessToken = body?.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new SignInError(`GoTo's sign-in server answered ${what} without an access_token`);
  }
  const expiresIn = Number(body?.expires_in);
  return {
    accessToken,
    expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_LIFETIME_SECONDS,
    ...textField(body, 'refresh_token', 'refreshToken'),
    ...textField(body, 'principal', 'principal'),
    ...textField(body, 'scope', 'scope'),
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function textField<K extends string>(
  body: Record<string, unknown> | undefined,
  name: string,
  as: K,
): Partial<Record<K, string>> {
  const value = body?.[name];
  return typeof value === 'string' && value !== '' ? ({ [as]: value } as Record<K, string>) : {};
}
