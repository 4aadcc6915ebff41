import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AUTHORIZE_URL,
  type OAuthClient,
  requestToken,
  SignInError,
  type TokenAnswer,
} from '../shared/goto-auth';

/**
 * The authorization code grant with a loopback redirect (RFC 8252): a one-request web server on
 * 127.0.0.1 and a port the system picks receives GoTo's redirect from the administrator's browser.
 * `state` is checked on every answer, so a page that sends a browser to the port cannot sign in on
 * its behalf. PKCE (S256) is sent too: GoTo does not document it, and an authorization server
 * ignores request parameters it does not know (RFC 6749 §3.1), so it protects the code where GoTo
 * checks it and costs nothing where it does not.
 */

export interface BrowserIo {
  /** Opens the address in the administrator's browser; false when none could be opened. */
  open(url: string): Promise<boolean>;
  /** One block of text for the administrator. */
  say(text: string): void;
}

export interface BrowserSignIn {
  client: OAuthClient;
  /** 0 (default): a port the system picks, for OAuth clients that accept any loopback port. */
  port?: number;
  /** How long to wait for the browser; default 5 minutes. */
  timeoutMs?: number;
  io: BrowserIo;
}

const CALLBACK_PATH = '/callback';

const randomText = () => randomBytes(32).toString('base64url');

export async function signInWithBrowser(signIn: BrowserSignIn): Promise<TokenAnswer> {
  const state = randomText();
  const verifier = randomText();
  const answer = waitForRedirect(state);
  const server = createServer(answer.handle);
  try {
    await listen(server, signIn.port ?? 0);
    const { port } = server.address() as AddressInfo;
    const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
    const url = new URL(AUTHORIZE_URL);
    url.search = new URLSearchParams({
      client_id: signIn.client.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    signIn.io.say(`Sign in to GoTo in your browser. If none opens, open this address:\n  ${url}`);
    // Not awaited: the browser returns to the loopback server below while it is being opened.
    signIn.io.open(String(url)).catch(() => false);
    const redirect = await withTimeout(answer.code, signIn.timeoutMs ?? 5 * 60_000);
    try {
      const tokens = await requestToken(
        signIn.client,
        {
          grant_type: 'authorization_code',
          code: redirect.code,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        },
        'the sign-in code',
      );
      redirect.reply(200, 'Signed in to GoTo. You can close this tab.');
      return tokens;
    } catch (error) {
      redirect.reply(400, 'GoTo refused the sign-in; the command line says why.');
      throw error;
    }
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

interface Redirect {
  code: string;
  reply(status: number, text: string): void;
}

/** The first answer on the callback path settles the sign-in, whatever it carries. */
function waitForRedirect(state: string) {
  let settle: { resolve(redirect: Redirect): void; reject(error: Error): void } | undefined;
  const code = new Promise<Redirect>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, text: string) => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`${text}\n`);
    };
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH || !settle) {
      reply(404, 'Not the sign-in address.');
      return;
    }
    const done = settle;
    settle = undefined;
    const params = url.searchParams;
    if (!sameText(params.get('state') ?? '', state)) {
      reply(
        400,
        'This answer does not belong to the sign-in that was started; nothing was stored.',
      );
      done.reject(
        new SignInError(
          'the answer that came back to 127.0.0.1 does not carry the state this sign-in sent, so it is not trusted; nothing was stored: run login again',
        ),
      );
      return;
    }
    const error = params.get('error');
    const given = params.get('code');
    if (error || !given) {
      reply(400, 'GoTo did not sign you in; the command line says why.');
      const description = params.get('error_description');
      done.reject(
        new SignInError(
          `GoTo did not sign in (${error ?? 'no code in the answer'}${description ? `: ${description}` : ''}); nothing was stored`,
          error ?? undefined,
          true,
        ),
      );
      return;
    }
    done.resolve({ code: given, reply });
  };
  return { code, handle };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new SignInError(
          `cannot listen on 127.0.0.1:${port} for GoTo's answer (${error.code ?? error.message}): choose another --port`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new SignInError(
            `no answer from the browser within ${Math.round(ms / 60_000)} minutes; nothing was stored: run login again`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
