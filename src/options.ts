/** Build-time options: chosen when a script is built, fixed inside it (docs/command-line.md, Build options). */

export type DeprovisionMode = 'remove-licenses' | 'delete';

export type WelcomeEmail = 'goto-default' | 'suppress' | { subject: string; text: string };

export interface BuildOptions {
  deprovisionMode: DeprovisionMode;
  welcomeEmail: WelcomeEmail;
  /** GoTo locale of new users, `ll_CC`. */
  locale: string;
  /** Retries of one request after a 502/503/504 or a network error. */
  maxRetries: number;
  /**
   * What one run may wait in all between retries, in seconds; a 429 is retried while it lasts.
   * The default covers 200 new users assigned at once under a limiter that counts refused
   * requests, and about 750 under one that does not, and leaves a minute of a five-minute host
   * limit for the requests themselves (docs/decisions/0023-backoff-for-both-limiters.md).
   */
  retryBudgetSeconds: number;
  /** Read calls only; writes are recorded as planned. */
  dryRun: boolean;
  apiBaseUrl: string;
  /** The GoTo account acted in, digits; `null`: the connection's `account_key`, else `GET /me`. */
  accountKey: string | null;
}

export const DEFAULT_OPTIONS: BuildOptions = {
  deprovisionMode: 'remove-licenses',
  welcomeEmail: 'goto-default',
  locale: 'en_US',
  maxRetries: 3,
  retryBudgetSeconds: 240,
  dryRun: false,
  apiBaseUrl: 'https://api.getgo.com/admin/rest/v1',
  accountKey: null,
};

/** What the build bakes into each script. */
export interface BuildInfo {
  version: string;
  options: BuildOptions;
}
