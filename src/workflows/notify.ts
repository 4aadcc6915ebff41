import type { Rest, RestRequest, RestResponse } from '../host/rest';
import type { NotificationRecord } from '../host/result';

/**
 * One POST of a notification to a webhook, which must never hurt the run: whatever the webhook
 * does, `sent` is called exactly once, with what happened. The script has no timer, so the wait
 * is bounded by restler's own `timeout` option, whose `timeout` event fires instead of
 * `complete`. A network error is retried once, after a second (a webhook outside the API is
 * the likelier to drop a connection); a timeout is not, since restler keeps a timed-out request
 * aborted and would swallow a later failure, leaving the run waiting. A redirect is an answer,
 * never followed: the body would go to a host nobody chose.
 */

/** Long enough for a chat service's webhook, short enough not to hold the workflow. */
export const NOTIFY_TIMEOUT_MS = 5000;
const RETRY_WAIT_MS = 1000;

export function sendNotification(
  rest: Rest,
  url: string,
  body: string,
  sent: (record: NotificationRecord) => void,
): void {
  let attempts = 1;
  let finished = false;
  const finish = (status: number | null, failure?: NotificationRecord['failure']) => {
    if (finished) return;
    finished = true;
    const record: NotificationRecord = {
      to: originOf(url),
      status,
      delivered: status !== null && status >= 200 && status < 300,
      attempts,
    };
    if (failure) record.failure = failure;
    sent(record);
  };
  try {
    const request: RestRequest = rest.post(url, {
      headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
      data: body,
      timeout: NOTIFY_TIMEOUT_MS,
      followRedirects: false,
    });
    /** The last `complete` seen: a second one for the same attempt (restler #155) is no answer. */
    let last: unknown;
    request.on('complete', (result, response) => {
      try {
        if (finished || result === last || (result === null && !response)) return;
        last = result;
        const status = statusOf(response);
        if (status === null && attempts === 1 && typeof request.retry === 'function') {
          attempts = 2;
          request.retry(RETRY_WAIT_MS);
          return;
        }
        finish(status, status === null ? 'network-error' : undefined);
      } catch (_) {
        finish(null, 'network-error');
      }
    });
    request.on('timeout', () => finish(null, 'timeout'));
  } catch (_) {
    finish(null, 'network-error');
  }
}

function statusOf(response: RestResponse | null | undefined): number | null {
  return response && typeof response.statusCode === 'number' ? response.statusCode : null;
}

/** `https://host:port`: what a record may show of a webhook URL. */
export function originOf(url: string): string {
  const origin = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url);
  return origin ? origin[0] : '';
}
