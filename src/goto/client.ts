import type { Failure } from '../host/result';
import { failureOf } from './failures';
import { type Answer, type ApiRequest, isGatewayStatus, type Transport } from './transport';

/**
 * What every GoTo Admin API call shares, callback style (no Promise in the script). Each call is
 * its own exported function in its own module, so that a script bundles only the calls it makes:
 * the de-provisioning script carries no create, the provisioning script no delete.
 */

export type Reply<T> =
  | { ok: true; value: T }
  /** `uncertain`: a write got no clear answer and may have gone through; read back first. */
  | { ok: false; failure: Failure; uncertain: boolean };

export type Callback<T> = (reply: Reply<T>) => void;

/** One run's connection to one GoTo account. */
export interface GotoApi {
  transport: Transport;
  accountKey: string;
  /** Writes are recorded as planned and answered as if they succeeded. */
  dryRun: boolean;
  planned(request: ApiRequest): void;
  /** Set once GoTo refused several license keys in one path: later changes go one key a call. */
  oneKeyPerCall: boolean;
}

/** A path under the account, e.g. `/accounts/1/users`. */
export function accountPath(accountKey: string, rest: string): string {
  return `/accounts/${encodeURIComponent(accountKey)}${rest}`;
}

export function write<T>(
  api: GotoApi,
  request: ApiRequest,
  plannedValue: T,
  callback: Callback<T>,
  read: (answer: Answer) => Reply<T>,
): void {
  if (api.dryRun) {
    api.planned(request);
    callback({ ok: true, value: plannedValue });
    return;
  }
  api.transport.send(request, (answer) => callback(read(answer)));
}

export function isSuccess(answer: Answer): boolean {
  return answer.kind === 'response' && answer.status >= 200 && answer.status < 300;
}

export function jsonBody(answer: Answer): unknown {
  return answer.kind === 'response' && answer.body.kind === 'json' ? answer.body.value : null;
}

export function failed<T>(failure: Failure): Reply<T> {
  return { ok: false, failure, uncertain: false };
}

export function failedWrite<T>(answer: Answer, doing: string): Reply<T> {
  return { ok: false, failure: failureOf(answer, doing), uncertain: mayHaveGoneThrough(answer) };
}

/** No answer, or a gateway error: the write may have gone through, so it is read back. */
export function mayHaveGoneThrough(answer: Answer): boolean {
  return answer.kind === 'no-response' || isGatewayStatus(answer.status);
}
