/** What the route modules share: the resolved settings, replies, and GoTo's error body. */

import type { FaultQueue } from './faults';
import type { FilterMode } from './filter';
import type { RateLimiter } from './rate-limit';
import type { AccountState } from './state';

export interface FakeGotoSettings {
  baseUrl: string;
  accountKey: string;
  /** The bearer token that was valid at the start (see `expireToken`). */
  token: string;
  filterMode: FilterMode;
  numericKeys: boolean;
  createStatus: 200 | 201;
  writeStatus: 200 | 204;
  /** The most results one page of a list holds, whatever pageSize asks for. */
  maxPageSize: number;
  /** Where user answers leave out `licenseKeys`, as an `attributeNames` selection would. */
  omitLicenseKeys: { list: boolean; user: boolean };
}

export interface FakeRequest {
  method: string;
  /** Path after the base URL, query included: `/accounts/1/users?filter=…`. */
  path: string;
  status: number | 'network-error';
  /** The request body text, when there was one. */
  body?: string;
  /**
   * Who answered, when it was not the API: an injected fault, or the rate limit turning the
   * request away before the API saw it. Absent for the API's own answers.
   */
  answeredBy?: 'fault' | 'rate-limit';
}

/** A normal answer: a JSON body, or an empty body (no content-type) when `body` is undefined. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** JSON text sent as it is, for shapes `body` cannot express (a bare 19-digit number). */
  rawBody?: string;
}

export interface Core {
  readonly settings: FakeGotoSettings;
  readonly state: AccountState;
  readonly faults: FaultQueue;
  readonly requests: FakeRequest[];
  /** The token currently accepted; undefined once expired without a successor. */
  validToken: string | undefined;
  incidents: number;
  /** Present only when the fake was created with `rateLimit`. */
  readonly rateLimiter?: RateLimiter;
}

export interface RouteContext {
  readonly core: Core;
  readonly url: URL;
  readonly request: Request;
  readonly params: Readonly<Record<string, string>>;
  readonly bodyText: string;
}

export type Action = (context: RouteContext) => Reply;

export interface GotoError {
  code: string;
  value: string;
}

/** GoTo's error body (`incidentId` and a list of `{code, value}` errors) with a fresh, deterministic uuid-like incidentId. */
export function errorBody(core: Core, errors: readonly GotoError[]): unknown {
  core.incidents += 1;
  const serial = core.incidents.toString(16).padStart(12, '0');
  return {
    incidentId: `00000000-0000-4000-8000-${serial}`,
    errors: errors.map(({ code, value }) => ({ code, value })),
  };
}

export function fail(core: Core, status: number, code: string, value: string): Reply {
  return { status, body: errorBody(core, [{ code, value }]) };
}

/** 404 naming every license key the account does not have, or undefined when all exist. */
export function unknownLicenses(core: Core, keys: readonly string[]): Reply | undefined {
  const unknown = keys.filter((key) => core.state.license(key) === undefined);
  if (unknown.length === 0) return undefined;
  const errors = unknown.map((key) => ({ code: 'license.not.found', value: key }));
  return { status: 404, body: errorBody(core, errors) };
}
