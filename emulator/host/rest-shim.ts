/**
 * A stand-in for npm `restler` 3.4.0, the host's `rest` global (host-contract.md §3), built on
 * Node's own `http`/`https` so that msw's `setupServer` intercepts it and a test decides how long
 * `retry(ms)` waits. It follows restler's `lib/restler.js` step by step, because the product is
 * written against restler's observable behaviour, quirks included: the request starts on the next
 * tick; a malformed JSON body fires only `error` and `complete`; the caller's options object is
 * mutated (`method`, `parser`, `data` becomes a Buffer), which is why a retry or a 301/302/307
 * re-sends the body chunked without `Content-Length`; an aborted or timed-out Request swallows the
 * network errors of later attempts. test/rest-shim.conformance.test.ts runs it against restler.
 *
 * Not emulated:
 * - multipart bodies (`multipart`, `rest.file`, `rest.data`), the `Service` API, `xml2js`;
 * - XML and YAML parsing: `application/xml` and `application/yaml` bodies stay strings;
 * - iconv-lite: a non-UTF-8 `charset` is decoded with TextDecoder, whose labels differ in places
 *   from iconv-lite 0.2.11 (`iso-8859-1` is windows-1252 there); an unknown label leaves the body
 *   as bytes, as in restler;
 * - the legacy `url.parse`: URLs go through WHATWG `URL`, so an invalid URL throws at the call,
 *   dot segments are resolved, `Host` drops a default port written in the URL (`http://h:80/`),
 *   and `http://user:@host` sends no Basic auth;
 * - restler's lookups that also hit `Object.prototype` keys (a `Content-Encoding: constructor`);
 * - restler's crash on `request(url)` without options: the shim takes `{}`.
 */

import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

export type ResultCallback = (error: Error | null, result?: unknown) => void;

/** A body parser as restler calls it: `this` is the response, `body` the decoded text. */
export type RestParser = (this: RestShimResponse, body: string, callback: ResultCallback) => void;

/** Node's IncomingMessage with the body bytes restler attaches before parsing. */
export interface RestShimResponse extends http.IncomingMessage {
  /** The body as received, one character per byte (restler's 'binary' string). */
  rawEncoded?: string;
  /** The body after gzip/deflate decoding; `String(raw)` is the exact text. */
  raw?: Buffer;
}

export interface RestRequestOptions {
  /** Set by the shortcuts; for `request()` POST if there is `data`, else GET. */
  method?: string | undefined;
  /** Merged over restler's defaults; restler's Authorization/Content-Type/Content-Length win. */
  headers?: http.OutgoingHttpHeaders | undefined;
  /** string: bytes with Content-Length; object: a qs form body; Buffer: as is (chunked). */
  data?: string | Buffer | object | null | undefined;
  /** How a string `data` is turned into bytes; default utf8. */
  encoding?: BufferEncoding | undefined;
  /** 'buffer' hands the raw Buffer over unparsed; otherwise the body text's encoding (utf8). */
  decoding?: BufferEncoding | 'buffer' | undefined;
  accessToken?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  /** Used only when the URL has no query. */
  query?: string | object | undefined;
  parser?: RestParser | undefined;
  /** Milliseconds until the response headers must have arrived. */
  timeout?: number | undefined;
  followRedirects?: boolean | undefined;
  rejectUnauthorized?: boolean | undefined;
  agent?: http.Agent | boolean | undefined;
}

export interface RestShimOptions {
  /**
   * How a retry(ms) is scheduled. Default: restler's semantics (parseInt; <=0 or NaN → next
   * tick; else setTimeout(ms)). Tests pass e.g. (ms, fire) => { delays.push(ms); setImmediate(fire); }
   */
  scheduleRetry?: ScheduleRetry;
}

