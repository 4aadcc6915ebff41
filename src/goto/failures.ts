import { isRecord } from '../common/values';
import type { Failure } from '../host/result';
import { type Answer, isGatewayStatus } from './transport';

/**
 * Turns an answer that is not the success a call expects into the failure an administrator reads:
 * the result's error code and one sentence on what happened and what to do. `forbidden` replaces
 * the explanation of a 403 where the call gives it another meaning.
 */
export function failureOf(answer: Answer, doing: string, forbidden?: string): Failure {
  if (answer.kind === 'no-response') {
    return {
      code: 'network-error',
      message: `GoTo did not answer (${answer.error}) while ${doing}${afterRetries(answer.retries)}; check the network path to the GoTo API and run the workflow again.`,
    };
  }
  const status = answer.status;
  const detail = errorDetail(answer);
  if (status === 401) {
    return {
      code: 'unauthorized',
      message: `GoTo rejected the access token (401${detail}) while ${doing}: it has expired or lacks the Admin Center (identity:) scope; reconnect the app's OAuth configuration.`,
    };
  }
  if (status === 403) {
    return {
      code: 'forbidden',
      message: `GoTo refused the request (403${detail}) while ${doing}: ${forbidden || 'the connected GoTo admin lacks the right to manage users and licenses, or the account key is not theirs'}.`,
    };
  }
  if (status === 429) {
    const wait = answer.retryAfterTooLong ? ` and asked to wait ${answer.retryAfterSeconds} s` : '';
    const waited =
      answer.retries > 0 ? ` (${Math.round(answer.waitedMs / 1000)} s waited in this run)` : '';
    return {
      code: 'rate-limited',
      message: `GoTo kept rate-limiting the requests (429${detail})${wait} while ${doing}${afterRetries(answer.retries)}${waited}; run the workflow again later.`,
    };
  }
  if (status >= 300 && status < 400) return redirected(answer, doing);
  if (status >= 400 && mentionsSeats(answer)) return noSeats(answer, doing);
  const retried = isGatewayStatus(status) ? afterRetries(answer.retries) : '';
  return {
    code: 'api-error',
    message: `GoTo answered ${status}${detail} while ${doing}${retried}.`,
  };
}

/**
 * A 3xx: the scripts follow no redirect, so the request went no further, and the failure says
 * where the answer pointed. The API does not redirect its own calls: an out-of-date base URL or
 * something between MyWorkspace and GoTo answered instead.
 */
function redirected(answer: Extract<Answer, { kind: 'response' }>, doing: string): Failure {
  const target =
    answer.redirectHost === undefined
      ? 'without saying where'
      : answer.redirectHost === ''
        ? 'to another path on the API host'
        : `to ${answer.redirectHost}`;
  return {
    code: 'api-error',
    message: `GoTo answered ${answer.status}, a redirect ${target}, while ${doing}; the scripts follow no redirect, so nothing was sent there and nothing was changed. Check the apiBaseUrl build option and what sits between MyWorkspace and the GoTo API.`,
  };
}

/** GoTo's answer read as "no free seat on the license", its code and incident kept. */
export function noSeats(answer: Answer, doing: string): Failure {
  const status = answer.kind === 'response' ? answer.status : 0;
  return {
    code: 'no-seats',
    message: `GoTo reports no free seat (${status}${errorDetail(answer)}) while ${doing}; free a seat or add seats to the license, then run the workflow again.`,
  };
}

/** A success status with a body that is not what the API documents. */
export function badResponse(answer: Answer, doing: string, expected: string): Failure {
  const status = answer.kind === 'response' ? ` (${answer.status})` : '';
  return {
    code: 'bad-response',
    message: `GoTo's answer${status} while ${doing} was not ${expected}${bodySnippet(answer)}.`,
  };
}

function afterRetries(retries: number): string {
  if (retries === 0) return '';
  return retries === 1 ? ', after 1 retry' : `, after ${retries} retries`;
}

/** `errors[0].code` and `incidentId` when the body is GoTo's error JSON, else a text snippet. */
function errorDetail(answer: Answer): string {
  const error = gotoError(answer);
  const parts: string[] = [];
  if (error.code) parts.push(`code ${error.code}`);
  if (error.incidentId) parts.push(`incident ${error.incidentId}`);
  if (parts.length > 0) return `, ${parts.join(', ')}`;
  if (answer.kind === 'response' && answer.body.kind === 'empty') return '';
  return bodySnippet(answer).replace(/^: /, ', ');
}

/** GoTo's first error entry and incident id, when the body is its error JSON `{incidentId, errors: [{code, value}]}`. */
export function gotoError(answer: Answer): { code?: string; value?: string; incidentId?: string } {
  if (answer.kind !== 'response' || answer.body.kind !== 'json' || !isRecord(answer.body.value)) {
    return {};
  }
  const body = answer.body.value;
  const found: { code?: string; value?: string; incidentId?: string } = {};
  if (typeof body.incidentId === 'string' && body.incidentId !== '') {
    found.incidentId = body.incidentId;
  }
  const errors = body.errors;
  const first = Array.isArray(errors) ? (errors[0] as unknown) : undefined;
  if (isRecord(first)) {
    if (typeof first.code === 'string') found.code = first.code;
    if (typeof first.value === 'string') found.value = first.value;
  }
  return found;
}

/** No seat error code is documented; GoTo's own sync says "out of licenses". */
function mentionsSeats(answer: Answer): boolean {
  const error = gotoError(answer);
  const said = `${error.code || ''} ${error.value || ''}`;
  return /seat|out[ ._-]?of[ ._-]?licen[cs]e/i.test(said);
}

function bodySnippet(answer: Answer): string {
  if (answer.kind !== 'response' || answer.body.kind === 'empty') return ': the body was empty';
  const text =
    answer.body.kind === 'text' ? answer.body.text : JSON.stringify(answer.body.value) || '';
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `: "${plain.length > 120 ? `${plain.slice(0, 120)}…` : plain}"`;
}
