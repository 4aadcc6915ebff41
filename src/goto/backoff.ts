/**
 * How long a run waits before re-sending a request, and when it stops waiting.
 *
 * Many runs may start at the same instant (an app assigned to a whole group starts one run per
 * user) against GoTo's 10 requests per second per account, and GoTo sends no Retry-After. A fixed
 * schedule would make every refused run come back in the same instant and be refused again, so
 * each wait is drawn at random below a ceiling. The ceiling rises with each refusal of the request
 * and does not stop at one level: a limiter that counts refused requests against its window stays
 * full for as long as the waiting runs offer more than the limit, so the runs must keep slowing
 * down until they offer less (the figures are in decision 0023 of docs/decisions, "A back-off
 * that holds whether or not refused requests count"). What bounds the retries is a time budget
 * per run: the sum of the waits the run asks for, not a wall clock, since the script cannot
 * measure the host's timer and the sum is what the host will be asked to hold the run for.
 *
 * The count is per request and nothing is shared between runs (the host gives them nothing to
 * share). `Math.random`, read here and nowhere else in the scripts, is the only randomness: a
 * test host replaces it in the script's realm with a seeded generator.
 */

export interface Tier {
  /** Retries of the request before this tier applies: 0 is the wait after its first refusal. */
  after: number;
  ceilingMs: number;
  /** The shortest wait of the tier, as a share of its ceiling. */
  floorShare: number;
}

/**
 * After a request's first three refusals, short waits drawn from the whole range, so that a lone
 * run refused by other load comes back within a second or two. After the 4th to 8th, 12 s, drawn
 * from its upper half: a hundred waiting runs or more still offer a lenient limiter more than it
 * lets through, so it never idles, and a run refused near the end of a burst is back within 12 s.
 * From the 9th refusal, which under a lenient limiter almost no request meets, the ceiling jumps
 * to 60 s, and from the 12th to 120 s: that is what lets a strict limiter empty its window. The
 * wide lower range there spreads the runs that jumped together.
 */
export const TIERS: readonly Tier[] = [
  { after: 0, ceilingMs: 1000, floorShare: 0 },
  { after: 1, ceilingMs: 3000, floorShare: 0 },
  { after: 2, ceilingMs: 9000, floorShare: 0 },
  { after: 3, ceilingMs: 12_000, floorShare: 0.5 },
  { after: 8, ceilingMs: 60_000, floorShare: 0.25 },
  { after: 11, ceilingMs: 120_000, floorShare: 0.25 },
];

/** No wait is shorter: bounds the number of retries a budget allows, whatever the draws. */
export const MIN_WAIT_MS = 100;

export interface WaitPlan {
  /** Retries of this request so far: the refusals it has had before this one. */
  retries: number;
  /** What the run has waited so far, all its requests together. */
  waitedMs: number;
  budgetMs: number;
  /** GoTo's Retry-After, a floor for this wait. */
  retryAfterSeconds?: number;
}

export type Wait = { kind: 'wait'; ms: number } | { kind: 'give-up'; retryAfterTooLong: boolean };

/** The tier of a request refused `retries` times before: the last one whose `after` it reached. */
export function tierAfter(retries: number): Tier {
  for (let i = TIERS.length - 1; i > 0; i -= 1) {
    if (retries >= (TIERS[i] as Tier).after) return TIERS[i] as Tier;
  }
  return TIERS[0] as Tier;
}

/**
 * The next wait: random within the tier, at least Retry-After, and cut to what is left of the
 * budget so that the budget is used up by a last attempt rather than left over. A Retry-After
 * beyond what is left ends the retries: re-sending sooner would only be refused again.
 */
export function nextWait(plan: WaitPlan, random: () => number = Math.random): Wait {
  const remaining = plan.budgetMs - plan.waitedMs;
  const floor = plan.retryAfterSeconds === undefined ? 0 : plan.retryAfterSeconds * 1000;
  if (floor > remaining) return { kind: 'give-up', retryAfterTooLong: true };
  if (remaining < MIN_WAIT_MS) return { kind: 'give-up', retryAfterTooLong: false };
  const tier = tierAfter(plan.retries);
  const low = Math.max(MIN_WAIT_MS, tier.ceilingMs * tier.floorShare);
  const jittered = low + Math.floor(random() * (tier.ceilingMs - low));
  return { kind: 'wait', ms: Math.min(remaining, Math.max(floor, jittered)) };
}