export interface RestShim {
  get(url: string, options?: RestRequestOptions | null): RestShimRequest;
  post(url: string, options?: RestRequestOptions | null): RestShimRequest;
  put(url: string, options?: RestRequestOptions | null): RestShimRequest;
  del(url: string, options?: RestRequestOptions | null): RestShimRequest;
  head(url: string, options?: RestRequestOptions | null): RestShimRequest;
  patch(url: string, options?: RestRequestOptions | null): RestShimRequest;
  /** Body `JSON.stringify(data || {})` with `content-type: application/json`; method default GET. */
  json(
    url: string,
    data?: unknown,
    options?: RestRequestOptions | null,
    method?: string,
  ): RestShimRequest;
  postJson(url: string, data?: unknown, options?: RestRequestOptions | null): RestShimRequest;
  putJson(url: string, data?: unknown, options?: RestRequestOptions | null): RestShimRequest;
  patchJson(url: string, data?: unknown, options?: RestRequestOptions | null): RestShimRequest;
  /** No default parser: the body stays a string. */
  request(url: string, options?: RestRequestOptions): RestShimRequest;
  parsers: typeof parsers;
}

export type ScheduleRetry = (ms: number, fire: () => void) => void;

/**
 * Simulated time: each retry fires at once, and the delay the script asked for is reported, so
 * tests, the demo and the bench see the waits without sitting through them.
 */
export function simulatedRetries(onDelay: (ms: number) => void = noop): ScheduleRetry {
  return (ms, fire) => {
    onDelay(ms);
    setImmediate(fire);
  };
}

const noop = (): void => {};

export function createRestShim(options: RestShimOptions = {}): RestShim {
  const scheduleRetry = options.scheduleRetry ?? scheduleLikeRestler;

  // restler's request(): listeners attached right after the call still see every event.
  const start = (url: string, requestOptions: RestRequestOptions): RestShimRequest => {
    const request = new RestShimRequest(url, requestOptions, scheduleRetry);
    request.on('error', noop);
    process.nextTick(() => request.run());
    return request;
  };
  const shortcut =
    (method: string) =>
    (url: string, requestOptions?: RestRequestOptions | null): RestShimRequest =>
      start(url, withMethod(requestOptions, method));
  const json = (
    url: string,
    data?: unknown,
    requestOptions?: RestRequestOptions | null,
    method?: string,
  ): RestShimRequest => {
    const target = requestOptions || {};
    if (target.parser === undefined) target.parser = parsers.auto;
    target.headers = target.headers || {};
    target.headers['content-type'] = 'application/json';
    target.data = JSON.stringify(data || {});
    target.method = method || 'GET';
    return start(url, target);
  };

  return {
    get: shortcut('GET'),
    post: shortcut('POST'),
    put: shortcut('PUT'),
    del: shortcut('DELETE'),
    head: shortcut('HEAD'),
    patch: shortcut('PATCH'),
    json,
    postJson: (url, data, requestOptions) => json(url, data, requestOptions, 'POST'),
    putJson: (url, data, requestOptions) => json(url, data, requestOptions, 'PUT'),
    patchJson: (url, data, requestOptions) => json(url, data, requestOptions, 'PATCH'),
    request: (url, requestOptions = {}) => start(url, requestOptions),
    parsers,
  };
}

/** restler's retry timing: `parseInt` already applied; ≤ 0 or NaN → next tick. */
function scheduleLikeRestler(ms: number, fire: () => void): void {
  if (!Number.isFinite(ms) || ms <= 0) process.nextTick(fire);
  else setTimeout(fire, ms);
}

/** restler's shortcutOptions: sets the method and `parsers.auto` on the caller's own object. */
function withMethod(options: RestRequestOptions | null | undefined, method: string) {
  const target = options || {};
  target.method = method;
  if (target.parser === undefined) target.parser = parsers.auto;
  return target;
}

/**
 * One restler Request: an EventEmitter whose handlers get it as `this`. A retry or a redirect
 * re-sends through the same object, so the listeners are kept across attempts.
 */
export class RestShimRequest extends EventEmitter {
  /** Set by abort() or a timeout and never cleared: later attempts then swallow network errors. */
  aborted = false;
  timedout = false;
  /** The current target: the caller's URL, or where a redirect pointed. */
  url: URL;
  readonly options: RestRequestOptions;
  private request: http.ClientRequest;
  private timeoutTimer: NodeJS.Timeout | undefined;
  private readonly scheduleRetry: ScheduleRetry;

