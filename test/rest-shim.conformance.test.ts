import type { EventEmitter } from 'node:events';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { HttpResponse, http as mswHttp } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestShim, type RestShim, type RestShimRequest } from '../emulator/host/rest-shim';
import type { Rest } from '../src/host/rest';

/**
 * The restler shim (test/support/rest-shim.ts) against the real restler 3.4.0: every case runs
 * through both, against a local HTTP server, and must give the same events with the same
 * arguments and the same request on the wire (host-contract.md §3).
 */

// The same API as the shim; restler may print deprecation warnings, which is fine.
const restler = createRequire(import.meta.url)('restler') as RestShim;

// ---------------------------------------------------------------------------------------------
// The local server: canned routes, and a record of what each request looked like on arrival.

interface SeenRequest {
  method: string | undefined;
  url: string | undefined;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The request headers restler sets or passes on. */
const SEEN_HEADERS = [
  'accept',
  'accept-encoding',
  'authorization',
  'content-length',
  'content-type',
  'host',
  'transfer-encoding',
  'user-agent',
] as const;

const seen: SeenRequest[] = [];
const hits = new Map<string, number>();

type Route = (res: http.ServerResponse, hit: number) => void;

const send =
  (status: number, headers: http.OutgoingHttpHeaders, body?: string | Buffer): Route =>
  (res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
/** A 64-bit key as GoTo sends them: more digits than a double holds. */
const BIG = '1234567890123456789';
const JSON_TYPE = { 'content-type': 'application/json' };
const ERROR_BODY =
  '{"incidentId":"inc-42","errors":[{"code":"user.not.found","value":"ada@example.com"}]}';

const routes: Record<string, Route> = {
  '/json': send(200, JSON_TYPE, '{"id":7,"name":"Ada","tags":["a","b"]}'),
  '/error-404': send(404, JSON_TYPE, ERROR_BODY),
  '/error-500-json': send(500, JSON_TYPE, ERROR_BODY),
  '/html-500': send(500, { 'content-type': 'text/html' }, '<html><body>Oops</body></html>'),
  '/no-content': send(204, {}),
  '/no-content-json': send(204, JSON_TYPE),
  '/malformed': send(200, JSON_TYPE, '{"id":'),
  '/charset': send(200, { 'content-type': 'application/json; charset=utf-8' }, '{"name":"Zoë"}'),
  '/upper-case-type': send(200, { 'content-type': 'Application/JSON' }, '{"a":1}'),
  '/vendor': send(200, { 'content-type': 'application/vnd.x+json' }, '{"v":1}'),
  '/problem': send(400, { 'content-type': 'application/problem+json' }, '{"title":"bad"}'),
  '/text': send(200, { 'content-type': 'text/plain' }, 'plain words'),
  '/latin1': send(
    200,
    { 'content-type': 'text/plain; charset=iso-8859-1' },
    Buffer.from([0x63, 0x61, 0x66, 0xe9]),
  ),
  '/gzip': send(
    200,
    { ...JSON_TYPE, 'content-encoding': 'gzip' },
    gzipSync('{"zipped":true,"n":[1,2,3]}'),
  ),
  '/big-number': send(200, JSON_TYPE, `{"key":${BIG}}`),
  '/echo': send(201, JSON_TYPE, '{"ok":true}'),
  '/flaky': (res, hit) =>
    hit === 1
      ? send(429, { ...JSON_TYPE, 'retry-after': '1' }, ERROR_BODY)(res, hit)
      : send(200, JSON_TYPE, '{"second":true}')(res, hit),
  '/redirect-302': send(302, { location: '/json' }),
  '/redirect-303': send(303, { location: '/echo' }),
  '/redirect-307': send(307, { location: '/echo' }),
  '/hang': () => {},
};

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const headers: SeenRequest['headers'] = {};
    for (const name of SEEN_HEADERS) headers[name] = req.headers[name];
    seen.push({
      method: req.method,
      url: req.url,
      body: Buffer.concat(chunks).toString(),
      headers,
    });
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    (routes[path] ?? send(404, { 'content-type': 'text/plain' }, 'no route'))(res, hit);
  });
});

let base = '';
/** A port nobody listens on. */
let closedPort = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// ---------------------------------------------------------------------------------------------
// Watching a request: every event it emits, with its arguments reduced to comparable values at
// the moment of emission.

interface SeenEvent {
  name: string;
  args: unknown[];
}

interface Outcome {
  events: SeenEvent[];
  requests: SeenRequest[];
}

const RESPONSE_HEADERS = ['content-type', 'content-encoding', 'location', 'retry-after'] as const;

