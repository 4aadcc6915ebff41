import { expect } from 'vitest';
import { serveApi } from '../../emulator';
import { createFakeGoto, type FakeGoto, type FakeGotoOptions } from '../../emulator/fake-goto';

/** Helpers for the tests of the fake GoTo API itself: requests with fetch, answers read back. */

export const LICENSE_A = '6713924577432541578';
export const LICENSE_B = '6713924577432541579';

export function start(options: FakeGotoOptions = {}): FakeGoto {
  const fake = createFakeGoto(options);
  serveApi(fake.handlers);
  return fake;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string | null;
  contentType?: string | null;
}

/** fetch against the fake; `path` is relative to `{base}/accounts/{accountKey}`. */
export function call(fake: FakeGoto, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token === undefined ? fake.options.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (body !== undefined && contentType !== null) headers['content-type'] = contentType;
  const url = `${fake.options.baseUrl}/accounts/${fake.options.accountKey}${path}`;
  return fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
}

export interface Envelope {
  results: { key: string; email: string; licenseKeys: string[]; status: string }[];
  fromIndex: number;
  toIndex: number;
  total: number;
}

export async function list(fake: FakeGoto, query = ''): Promise<Envelope> {
  const response = await call(fake, 'GET', `/users${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as Envelope;
}

/** The emails a filter finds, encoded the way the product does (encodeURIComponent). */
export async function find(fake: FakeGoto, filter: string): Promise<string[]> {
  const envelope = await list(fake, `?filter=${encodeURIComponent(filter)}`);
  return envelope.results.map((u) => u.email);
}

export async function errorOf(response: Response): Promise<{ status: number; codes: string[] }> {
  const body = (await response.json()) as {
    incidentId: string;
    errors: { code: string; value: string }[];
  };
  expect(body.incidentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  return { status: response.status, codes: body.errors.map((e) => e.code) };
}

export function seedEmails(...emails: string[]) {
  return emails.map((email) => ({ email }));
}

export function newUser(email: string, extra: Record<string, unknown> = {}) {
  return { email, firstName: 'New', lastName: 'Person', ...extra };
}