  constructor(url: string, options: RestRequestOptions, scheduleRetry: ScheduleRetry) {
    super();
    this.options = options;
    this.scheduleRetry = scheduleRetry;
    this.url = new URL(url);
    this.request = this.open();
  }

  /** Sends the body (the request was opened by the constructor or a re-send). */
  run(): this {
    if (this.options.data) this.request.write(this.options.data, this.options.encoding || 'utf8');
    this.request.end();
    return this;
  }

  /** Sends the same request again after `ms` (parseInt-ed) on the configured timer. */
  retry(ms?: unknown): this {
    this.scheduleRetry(Number.parseInt(String(ms), 10), () => this.resend());
    return this;
  }

  /**
   * Cancels the request: `abort` now; once the socket closes, `complete(null, null)`, or with a
   * reason `error` and `complete` with an Error whose `type` is 'abort'.
   */
  abort(reason?: unknown): this {
    const error = reason ? toAbortError(reason) : null;
    this.request.on('close', () => {
      if (error) this.fireError(error, null);
      else this.emit('complete', null, null);
    });
    this.aborted = true;
    // restler calls the deprecated ClientRequest#abort(), which is destroy() plus a flag.
    this.request.destroy();
    this.emit('abort', error);
    return this;
  }

  /** restler's constructor minus the EventEmitter setup: headers, body, the Node request. */
  private open(): http.ClientRequest {
    const { options, url } = this;
    const headers: http.OutgoingHttpHeaders = {
      Accept: '*/*',
      'User-Agent': 'Restler for node.js',
      Host: url.host,
      'Accept-Encoding': 'gzip, deflate',
    };
    Object.assign(headers, options.headers);
    if (!options.method) options.method = options.data ? 'POST' : 'GET';
    if (options.followRedirects === undefined) options.followRedirects = true;
    applyAuth(url, options, headers);
    prepareBody(options, headers);

    const request = openNodeRequest(url, options, headers);
    const timeout = options.timeout;
    if (timeout) this.timeoutTimer = setTimeout(() => this.onTimeout(timeout), timeout);
    request.on('response', (response: RestShimResponse) => {
      this.cancelTimeout();
      this.emit('response', response);
      this.onResponse(response);
    });
    request.on('error', (error: Error) => {
      this.cancelTimeout();
      if (!this.aborted) this.fireError(error, null);
    });
    return request;
  }

  /** restler's _retry: drop the old Node request (never its listeners here), open a new one. */
  private resend(): void {
    this.request.removeAllListeners().on('error', noop);
    if (this.request.writableEnded) this.request.destroy();
    this.request = this.open();
    this.run();
  }

  private onTimeout(ms: number): void {
    this.emit('timeout', ms);
    this.aborted = true;
    this.timedout = true;
    this.request.destroy();
  }

  private cancelTimeout(): void {
    clearTimeout(this.timeoutTimer);
  }

  private onResponse(response: RestShimResponse): void {
    if (isRedirect(response.statusCode) && this.options.followRedirects) {
      this.followRedirect(response);
      return;
    }
    // A 'binary' string, as restler collects it; it also becomes `rawEncoded`.
    let received = '';
    response.setEncoding('latin1');
    response.on('data', (chunk: string) => {
      received += chunk;
    });
    response.on('end', () => {
      response.rawEncoded = received;
      decompress(
        Buffer.from(received, 'latin1'),
        response.headers['content-encoding'],
        (error, raw) => {
          if (error) {
            this.fireError(error, response);
            return;
          }
          response.raw = raw;
          this.parse(decodeCharset(raw, response.headers['content-type']), response);
        },
      );
    });
  }

