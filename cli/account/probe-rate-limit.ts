import { DEFAULT_OPTIONS } from '../../src/options';
import type { Connection, RawAnswer, Timer } from './connection';

/**
 * `check --probe-rate-limit`: what kind of limiter guards the account, learnt from at most 30
 * `GET /me` in a few seconds (read-only; the tools' pacing is bypassed on purpose, since the point
 * is to be refused).
 *
 * GoTo documents 10 requests per second and nothing about how refused requests count. A first
 * burst fills the window; half a second later a second burst is refused (a run of refusals);
 * 1.2 s after the first, when the requests it let through have left any one-second window, one
 * request asks the question: a limiter that does not count refusals serves it (`lenient`), one
 * that counts them is still full of the second burst and refuses it (`strict`). A last request
 * after a quiet second and a half tells a strict limiter from one that is busy for another
 * reason. Anything else, and a first burst that is not refused at all, is `unknown`.
 */

export type LimiterKind = 'lenient' | 'strict' | 'unknown';

export interface ProbeReport {
  kind: LimiterKind;
  /** `GET /me` sent, at most MAX_REQUESTS. */
  requests: number;
  refused: number;
  /** The `Retry-After` of the 429s, as sent; null when none carried one. */
  retryAfter: string | null;
  /** Names of the rate-limit headers the 429s carried (`X-RateLimit-*`, `RateLimit-*`). */
  rateLimitHeaders: string[];
  /** The build option to choose for assigning many users at once under this limiter. */
  retryBudgetSeconds: number;
  /** What was seen, what it means for a bulk assignment, and what to build with. */
  message: string;
}

export const MAX_REQUESTS = 30;
const FIRST_BURST = 15;
const SECOND_BURST = 10;
/** Enough for the check's own reads, paced below the limit, to leave the window. */
const QUIET_MS = 1500;
const SECOND_BURST_AFTER_MS = 500;
const QUESTION_AFTER_MS = 1200;

/** Figures of the benchmark (docs/performance.md, section 6) for the back-off in src/goto/backoff.ts. */
const LENIENT_MEANS =
  'refused requests cost nothing, so a group assigned at once finishes close to the 2 calls per new user at 10 per second (200 users in about a minute), and the default retryBudgetSeconds of 240 covers about 750 new users at once';
const STRICT_MEANS =
  'refused requests use up the allowance, so while many runs wait the account stays full until the back-off has slowed them below 10 per second: 100 users assigned at once take about 2 minutes, 200 about 3; the default retryBudgetSeconds of 240 covers about 275 new users at once; for up to 500, build with --retry-budget-seconds 450 if your host lets a run last 8 minutes, or assign in groups of at most 200';
const UNKNOWN_MEANS =
  'build with the default retryBudgetSeconds of 240 and assign in groups of at most 200 users, which hold under either kind of limiter';
export const STRICT_BUDGET_SECONDS = 450;

export async function probeRateLimit(connection: Connection, timer: Timer): Promise<ProbeReport> {
  const answers: RawAnswer[] = [];
  const send = async (count: number) => {
    const batch = await connection.burst('/me', count);
    answers.push(...batch);
    return batch;
  };
  await timer.sleep(QUIET_MS);
  const first = await send(FIRST_BURST);
  const firstAt = timer.now();
  const judge = (kind: LimiterKind, seen: string) => report(kind, seen, answers);
  if (first.some(failed)) {
    return judge(
      'unknown',
      `of ${FIRST_BURST} requests at once, some got no answer or an error other than 429 (${statuses(first)})`,
    );
  }
  if (!first.some(refused)) {
    return judge(
      'unknown',
      `${FIRST_BURST} requests at once were all served: this account allows more than GoTo documents, or counts over a longer time`,
    );
  }
  await timer.sleep(SECOND_BURST_AFTER_MS);
  const second = await send(SECOND_BURST);
  if (second.some(failed) || !second.some(refused)) {
    return judge(
      'unknown',
      `a second burst half a second after the first was not refused as a one-second window would (${statuses(second)})`,
    );
  }
  await timer.sleep(Math.max(0, firstAt + QUESTION_AFTER_MS - timer.now()));
  const [question] = await send(1);
  if (question && question.status === 200) {
    return judge(
      'lenient',
      'a request 1.2 s after the first burst was served although the second burst had just been refused',
    );
  }
  if (!question || !refused(question)) {
    return judge(
      'unknown',
      `the request after the refusals got ${question?.status ?? 'no answer'}`,
    );
  }
  await timer.sleep(QUIET_MS);
  const [last] = await send(1);
  if (last && last.status === 200) {
    return judge(
      'strict',
      'a request 1.2 s after the first burst was refused because the second burst, refused too, was still counted; after a quiet second and a half the next one was served',
    );
  }
  return judge(
    'unknown',
    'requests stayed refused even after a quiet second and a half: something else is using the allowance (an onboarding under way?), or the window is longer than a second',
  );
}

function report(kind: LimiterKind, seen: string, answers: RawAnswer[]): ProbeReport {
  const rejected = answers.filter(refused);
  const retryAfter = rejected.map((answer) => answer.headers['retry-after']).find(Boolean) ?? null;
  const rateLimitHeaders = [
    ...new Set(
      rejected.flatMap((answer) =>
        Object.keys(answer.headers).filter((name) => /^(x-)?ratelimit/.test(name)),
      ),
    ),
  ].sort();
  const waits =
    retryAfter === null ? undefined : `Retry-After: ${retryAfter}, which the scripts wait at least`;
  const extra =
    rateLimitHeaders.length === 0
      ? undefined
      : `${rateLimitHeaders.join(', ')}, which the scripts do not read`;
  const headers =
    waits === undefined && extra === undefined
      ? 'The 429s carry neither Retry-After nor rate-limit headers, as GoTo documents.'
      : waits === undefined
        ? `The 429s carry no Retry-After; they carry ${extra}.`
        : `The 429s carry ${waits}, and ${extra ?? 'no rate-limit headers'}.`;
  const means =
    kind === 'lenient' ? LENIENT_MEANS : kind === 'strict' ? STRICT_MEANS : UNKNOWN_MEANS;
  const budget = kind === 'strict' ? STRICT_BUDGET_SECONDS : DEFAULT_OPTIONS.retryBudgetSeconds;
  return {
    kind,
    requests: answers.length,
    refused: rejected.length,
    retryAfter,
    rateLimitHeaders,
    retryBudgetSeconds: budget,
    message: `${kind}: ${seen}. For assigning many users at once: ${means}. ${headers}`,
  };
}

const refused = (answer: RawAnswer) => answer.status === 429;
const failed = (answer: RawAnswer) => answer.status !== 200 && answer.status !== 429;
const statuses = (batch: RawAnswer[]) => batch.map((answer) => answer.status ?? 'none').join(', ');
