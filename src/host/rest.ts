/**
 * The host's `rest` global: the observable API of npm `restler` 3.4.0 that the scripts rely on
 * (the MyWorkspace host exposes restler to workflow scripts as `rest`). Only `complete`, `statusCode` and a body that is an object or a string
 * are assumed; `retry`, `raw` and `headers` are optional because a .NET host's shim may lack them.
 */

/** Node's IncomingMessage as restler hands it over; all but `statusCode` may be absent. */
export interface RestResponse {
  readonly statusCode: number;
  /** Lower-case header names. */
  readonly headers?: { readonly [name: string]: string | readonly string[] | undefined };
  /** The decompressed body bytes (a Buffer in restler); `String(raw)` is the exact body text. */
  readonly raw?: unknown;
}

/** Parsed JSON, the body as a string, `''`/`null` for an empty body, or an Error (cross-realm). */
export type RestResult = unknown;

export type CompleteHandler = (
  result: RestResult,
  response: RestResponse | null | undefined,
) => void;

export interface RestRequest {
  on(event: 'complete', handler: CompleteHandler): RestRequest;
  /** Re-sends the same request after `ms` milliseconds on the host's timer; listeners are kept. */
  retry?(ms: number): void;
}

export interface RestOptions {
  headers?: { [name: string]: string };
  /** Always a JSON string: an object would be sent as a form body. */
  data?: string;
  /**
   * Always `false`: restler follows 301, 302, 303 and 307 by default and re-sends the same
   * headers, the token included, to whatever host the `Location` names.
   */
  followRedirects?: boolean;
}

export interface Rest {
  get(url: string, options?: RestOptions): RestRequest;
  post(url: string, options?: RestOptions): RestRequest;
  del(url: string, options?: RestOptions): RestRequest;
}
