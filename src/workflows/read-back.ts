import type { Failure } from '../host/result';
import type { Run } from './run';

/**
 * A write whose answer was lost (no response, or a gateway error) may have gone through, so it
 * is never blindly repeated: the workflow reads the user back and decides again, at most `maxRetries` times. The outcome the write was after is remembered, so that a
 * read-back showing the change already made reports it rather than "unchanged".
 */
export interface ReadBack<O extends string> {
  /** The outcome of a lost write, until the workflow ends. */
  unconfirmed(): O | undefined;
  /** Reads back and decides again when the write may have gone through, else fails. */
  afterFailedWrite(reply: { failure: Failure; uncertain: boolean }, outcome: O): void;
}

export function readBack<O extends string>(run: Run, decide: () => void): ReadBack<O> {
  let count = 0;
  let pending: O | undefined;
  return {
    unconfirmed: () => pending,
    afterFailedWrite(reply, outcome) {
      if (!reply.uncertain || count >= run.options.maxRetries) {
        run.fail(reply.failure);
        return;
      }
      count += 1;
      if (pending === undefined) pending = outcome;
      decide();
    },
  };
}