  /** 303 becomes a GET without body; 301/302/307 keep method and body. No redirect limit. */
  private followRedirect(response: RestShimResponse): void {
    try {
      const location = response.headers.location;
      if (location === undefined) throw new TypeError('no Location header');
      this.url = new URL(location, this.url);
      if (response.statusCode === 303) {
        this.options.method = 'GET';
        delete this.options.data;
      }
      this.resend();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      failure.message = `Failed to follow redirect: ${failure.message}`;
      this.fireError(failure, response);
    }
  }

  /** restler's _encode: 'buffer' skips the parser; otherwise text through the parser, if any. */
  private parse(body: Buffer | string, response: RestShimResponse): void {
    const done: ResultCallback = (error, result) => {
      if (error) this.fireError(error, response);
      else this.fireSuccess(result, response);
    };
    const { decoding, parser } = this.options;
    if (decoding === 'buffer') {
      done(null, body);
      return;
    }
    const text = typeof body === 'string' ? body : body.toString(decoding);
    if (parser) parser.call(response, text, done);
    else done(null, text);
  }

  private fireError(error: Error, response: RestShimResponse | null): void {
    this.cancelTimeout();
    this.emit('error', error, response);
    this.emit('complete', error, response);
  }

  private fireSuccess(result: unknown, response: RestShimResponse): void {
    const status = String(response.statusCode);
    this.emit(Number(status) >= 400 ? 'fail' : 'success', result, response);
    this.emit(status.replace(/\d{2}$/, 'XX'), result, response);
    this.emit(status, result, response);
    this.emit('complete', result, response);
  }
}

function isRedirect(status: number | undefined): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307;
}

/** restler's abort(err): a string becomes the message; a non-Error (or foreign Error) a generic one. */
function toAbortError(reason: unknown): Error & { type: 'abort' } {
  const error =
    typeof reason === 'string'
      ? new Error(reason)
      : reason instanceof Error
        ? reason
        : new Error('AbortError');
  return Object.assign(error, { type: 'abort' as const });
}

/** restler's _applyAuth: credentials in the URL replace the options'; Basic beats a token. */
function applyAuth(url: URL, options: RestRequestOptions, headers: http.OutgoingHttpHeaders): void {
  if (url.username || url.password) {
    const userInfo = url.password ? `${url.username}:${url.password}` : url.username;
    const [username, password] = decodeURIComponent(userInfo).split(':');
    options.username = username;
    options.password = password;
  }
  if (options.username && options.password !== undefined) {
    const credentials = Buffer.from([options.username, options.password].join(':'));
    headers.Authorization = `Basic ${credentials.toString('base64')}`;
  } else if (options.accessToken) {
    headers.Authorization = `Bearer ${options.accessToken}`;
  }
}

/**
 * restler's body rules (§3.3), applied to `options.data` itself: an object (null included)
 * becomes a form string, a string becomes bytes with a Content-Length. A Buffer, so also the
 * body of a retry, gets no Content-Length and goes out chunked; no body says `Content-Length: 0`.
 */
function prepareBody(options: RestRequestOptions, headers: http.OutgoingHttpHeaders): void {
  if (typeof options.data === 'object' && !Buffer.isBuffer(options.data)) {
    options.data = stringifyQs(options.data);
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  if (typeof options.data === 'string') {
    const bytes = Buffer.from(options.data, options.encoding || 'utf8');
    options.data = bytes;
    headers['Content-Length'] = bytes.length;
  }
  if (!options.data) headers['Content-Length'] = 0;
}

/** Opens the Node request through the module objects at call time, where msw patches them. */
function openNodeRequest(
  url: URL,
  options: RestRequestOptions,
  headers: http.OutgoingHttpHeaders,
): http.ClientRequest {
  const secure = url.protocol === 'https:';
  const target: https.RequestOptions = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || (secure ? '443' : '80'),
    path: requestPath(url, options.query),
    method: options.method,
    headers,
  };
  if (options.rejectUnauthorized !== undefined) {
    target.rejectUnauthorized = options.rejectUnauthorized;
  }
  if (options.agent !== undefined) target.agent = options.agent;
  return secure ? https.request(target) : http.request(target);
}

