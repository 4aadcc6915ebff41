import { createRequire } from 'node:module';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { serveApi } from '../../emulator';
import { restlerRest } from '../../emulator/host/restler';
import type { Rest, RestRequest, RestResponse } from '../../src/host/rest';
import { FOREIGN_ORIGIN, foreignHost } from '../support/foreign-host';

/**
 * What the scripts rely on from the host's `rest`, checked on npm restler itself through the
 * emulator's adapter (msw answers restler's Node http requests). Last checked against restler
 * 3.4.0, the version the MyWorkspace host exposes; the first case fails when another version is
 * installed, so the rest of this file is read again before the upgrade is accepted. A second
 * `complete` for one attempt (restler issue #155) is not reproduced here: the host faults
 * (emulator/host/host-faults.ts) inject it, and the fault matrix runs the scripts against it.
 */

const API = 'http://api.example.test';
const BIG = '1234567890123456789';
const JSON_TYPE = { 'content-type': 'application/json' };
const ERROR_BODY = '{"errors":[{"code":"user.not.found","value":"ada@example.com"}]}';

const text = (status: number, body: string | null, headers: Record<string, string> = {}) =>
  new HttpResponse(body, { status, headers });

const foreign = foreignHost();
const handlers = [
  http.get(`${API}/json`, () => text(200, `{"key":${BIG},"name":"Zoë"}`, JSON_TYPE)),
  http.get(`${API}/charset`, () =>
    text(200, '{"a":1}', { 'content-type': 'application/json; charset=utf-8' }),
  ),
  http.get(`${API}/vendor`, () =>
    text(200, '{"v":1}', { 'content-type': 'application/vnd.x+json' }),
  ),
  http.get(`${API}/error-404`, () => text(404, ERROR_BODY, JSON_TYPE)),
  http.get(`${API}/html-500`, () =>
    text(500, '<html>Oops</html>', { 'content-type': 'text/html' }),
  ),
  http.get(`${API}/text`, () => text(200, 'plain words', { 'content-type': 'text/plain' })),
  http.get(`${API}/malformed`, () => text(200, '{"id":', JSON_TYPE)),
  http.delete(`${API}/no-content`, () => text(204, null)),
  http.delete(`${API}/no-content-json`, () => text(204, null, JSON_TYPE)),
  http.post(`${API}/empty-200`, () => text(200, '', JSON_TYPE)),
  http.get(`${API}/down`, () => HttpResponse.error()),
  http.get(`${API}/moved`, () => text(307, null, { location: `${FOREIGN_ORIGIN}/elsewhere` })),
  ...foreign.handlers,
];

interface Complete {
  result: unknown;
  response: RestResponse | null | undefined;
  self: unknown;
}

/** Sends one request and collects its `complete` calls until `count` arrived, plus a short wait. */
async function completes(
  send: (rest: Rest) => RestRequest,
  count = 1,
  drive?: (request: RestRequest, seen: Complete[]) => void,
): Promise<Complete[]> {
  serveApi(handlers);
  const delays: number[] = [];
  const rest = restlerRest({
    retry: (ms, fire) => {
      delays.push(ms);
      setImmediate(fire);
    },
  });
  const seen: Complete[] = [];
  const request = send(rest);
  request.on('complete', function (this: unknown, result, response) {
    seen.push({ result, response, self: this });
    drive?.(request, seen);
  });
  const deadline = Date.now() + 5_000;
  while (seen.length < count && Date.now() < deadline) await sleep(5);
  await sleep(50);
  return Object.assign(seen, { delays });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('restler, as the scripts use it', () => {
  it('is the version this file was checked against', () => {
    const pkg = createRequire(import.meta.url)('restler/package.json') as { version: string };
    expect(pkg.version).toBe('3.4.0');
  });

  it('calls complete(result, response) once, with the request as `this`', async () => {
    const [first, ...more] = await completes((rest) => rest.get(`${API}/json`));
    expect(more).toEqual([]);
    expect(first?.response?.statusCode).toBe(200);
    expect(typeof (first?.self as RestRequest | undefined)?.on).toBe('function');
  });

  it('parses application/json, rounding big numbers, and keeps the exact text in raw', async () => {
    const [first] = await completes((rest) => rest.get(`${API}/json`));
    expect(first?.result).toEqual({ key: Number(BIG), name: 'Zoë' });
    expect(String(first?.response?.raw)).toBe(`{"key":${BIG},"name":"Zoë"}`);
  });

  it.each([
    ['a charset parameter', '/charset', { a: 1 }],
    ['a +json vendor type', '/vendor', { v: 1 }],
    ['an error status', '/error-404', JSON.parse(ERROR_BODY)],
    ['text/html', '/html-500', '<html>Oops</html>'],
    ['text/plain', '/text', 'plain words'],
  ])('by content type: %s', async (_, path, expected) => {
    const [first] = await completes((rest) => rest.get(`${API}${path}`));
    expect(first?.result).toEqual(expected);
  });

  it('hands malformed JSON over as an Error, with the response', async () => {
    const [first] = await completes((rest) => rest.get(`${API}/malformed`));
    expect(first?.result).toBeInstanceOf(Error);
    expect(first?.response?.statusCode).toBe(200);
    expect(String(first?.response?.raw)).toBe('{"id":');
  });

  it.each([
    ['204 without a type', 'del', '/no-content', 204],
    ['204 typed JSON', 'del', '/no-content-json', 204],
    ['200 with an empty JSON body', 'post', '/empty-200', 200],
  ] as const)('gives an empty body as "" or null: %s', async (_, method, path, status) => {
    const [first] = await completes((rest) => rest[method](`${API}${path}`, { data: '{}' }));
    expect(['', null]).toContain(first?.result);
    expect(first?.response?.statusCode).toBe(status);
  });

  it('gives a network error as complete(Error, null)', async () => {
    const [first, ...more] = await completes((rest) => rest.get(`${API}/down`));
    expect(more).toEqual([]);
    expect(first?.result).toBeInstanceOf(Error);
    expect(first?.response).toBeNull();
  });

  it('re-sends on retry(ms) to the same listeners, with the delay as given', async () => {
    const seen = await completes(
      (rest) => rest.get(`${API}/error-404`),
      2,
      (request, all) => {
        if (all.length === 1) request.retry?.(1500);
      },
    );
    expect(seen.map((c) => c.response?.statusCode)).toEqual([404, 404]);
    expect((seen as Complete[] & { delays: number[] }).delays).toEqual([1500]);
  });

  it('follows a redirect by default, re-sending the Authorization header to the other host', async () => {
    foreign.requests.length = 0;
    const headers = { Authorization: 'Bearer s3cret' };
    const [first] = await completes((rest) => rest.get(`${API}/moved`, { headers }));
    expect(first?.response?.statusCode).toBe(200);
    expect(foreign.requests).toEqual([
      { method: 'GET', url: `${FOREIGN_ORIGIN}/elsewhere`, authorization: 'Bearer s3cret' },
    ]);
  });

  it('with followRedirects: false, hands the 3xx and its Location over and sends nothing on', async () => {
    foreign.requests.length = 0;
    const options = { headers: { Authorization: 'Bearer s3cret' }, followRedirects: false };
    const [first, ...more] = await completes((rest) => rest.get(`${API}/moved`, options));
    expect(more).toEqual([]);
    expect(first?.response?.statusCode).toBe(307);
    expect(first?.response?.headers?.location).toBe(`${FOREIGN_ORIGIN}/elsewhere`);
    expect(foreign.requests).toEqual([]);
  });
});
