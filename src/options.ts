import type { Workflow } from './host/result';

/**
 * The options of a script: chosen when it is built, written into the options block at its top,
 * where an administrator may change them, and checked by the script when it runs (docs/command-line.md, Build options; the README,
 * Tailoring without Node).
 */

export type DeprovisionMode = 'remove-licenses' | 'delete';

export type WelcomeEmail = 'goto-default' | 'suppress' | { subject: string; text: string };

/** Which runs are notified: only failed ones, or every run. */
export type NotifyOn = 'failures' | 'all';

/**
 * The notification's body: the result's fields as JSON; `{ "text": … }`, which Slack, Google
 * Chat and Mattermost incoming webhooks post as a message; or an Adaptive Card, which a
 * Microsoft Teams "Send webhook alerts to a channel" workflow posts.
 */
export type NotifyFormat = 'json' | 'text' | 'teams';

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
   * limit for the requests themselves (decision 0023 of docs/decisions, "A back-off that holds
   * whether or not refused requests count").
   */
  retryBudgetSeconds: number;
  /** Read calls only; writes are recorded as planned. */
  dryRun: boolean;
  apiBaseUrl: string;
  /** The GoTo account acted in, digits; `null`: the connection's `account_key`, else `GET /me`. */
  accountKey: string | null;
  /** Where a run's outcome is posted (README, Hearing about failures); `null`: nowhere. */
  notifyUrl: string | null;
  notifyOn: NotifyOn;
  notifyFormat: NotifyFormat;
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
  notifyUrl: null,
  notifyOn: 'failures',
  notifyFormat: 'json',
};

export type OptionName = keyof BuildOptions;

export const OPTION_NAMES = Object.keys(DEFAULT_OPTIONS) as OptionName[];

/**
 * The options that change each workflow, in the order its block lists them: a script's block
 * holds only these, so that no value in it is one that does nothing. A record, so that a new
 * option must say where it applies.
 */
export const APPLIES_TO: Record<OptionName, readonly Workflow[]> = {
  deprovisionMode: ['deprovision'],
  welcomeEmail: ['provision'],
  locale: ['provision'],
  maxRetries: ['provision', 'deprovision'],
  retryBudgetSeconds: ['provision', 'deprovision'],
  dryRun: ['provision', 'deprovision'],
  apiBaseUrl: ['provision', 'deprovision'],
  accountKey: ['provision', 'deprovision'],
  notifyUrl: ['provision', 'deprovision'],
  notifyOn: ['provision', 'deprovision'],
  notifyFormat: ['provision', 'deprovision'],
};

export function optionsOf(workflow: Workflow): OptionName[] {
  return OPTION_NAMES.filter((name) => APPLIES_TO[name].indexOf(workflow) >= 0);
}

/** What a script runs with: the version it was built as, and its options block, unchecked. */
export interface BuildInfo {
  version: string;
  options: unknown;
}
