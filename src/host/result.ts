/** What the scripts write to `context.ProvisioningResult` before `done`. */

export type Workflow = 'provision' | 'deprovision';

export type Outcome =
  | 'created'
  | 'licensed'
  | 'unlicensed'
  | 'deleted'
  | 'not-found'
  | 'unchanged'
  | 'skipped'
  | 'failed';

export type ErrorCode =
  | 'invalid-options'
  | 'invalid-context'
  | 'unauthorized'
  | 'forbidden'
  | 'ambiguous-user'
  | 'other-account'
  | 'no-seats'
  | 'rate-limited'
  | 'api-error'
  | 'network-error'
  | 'bad-response';

/** One HTTP attempt, or a write that a dry run only planned. */
export interface CallRecord {
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the API base URL, query included; never carries the token. */
  path: string;
  /** `null` when no response arrived (network error) or the call was only planned. */
  status: number | null;
  planned?: true;
  /**
   * A planned write's JSON body, so that a dry run shows the names, locale, welcome email and
   * license keys it would send. Never recorded for calls that were made: the result stays small.
   */
  body?: unknown;
}

/** The notification of a run (README, Hearing about failures), as it went. */
export interface NotificationRecord {
  /** Where it went: the webhook's scheme, host and port only, since its path and query often hold its secret. */
  to: string;
  /** The webhook's answer; `null` when none came. */
  status: number | null;
  /** A 2xx answer. */
  delivered: boolean;
  /** Why no answer: none within the wait (`timeout`), or the connection failed twice. */
  failure?: 'timeout' | 'network-error';
  /** 1, or 2 after a network error. */
  attempts: number;
}

export interface ProvisioningResult {
  workflow: Workflow;
  outcome: Outcome;
  ok: boolean;
  error?: ErrorCode;
  message: string;
  email: string;
  /** The GoTo account acted in, once known. */
  accountKey?: string;
  userKey?: string;
  licenseKeys?: string[];
  dryRun: boolean;
  calls: CallRecord[];
  version: string;
  /** Only when the run was to be notified. */
  notified?: NotificationRecord;
}

/** A workflow's failure before it becomes a result. */
export interface Failure {
  code: ErrorCode;
  message: string;
}
