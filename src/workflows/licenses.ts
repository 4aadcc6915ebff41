import type { GotoApi } from '../goto/client';
import type { LicenseReply } from '../goto/licenses';
import type { Run } from './run';

/** What both workflows add to a license change's message. */

/** Said when GoTo refused the comma-joined path and each key went in a call of its own. */
export function oneKeyNote(api: GotoApi): string {
  return api.oneKeyPerCall
    ? ' GoTo refused several license keys in one call, so each key was sent on its own.'
    : '';
}

/**
 * A change that failed after some keys went through one by one: the failure stands, and says
 * which keys were changed, so that the result shows them and a second run finishes the rest.
 */
export function failPartly(
  run: Run,
  reply: Extract<LicenseReply, { ok: false }>,
  userKey: string,
  done: string,
): void {
  if (reply.changed.length === 0) {
    run.fail(reply.failure, { userKey });
    return;
  }
  run.fail(
    {
      code: reply.failure.code,
      message: `${reply.failure.message} Licenses ${reply.changed.join(', ')} were ${done} before that, each in its own call; run the workflow again to finish.`,
    },
    { userKey, licenseKeys: reply.changed },
  );
}