function normalise(value: unknown): unknown {
  if (value instanceof Error) {
    const { code, type } = value as Error & { code?: unknown; type?: unknown };
    return { error: value.message, code, type };
  }
  if (value instanceof http.IncomingMessage) {
    const { raw, rawEncoded } = value as http.IncomingMessage & {
      raw?: unknown;
      rawEncoded?: unknown;
    };
    const headers: Record<string, unknown> = {};
    for (const name of RESPONSE_HEADERS) headers[name] = value.headers[name];
    return {
      statusCode: value.statusCode,
      headers,
      raw: raw === undefined ? undefined : String(raw),
      rawEncoded,
    };
  }
  if (Buffer.isBuffer(value)) return { buffer: value.toString('latin1') };
  return value;
}

function watch(request: EventEmitter, events: SeenEvent[]): void {
  const emit = request.emit.bind(request);
  (request as { emit: (name: string | symbol, ...args: unknown[]) => boolean }).emit = (
    name,
    ...args
  ) => {
    events.push({ name: String(name), args: args.map(normalise) });
    return emit(name, ...args);
  };
}

interface Case {
  name: string;
  send: (rest: RestShim, base: string) => RestShimRequest;
  /** What to do once the request is watched: abort it, retry on a 429, … */
  drive?: (request: RestShimRequest) => void;
  /** The event that ends the run, and how often; default one `complete`. */
  until?: { event: string; times: number };
  /** Spec facts about the shim's outcome, beyond matching restler. */
  check?: (outcome: Outcome) => void;
}

const SETTLE_MS = 60;

/** The shim under test; its retries fire at once, and the delays asked for are kept. */
const retryDelays: number[] = [];
const shim = createRestShim({
  scheduleRetry: (ms, fire) => {
    retryDelays.push(ms);
    setImmediate(fire);
  },
});

