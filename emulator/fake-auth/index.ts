import { createHash } from 'node:crypto';
import { type HttpHandler, HttpResponse, http, passthrough } from 'msw';

/**
 * A fake of GoTo's authorization server (authentication.logmeininc.com) as msw handlers, for the
 * command line's `login`: the authorize page, which approves at once and redirects the browser to
 * the loopback address with a code and the state it was given, and the token endpoint's
 * authorization code, refresh and personal-access-token grants with the client's id and secret as
 * HTTP Basic credentials. It answers as GoTo documents: `expires_in` 3600, `principal`, `scope`,
 * and a refresh token with the first tokens only (a refresh answer carries none). It checks
 * what a careful server checks: the client, the redirect URI of the code, one use per code, and
 * the PKCE verifier when a challenge was sent. `visit` plays the administrator's browser.
 */

export const FAKE_AUTH_SERVER = 'https://authentication.logmeininc.com';

export interface FakeAuthOptions {
  clientId?: string;
  clientSecret?: string;
  /** The address `principal` names; default admin@example.com. */
  principal?: string;
  /** Personal access tokens the fake accepts. */
  personalAccessTokens?: string[];
  /** Told of every access token issued, e.g. to make the fake GoTo API accept it. */
  onIssue?: (accessToken: string) => void;
}

export interface TokenRequest {
  authorization: string | null;
  grant: Record<string, string>;
}

export interface FakeAuth {
  readonly handlers: HttpHandler[];
  readonly clientId: string;
  readonly clientSecret: string;
  /** Every request the token endpoint answered, in order. */
  readonly tokenRequests: TokenRequest[];
  /** Every authorize request's query, in order. */
  readonly authorizeRequests: URLSearchParams[];
  /** The access tokens issued, in order. */
  readonly issued: string[];
  /** The next code exchange is refused (400 invalid_grant), as for a code already used. */
  refuseNextCode(): void;
  /** The next authorize request is denied (the administrator clicks "Deny"). */
  denyNextAuthorization(): void;
  /** Every refresh token issued so far stops working (400 invalid_grant). */
  expireRefreshTokens(): void;
  /**
   * The browser: opens the sign-in address, follows the redirect to the loopback address (with
   * its `state` replaced when `state` is given) and resolves with what the loopback page says.
   */
  visit(url: string, change?: { state?: string }): Promise<{ status: number; text: string }>;
}

interface IssuedCode {
  redirectUri: string;
  challenge: string | undefined;
}

export function createFakeAuth(options: FakeAuthOptions = {}): FakeAuth {
  const clientId = options.clientId ?? 'fake-client-id';
  const clientSecret = options.clientSecret ?? 'fake-client-secret-5b1e';
  const principal = options.principal ?? 'admin@example.com';
  const codes = new Map<string, IssuedCode>();
  const refreshTokens = new Set<string>();
  const tokenRequests: TokenRequest[] = [];
  const authorizeRequests: URLSearchParams[] = [];
  const issued: string[] = [];
  let serial = 0;
  let refuseCode = false;
  let deny = false;

  const oauthError = (status: number, error: string, description: string) =>
    HttpResponse.json({ error, error_description: description }, { status });

  const issue = (withRefresh: boolean) => {
    serial += 1;
    const accessToken = `fake-access-token-${serial}`;
    issued.push(accessToken);
    options.onIssue?.(accessToken);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: 3600,
      scope: 'identity:',
      principal,
    };
    if (withRefresh) {
      const refreshToken = `fake-refresh-token-${serial}`;
      refreshTokens.add(refreshToken);
      Object.assign(body, { token_type: 'Bearer', refresh_token: refreshToken });
    }
    return HttpResponse.json(body);
  };

  const authorize = http.get(`${FAKE_AUTH_SERVER}/oauth/authorize`, ({ request }) => {
    const query = new URL(request.url).searchParams;
    authorizeRequests.push(query);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== clientId) {
      return new HttpResponse('unknown client_id', { status: 400 });
    }
    // Any port on the loopback address, as RFC 8252 asks of servers for native apps.
    if (!/^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(redirectUri)) {
      return new HttpResponse('redirect_uri is not registered', { status: 400 });
    }
    const back = new URL(redirectUri);
    back.searchParams.set('state', query.get('state') ?? '');
    if (deny || query.get('response_type') !== 'code') {
      deny = false;
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user denied the request');
    } else {
      serial += 1;
      const code = `fake-code-${serial}`;
      codes.set(code, {
        redirectUri,
        challenge: query.get('code_challenge') ?? undefined,
      });
      back.searchParams.set('code', code);
    }
    return new HttpResponse(null, { status: 302, headers: { location: String(back) } });
  });

  const token = http.post(`${FAKE_AUTH_SERVER}/oauth/token`, async ({ request }) => {
    const authorization = request.headers.get('authorization');
    const grant = Object.fromEntries(new URLSearchParams(await request.text()));
    tokenRequests.push({ authorization, grant });
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    if (authorization !== expected) {
      return oauthError(401, 'invalid_client', 'Bad client credentials');
    }
    if (grant.grant_type === 'authorization_code') {
      const code = codes.get(grant.code ?? '');
      codes.delete(grant.code ?? '');
      const verifierMatches =
        code?.challenge === undefined ||
        createHash('sha256')
          .update(grant.code_verifier ?? '')
          .digest('base64url') === code.challenge;
      if (refuseCode || !code || code.redirectUri !== grant.redirect_uri || !verifierMatches) {
        refuseCode = false;
        return oauthError(400, 'invalid_grant', 'Invalid authorization code');
      }
      return issue(true);
    }
    if (grant.grant_type === 'refresh_token') {
      if (!refreshTokens.has(grant.refresh_token ?? '')) {
        return oauthError(400, 'invalid_grant', 'Invalid refresh token (expired)');
      }
      return issue(false);
    }
    if (grant.grant_type === 'personal_access_token') {
      if (!(options.personalAccessTokens ?? []).includes(grant.pat ?? '')) {
        return oauthError(400, 'invalid_grant', 'Invalid personal access token');
      }
      return issue(false);
    }
    return oauthError(
      400,
      'unsupported_grant_type',
      `grant_type ${grant.grant_type} is not supported`,
    );
  });

  // The browser's visit to the command line's own loopback server goes through for real.
  const loopback = http.get(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough());

  return {
    handlers: [authorize, token, loopback],
    clientId,
    clientSecret,
    tokenRequests,
    authorizeRequests,
    issued,
    refuseNextCode: () => {
      refuseCode = true;
    },
    denyNextAuthorization: () => {
      deny = true;
    },
    expireRefreshTokens: () => refreshTokens.clear(),
    visit: async (url, change = {}) => {
      const page = await fetch(url, { redirect: 'manual' });
      const location = page.headers.get('location');
      if (page.status !== 302 || !location) {
        return { status: page.status, text: await page.text() };
      }
      const back = new URL(location);
      if (change.state !== undefined) back.searchParams.set('state', change.state);
      const landed = await fetch(back);
      return { status: landed.status, text: await landed.text() };
    },
  };
}
