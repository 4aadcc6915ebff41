/**
 * One msw handler per route, with what every route shares: recording the request, fault
 * injection, the bearer token (401 `not.authenticated`), the account key (403 `not.authorized`),
 * and turning a Reply into a Response.
 */

import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { type Action, type Core, errorBody, fail, type Reply } from './core';
import type { ActiveFault } from './faults';
import { toJson } from './json';

export type Method = 'GET' | 'POST' | 'DELETE';

export function route(core: Core, method: Method, pattern: string, action: Action): HttpHandler {
  const define = method === 'GET' ? http.get : method === 'POST' ? http.post : http.delete;
  return define(`${core.settings.baseUrl}${pattern}`, async ({ request, params }) => {
    const url = new URL(request.url);
    const path = relativePath(core, url);
    const bodyText = await request.text();
    const record = (status: number | 'network-error', answeredBy?: 'fault' | 'rate-limit') => {
      core.requests.push({
        method,
        path,
        status,
        ...(bodyText === '' ? {} : { body: bodyText }),
        ...(answeredBy === undefined ? {} : { answeredBy }),
      });
    };
    // The gateway turns a request away before it reaches the API: no fault is used up, no
    // token is checked, nothing changes.
    if (core.rateLimiter && !core.rateLimiter.admit()) {
      record(429, 'rate-limit');
      return toResponse(core, rateLimited(core));
    }
    const fault = core.faults.take(method, path);
    if (fault?.when === 'before') {
      const early = await applyFault(core, fault, record);
      if (early) return early;
    }
    const context = { core, url, request, params: stringParams(params), bodyText };
    const reply = authorise(core, request, context.params) ?? action(context);
    if (fault?.when === 'after') {
      const late = await applyFault(core, fault, record);
      if (late) return late;
    }
    record(reply.status);
    return toResponse(core, reply);
  });
}

/** A fault's response, or undefined after waiting out a delay (the normal answer follows). */
async function applyFault(
  core: Core,
  fault: ActiveFault,
  record: (status: number | 'network-error', answeredBy: 'fault') => void,
): Promise<Response | undefined> {
  const { respond } = fault;
  if ('delayMs' in respond) {
    await delay(respond.delayMs);
    return undefined;
  }
  if ('networkError' in respond) {
    record('network-error', 'fault');
    return HttpResponse.error();
  }
  record(respond.status, 'fault');
  const headers = new Headers(respond.headers);
  let body: string | undefined = respond.body;
  let contentType = respond.contentType ?? 'application/json';
  if (body === undefined && respond.status >= 400) {
    body = toJson(
      errorBody(core, [{ code: 'fault.injected', value: `HTTP ${respond.status}` }]),
      false,
    );
    contentType = 'application/json';
  }
  if (body === undefined || body === '')
    return new HttpResponse(null, { status: respond.status, headers });
  if (contentType !== '') headers.set('content-type', contentType);
  // Bytes, not a string: a string body would get `text/plain` whatever was asked for.
  return new HttpResponse(new TextEncoder().encode(body), { status: respond.status, headers });
}

function authorise(core: Core, request: Request, params: Record<string, string>): Reply | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  if (!match || core.validToken === undefined || match[1] !== core.validToken) {
    return fail(core, 401, 'not.authenticated', 'missing, invalid or expired bearer token');
  }
  if (params.accountKey !== undefined && params.accountKey !== core.settings.accountKey) {
    return fail(core, 403, 'not.authorized', `no access to account ${params.accountKey}`);
  }
  return null;
}

/** GoTo documents the 429 but not its body or code; the code here is the fake's own. */
function rateLimited(core: Core): Reply {
  const perSecond = core.rateLimiter?.perSecond ?? 0;
  const reply = fail(
    core,
    429,
    'rate.limit.exceeded',
    `more than ${perSecond} requests per second`,
  );
  const retryAfter = core.rateLimiter?.retryAfterSeconds;
  return retryAfter === undefined
    ? reply
    : { ...reply, headers: { 'retry-after': `${retryAfter}` } };
}

function toResponse(core: Core, reply: Reply): Response {
  const headers = reply.headers ?? {};
  if (reply.body === undefined && reply.rawBody === undefined) {
    return new HttpResponse(null, { status: reply.status, headers });
  }
  return new HttpResponse(reply.rawBody ?? toJson(reply.body, core.settings.numericKeys), {
    status: reply.status,
    headers: { ...headers, 'content-type': 'application/json' },
  });
}

function relativePath(core: Core, url: URL): string {
  const basePath = new URL(core.settings.baseUrl).pathname.replace(/\/$/, '');
  const path = url.pathname.startsWith(basePath)
    ? url.pathname.slice(basePath.length)
    : url.pathname;
  return path + url.search;
}

function stringParams(params: Record<string, string | readonly string[] | undefined>) {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
