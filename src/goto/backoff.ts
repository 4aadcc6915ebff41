/**
 * How long a run waits before re-sending a request, and when it stops waiting.
 *
 * Many runs may start at the same instant (an app assigned to a whole group starts one run per
 * user) against GoTo's 10 requests per second per account, and GoTo sends no Retry-After. A fixed
 * schedule would make every refused run come back in the same instant and be refused again, so
 * each wait is drawn at random between a small floor and a ceiling that doubles with each retry
 * of the request, up to a cap ("full jitter"). What bounds the retries is a time budget per run:
 * the sum of the waits the run asks for, not a wall clock, since the script cannot measure the
 * host's timer and the sum is what the host will be asked to hold the run for.
 *
 * `Math.random`, read here and nowhere else in the scripts, is the only randomness: a test host
 * replaces it in the script's realm with a seeded generator.
 */

/** The ceiling of the first wait of a request; doubled with each further retry of it. */
export const FIRST_CEILING_MS = 1000;
/**
 * No single wait is drawn above this: low enough that the runs still waiting when a burst
 * thins out come back soon (the tail of a bulk assignment), high enough that hundreds of waiting
 * runs do not flood the account with refused requests.
 */
export const MAX_CEILING_MS = 10_000;
/** No wait is shorter: bounds the number of retries a budget allows, whatever the draws. */
export const MIN_WAIT_MS = 100;

export interface WaitPlan {
  /** Retries of this request so far. */
  retries: number;
  /** What the run has waited so far, all its requests together. */
  waitedMs: number;
  budgetMs: number;
  /** GoTo's Retry-After, a floor for this wait. */
  retryAfterSeconds?: number;
}

export type Wait = { kind: 'wait'; ms: number } | { kind: 'give-up'; retryAfterTooLong: boolean };

/**
 * The next wait: random below the ceiling, at least Retry-After, and cut to what is left of the
 * budget so that the budget is used up by a last attempt rather than left over. A Retry-After
 * beyond what is left ends the retries: re-sending sooner would only be refused again.
 */
export function nextWait(plan: WaitPlan, random: () => number = Math.random): Wait {
  const remaining = plan.budgetMs - plan.waitedMs;
  const floor = plan.retryAfterSeconds === undefined ? 0 : plan.retryAfterSeconds * 1000;
  if (floor > remaining) return { kind: 'give-up', retryAfterTooLong: true };
  if (remaining < MIN_WAIT_MS) return { kind: 'give-up', retryAfterTooLong: false };
  const ceiling = Math.min(MAX_CEILING_MS, FIRST_CEILING_MS * Math.pow(2, plan.retries));
  const jittered = MIN_WAIT_MS + Math.floor(random() * (ceiling - MIN_WAIT_MS));
  return { kind: 'wait', ms: Math.min(remaining, Math.max(floor, jittered)) };
}