async function run(rest: RestShim, testCase: Case): Promise<Outcome> {
  seen.length = 0;
  hits.clear();
  retryDelays.length = 0;
  const events: SeenEvent[] = [];
  const request = testCase.send(rest, base);
  watch(request, events);
  testCase.drive?.(request);
  const { event, times } = testCase.until ?? { event: 'complete', times: 1 };
  const deadline = Date.now() + 5_000;
  while (events.filter((e) => e.name === event).length < times) {
    if (Date.now() > deadline) throw new Error(`no ${times}× ${event}: ${JSON.stringify(events)}`);
    await sleep(5);
  }
  await sleep(SETTLE_MS); // anything fired after the end would show up here
  return { events, requests: seen.map((request) => ({ ...request })) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The arguments of every `complete`. */
const completes = (outcome: Outcome) =>
  outcome.events.filter((e) => e.name === 'complete').map((e) => e.args);
const names = (outcome: Outcome) => outcome.events.map((e) => e.name);

// ---------------------------------------------------------------------------------------------
// The cases: host-contract.md §3.6's outcome matrix and the options the product could touch.

/** A GET with fresh options per run: restler mutates them (method, parser, data). */
const get =
  (path: string, options?: Parameters<RestShim['get']>[1]) => (rest: RestShim, url: string) =>
    rest.get(url + path, structuredClone(options));

const cases: Case[] = [
  {
    name: '200 JSON → parsed object; success, 2XX, 200, complete',
    send: get('/json', { headers: { Accept: 'application/json' } }),
    check: (outcome) => {
      expect(names(outcome)).toEqual(['response', 'success', '2XX', '200', 'complete']);
      expect(completes(outcome)[0]?.[0]).toEqual({ id: 7, name: 'Ada', tags: ['a', 'b'] });
      expect(outcome.requests[0]?.headers).toMatchObject({
        accept: 'application/json',
        'user-agent': 'Restler for node.js',
        'accept-encoding': 'gzip, deflate',
        'content-length': '0',
      });
    },
  },
  {
    name: '404 JSON error body → parsed body; fail, 4XX, 404',
    send: get('/error-404'),
    check: (outcome) => {
      expect(names(outcome)).toEqual(['response', 'fail', '4XX', '404', 'complete']);
      expect(completes(outcome)[0]?.[0]).toEqual(JSON.parse(ERROR_BODY));
    },
  },
  {
    name: '500 JSON error body → parsed body; fail, 5XX, 500',
    send: get('/error-500-json'),
    check: (outcome) => expect(names(outcome)).toContain('5XX'),
  },
  {
    name: '500 HTML → body string',
    send: get('/html-500'),
    check: (outcome) => {
      expect(names(outcome)).toEqual(['response', 'fail', '5XX', '500', 'complete']);
      expect(completes(outcome)[0]?.[0]).toBe('<html><body>Oops</body></html>');
    },
  },
  {
    name: "204 without content type → ''",
    send: get('/no-content'),
    check: (outcome) => expect(completes(outcome)[0]?.[0]).toBe(''),
  },
  {
    name: '204 application/json → null',
    send: get('/no-content-json'),
    check: (outcome) => expect(completes(outcome)[0]?.[0]).toBeNull(),
  },
  {
    name: '200 malformed JSON → only error, then complete(Error, response)',
    send: get('/malformed'),
    check: (outcome) => {
      expect(names(outcome)).toEqual(['response', 'error', 'complete']);
      const [result, response] = completes(outcome)[0] ?? [];
      expect(result).toMatchObject({
        error: expect.stringMatching(/^Failed to parse JSON body: /),
      });
      expect(response).toMatchObject({ statusCode: 200, raw: '{"id":' });
    },
  },
  {
    name: 'application/json; charset=utf-8 → parsed',
    send: get('/charset'),
    check: (outcome) => expect(completes(outcome)[0]?.[0]).toEqual({ name: 'Zoë' }),
  },
  {
    name: 'Application/JSON → stays a string (case-sensitive lookup)',
    send: get('/upper-case-type'),
    check: (outcome) => expect(completes(outcome)[0]?.[0]).toBe('{"a":1}'),
  },
  {
    name: 'application/vnd.x+json → parsed',
    send: get('/vendor'),
    check: (outcome) => expect(completes(outcome)[0]?.[0]).toEqual({ v: 1 }),
  },
  {
    name: 'application/problem+json → stays a string',
    send: get('/problem'),
    check: (outcome) => expect(completes(outcome)[0]?.[0]).toBe('{"title":"bad"}'),
  },
  {
    name: 'text/plain → body string',
    send: get('/text'),
    check: (outcome) => expect(completes(outcome)[0]?.[0]).toBe('plain words'),
  },
  {
    name: 'charset=iso-8859-1 → decoded text',
    send: get('/latin1'),
    check: (outcome) => expect(completes(outcome)[0]?.[0]).toBe('café'),
  },
  {
    name: 'gzip-encoded JSON → inflated and parsed; raw is the inflated text',
    send: get('/gzip'),
    check: (outcome) => {
      const [result, response] = completes(outcome)[0] ?? [];
      expect(result).toEqual({ zipped: true, n: [1, 2, 3] });
      expect(response).toMatchObject({ raw: '{"zipped":true,"n":[1,2,3]}' });
    },
  },
  {
    name: '19-digit number → String(response.raw) keeps every digit',
    send: get('/big-number'),
    check: (outcome) => {
      const [result, response] = completes(outcome)[0] ?? [];
      // JSON.parse rounds the number; the text keeps it.
      expect(result).toEqual({ key: Number(BIG) });
      expect(String(Number(BIG))).not.toBe(BIG);
      expect(response).toMatchObject({ raw: `{"key":${BIG}}` });
    },
  },
  {
    name: 'decoding: buffer → the raw Buffer, unparsed',
    send: get('/json', { decoding: 'buffer' }),
    check: (outcome) =>
      expect(completes(outcome)[0]?.[0]).toEqual({
        buffer: '{"id":7,"name":"Ada","tags":["a","b"]}',
      }),
  },
  {
    name: 'POST with a JSON string and Content-Type → Content-Length in bytes, the type as given',
    send: (rest, url) =>
      rest.post(`${url}/echo`, {
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t0k' },
        data: JSON.stringify({ name: 'Zoë', n: 1 }),
      }),
    check: (outcome) =>
      expect(outcome.requests).toEqual([
        expect.objectContaining({
          method: 'POST',
          body: '{"name":"Zoë","n":1}',
          headers: expect.objectContaining({
            'content-type': 'application/json',
            'content-length': '21',
            authorization: 'Bearer t0k',
          }),
        }),
      ]),
  },
  {
    name: 'POST with object data → qs form body, form content type replaces the caller’s',
    send: (rest, url) =>
      rest.post(`${url}/echo`, {
        headers: { 'content-type': 'application/json' },
        data: { name: 'Ada Lovelace', tags: ['a', 'b'], nested: { k: null } },
      }),
    check: (outcome) =>
      expect(outcome.requests[0]).toMatchObject({
        body: 'name=Ada%20Lovelace&tags%5B0%5D=a&tags%5B1%5D=b&nested%5Bk%5D=',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
  },
  {
    name: 'DELETE via del → Content-Length: 0',
    send: (rest, url) => rest.del(`${url}/echo`, { headers: { Authorization: 'Bearer x' } }),
    check: (outcome) =>
      expect(outcome.requests[0]).toMatchObject({
        method: 'DELETE',
        headers: { 'content-length': '0' },
      }),
  },
  {
    name: 'accessToken → Authorization: Bearer, over the caller’s own header',
    send: get('/json', { accessToken: 'abc', headers: { authorization: 'Bearer mine' } }),
    check: (outcome) => expect(outcome.requests[0]?.headers.authorization).toBe('Bearer abc'),
  },
  {
    name: 'username/password → Basic, over accessToken',
    send: get('/json', { username: 'ada', password: 'pw', accessToken: 'abc' }),
    check: (outcome) =>
      expect(outcome.requests[0]?.headers.authorization).toBe(
        `Basic ${Buffer.from('ada:pw').toString('base64')}`,
      ),
  },
  {
    name: 'query option → used only when the URL has no query',
    send: (rest, url) => {
      rest.get(`${url}/echo?kept=1`, { query: { dropped: 1 } });
      return rest.get(`${url}/echo`, { query: { a: 'x y', n: 2 } });
    },
    until: { event: 'complete', times: 1 },
    check: (outcome) =>
      expect(outcome.requests.map((r) => r.url).sort()).toEqual([
        '/echo?a=x%20y&n=2',
        '/echo?kept=1',
      ]),
  },
  {
    name: 'request() → no parser, JSON stays a string; GET without data',
    send: (rest, url) => rest.request(`${url}/json`, {}),
    check: (outcome) => {
      expect(completes(outcome)[0]?.[0]).toBe('{"id":7,"name":"Ada","tags":["a","b"]}');
      expect(outcome.requests[0]?.method).toBe('GET');
    },
  },
  {
    name: 'postJson → JSON body with content-type application/json',
    send: (rest, url) => rest.postJson(`${url}/echo`, { a: [1, 2] }),
    check: (outcome) =>
      expect(outcome.requests[0]).toMatchObject({
        method: 'POST',
        body: '{"a":[1,2]}',
        headers: { 'content-type': 'application/json', 'content-length': '11' },
      }),
  },
  {
    name: 'HEAD → no body',
    send: (rest, url) => rest.head(`${url}/json`),
    check: (outcome) => expect(outcome.requests[0]?.method).toBe('HEAD'),
  },
  {
    name: '302 → followed; response fires twice, the final result completes',
    send: get('/redirect-302'),
    check: (outcome) => {
      expect(names(outcome)).toEqual(['response', 'response', 'success', '2XX', '200', 'complete']);
      expect(outcome.requests.map((r) => r.url)).toEqual(['/redirect-302', '/json']);
    },
  },
  {
    name: '303 after POST → GET without body',
    send: (rest, url) => rest.post(`${url}/redirect-303`, { data: 'payload' }),
    check: (outcome) =>
      expect(outcome.requests.map((r) => [r.method, r.body])).toEqual([
        ['POST', 'payload'],
        ['GET', ''],
      ]),
  },
  {
    name: '307 after POST → POST again, the body re-sent chunked',
    send: (rest, url) => rest.post(`${url}/redirect-307`, { data: 'payload' }),
    check: (outcome) =>
      expect(outcome.requests[1]).toMatchObject({
        method: 'POST',
        body: 'payload',
        headers: { 'transfer-encoding': 'chunked', 'content-length': undefined },
      }),
  },
  {
    name: 'network error (closed port) → error, then complete(Error ECONNREFUSED, null)',
    send: (rest) => rest.get(`http://127.0.0.1:${closedPort}/json`),
    check: (outcome) => {
      expect(names(outcome)).toEqual(['error', 'complete']);
      expect(completes(outcome)[0]).toEqual([
        expect.objectContaining({ code: 'ECONNREFUSED' }),
        null,
      ]);
    },
  },
  {
    name: 'retry(ms) after a 429 → the same listeners fire again, the body is re-sent',
    send: (rest, url) =>
      rest.post(`${url}/flaky`, {
        headers: { 'Content-Type': 'application/json' },
        data: JSON.stringify({ attempt: 'same' }),
      }),
    drive: (request) => {
      request.on('complete', function (this: RestShimRequest, _result, response) {
        if (response?.statusCode === 429) this.retry(1);
      });
    },
    until: { event: 'complete', times: 2 },
    check: (outcome) => {
      expect(names(outcome)).toEqual([
        ...['response', 'fail', '4XX', '429', 'complete'],
        ...['response', 'success', '2XX', '200', 'complete'],
      ]);
      expect(outcome.requests.map((r) => r.body)).toEqual([
        '{"attempt":"same"}',
        '{"attempt":"same"}',
      ]);
      // The retry sends the Buffer the first attempt made: chunked, no Content-Length.
      expect(outcome.requests[1]?.headers['transfer-encoding']).toBe('chunked');
      expect(retryDelays).toEqual([1]);
    },
  },
  {
    name: 'timeout before the headers → timeout only, never complete',
    send: get('/hang', { timeout: 40 }),
    until: { event: 'timeout', times: 1 },
    check: (outcome) => expect(outcome.events).toEqual([{ name: 'timeout', args: [40] }]),
  },
  {
    name: 'abort() → abort(null), then complete(null, null)',
    send: get('/hang'),
    drive: (request) => setTimeout(() => request.abort(), 30),
    check: (outcome) =>
      expect(outcome.events).toEqual([
        { name: 'abort', args: [null] },
        { name: 'complete', args: [null, null] },
      ]),
  },
  {
    name: "abort('text') → abort, error and complete with an Error of type 'abort'",
    send: get('/hang'),
    drive: (request) => request.abort('gave up'),
    check: (outcome) => {
      const error = { error: 'gave up', code: undefined, type: 'abort' };
      expect(outcome.events).toEqual([
        { name: 'abort', args: [error] },
        { name: 'error', args: [error, null] },
        { name: 'complete', args: [error, null] },
      ]);
    },
  },
];

describe('rest shim conforms to restler 3.4.0', () => {
  it.each(cases)('$name', async (testCase) => {
    const expected = await run(restler, testCase);
    const actual = await run(shim, testCase);
    expect(actual).toEqual(expected);
    testCase.check?.(actual);
  });

  it('schedules retry(ms) through scheduleRetry with the parseInt-ed delay', async () => {
    const delays: number[] = [];
    const recordOnly = createRestShim({ scheduleRetry: (ms) => delays.push(ms) });
    const outcome = await run(recordOnly, {
      name: 'retry delays',
      send: get('/json'),
      drive: (request) => {
        request.retry('25.9');
        request.retry(-3);
        request.retry(undefined);
      },
    });
    expect(delays).toEqual([25, -3, Number.NaN]);
    expect(completes(outcome)).toHaveLength(1);
  });

  it('fits the product’s Rest type', () => {
    const rest: Rest = createRestShim();
    expect(typeof rest.get).toBe('function');
  });
});

// ---------------------------------------------------------------------------------------------
// msw intercepts the shim, as the scenario tests rely on.

describe('msw intercepts the shim', () => {
  const api = 'http://api.example.test';
  const mock = setupServer(
    mswHttp.get(`${api}/users/1`, () => HttpResponse.json({ id: 1, name: 'Ada' }, { status: 200 })),
    mswHttp.get(`${api}/users/raw`, () =>
      HttpResponse.text(`{"key":${BIG}}`, {
        headers: { 'content-type': 'application/json' },
      }),
    ),
    mswHttp.delete(`${api}/users/2`, () => HttpResponse.error()),
  );
  beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => mock.close());

  const viaMsw = (path: string, method: 'get' | 'del' = 'get'): Case => ({
    name: path,
    send: (rest) => rest[method](`${api}${path}`, { headers: { Accept: 'application/json' } }),
  });

  it('a JSON handler → complete gets the parsed object and the exact text in raw', async () => {
    const outcome = await run(shim, viaMsw('/users/raw'));
    const [result, response] = completes(outcome)[0] ?? [];
    expect(result).toEqual({ key: Number(BIG) });
    expect(response).toMatchObject({ statusCode: 200, raw: `{"key":${BIG}}` });
    expect(names(outcome)).toEqual(['response', 'success', '2XX', '200', 'complete']);
    expect(await run(restler, viaMsw('/users/raw'))).toEqual(outcome);
  });

  it('HttpResponse.json → the same through the shim and restler', async () => {
    const outcome = await run(shim, viaMsw('/users/1'));
    expect(completes(outcome)[0]?.[0]).toEqual({ id: 1, name: 'Ada' });
    expect(await run(restler, viaMsw('/users/1'))).toEqual(outcome);
  });

  it('HttpResponse.error() → error, then complete(Error, null)', async () => {
    const outcome = await run(shim, viaMsw('/users/2', 'del'));
    expect(names(outcome)).toEqual(['error', 'complete']);
    expect(completes(outcome)[0]).toEqual([
      expect.objectContaining({ error: expect.any(String) }),
      null,
    ]);
    expect(await run(restler, viaMsw('/users/2', 'del'))).toEqual(outcome);
  });
});