/** restler's _fullPath, with its quirk of putting the fragment before the query. */
function requestPath(url: URL, query: RestRequestOptions['query']): string {
  let search = url.search.slice(1);
  if (query && !search) search = typeof query === 'object' ? stringifyQs(query) : query;
  return (url.pathname || '/') + url.hash + (search ? `?${search}` : '');
}

/**
 * `qs` 1.2.0's stringify, which restler uses for form bodies and queries: nested keys as
 * `a[b]=c` (brackets percent-encoded), arrays as `a[0]=x`, null as `a=`, undefined dropped.
 */
function stringifyQs(fields: object | null): string {
  const pairs: string[] = [];
  const add = (value: unknown, prefix: string): void => {
    let scalar = value;
    if (Buffer.isBuffer(value)) scalar = value.toString();
    else if (value instanceof Date) scalar = value.toISOString();
    else if (value === null) scalar = '';
    if (typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'boolean') {
      pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(scalar)}`);
      return;
    }
    if (typeof value === 'object' || typeof value === 'function') {
      for (const [key, nested] of Object.entries(value ?? {})) add(nested, `${prefix}[${key}]`);
    }
  };
  for (const [key, value] of Object.entries(fields ?? {})) add(value, key);
  return pairs.join('&');
}

/** restler's decoders: exactly `gzip` or `deflate`; anything else passes through. */
function decompress(
  body: Buffer,
  encoding: string | undefined,
  callback: (error: Error | null, raw: Buffer) => void,
): void {
  if (encoding === 'gzip') zlib.gunzip(body, callback);
  else if (encoding === 'deflate') zlib.inflate(body, callback);
  else callback(null, body);
}

/**
 * restler's _iconv: a charset other than `UTF-8` (upper-cased, so `utf-8` too) is decoded to a
 * string, which then also skips `decoding: 'buffer'`. TextDecoder stands in for iconv-lite.
 */
function decodeCharset(body: Buffer, contentType: string | undefined): Buffer | string {
  const match = contentType ? /\bcharset=(.+)(?:;|$)/i.exec(contentType) : null;
  const charset = match?.[1]?.trim().toUpperCase();
  if (charset === undefined || charset === 'UTF-8') return body;
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return body;
  }
}

/** restler's JSON parser: empty body → null; the callback runs outside the `try` (PR #149). */
function parseJson(body: string, callback: ResultCallback): void {
  if (!body) {
    callback(null, null);
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    failure.message = `Failed to parse JSON body: ${failure.message}`;
    callback(failure, null);
    return;
  }
  callback(null, parsed);
}

/** Content types with a parser; looked up case-sensitively, as restler does. */
const matchers = new Map<string, RestParser>([['application/json', parseJson]]);

/**
 * restler's parsers.auto: the content type cut at the first `;` (and only if something follows
 * it), then an exact lookup, then for `type/vnd.a.b+sub` the shorter vendor types down to
 * `type/sub`. Without a parser the body stays a string.
 */
function parseAuto(this: RestShimResponse, body: string, callback: ResultCallback): void {
  const parser = parserFor(this.headers['content-type']);
  if (parser) parser.call(this, body, callback);
  else callback(null, body);
}

function parserFor(contentType: string | undefined): RestParser | undefined {
  if (!contentType) return undefined;
  const mime = contentType.replace(/;.+/, '');
  const exact = matchers.get(mime);
  if (exact) return exact;
  const parts = /^([\w-]+)\/vnd((?:\.(?:[\w-]+))+)\+([\w-]+)$/i.exec(mime);
  if (!parts) return undefined;
  const [, type, vendorPath = '', subtype] = parts;
  const vendors = vendorPath.slice(1).split('.');
  for (let kept = vendors.length - 1; kept >= 0; kept -= 1) {
    const candidate =
      kept > 0
        ? `${type}/vnd.${vendors.slice(0, kept).join('.')}+${subtype}`
        : `${type}/${subtype}`;
    const parser = matchers.get(candidate);
    if (parser) return parser;
  }
  return undefined;
}

export const parsers = { auto: parseAuto as RestParser, json: parseJson as RestParser };
