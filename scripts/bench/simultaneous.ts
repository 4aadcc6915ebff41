import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { RateLimitMode } from '../../emulator/fake-goto';
import { runSimultaneous } from '../../emulator/simultaneous';
import { DEFAULT_OPTIONS } from '../../src/options';
import { bundleScripts } from '../build/bundle';
import { byName } from '../build/scripts';
import { outcomeLabel } from './run';

/**
 * Section 6: a whole group assigned at once. N provisioning runs start at the same instant of
 * simulated time against one account that admits 10 requests per rolling second
 * (emulator/simultaneous.ts), under both kinds of limiter: `lenient` does not count the requests
 * it refuses, `strict` does. GoTo's answer carries no Retry-After; one row per kind adds
 * `Retry-After: 1`. Besides the current script: the same script built with the longest budget
 * (what a budget would need to avoid the strict 500's losses), the script before the tiered
 * back-off (full jitter capped at 10 s, 180 s budget) and the 1.0.0 script with its fixed 1, 2,
 * 4 s back-off, both kept in scripts/bench/baseline/ for this comparison. Everything is simulated and
 * seeded: the figures repeat exactly from run to run and machine to machine.
 */

export const BASELINES = {
  'full jitter, 10 s cap': 'scripts/bench/baseline/gotomeeting-provisioning-full-jitter-10s-cap.js',
  '1.0.0': 'scripts/bench/baseline/gotomeeting-provisioning-1.0.0.js',
} as const;
const PER_SECOND = 10;
const LATENCY_MS = 50;
const SEED = 1;
/** Calls a new user needs: one lookup, one create. */
const CALLS_PER_USER = 2;
/** The longest budget the build allows: the longest wait sum it gives is what a budget needs. */
const LONGEST_BUDGET_SECONDS = 600;

export type SimultaneousScript = 'current' | 'current, 600 s budget' | keyof typeof BASELINES;

export interface SimultaneousTarget {
  maxLost: number;
  /** Last `done` ÷ floor. */
  maxRatio?: number;
  /** Calls ÷ the calls the users need. */
  maxCallsRatio?: number;
}

export interface SimultaneousCase {
  script: SimultaneousScript;
  limiter: RateLimitMode;
  runs: number;
  retryAfterSeconds?: number;
  /** Limits the case must meet; checked, and reported as met or missed. */
  target?: SimultaneousTarget;
}

export interface SimultaneousRow extends SimultaneousCase {
  /** The script's retryBudgetSeconds; none for 1.0.0, which retried 3 times whatever the wait. */
  budgetSeconds?: number;
  lost: number;
  lostBy: Record<string, number>;
  calls: number;
  /** Calls ÷ the calls the users need (2 each). */
  callsRatio: number;
  rejected: number;
  /** Simulated ms until the last run called `done`. */
  lastDoneMs: number;
  /** What the calls the users need take at the limit, ms. */
  floorMs: number;
  ratio: number;
  /** Longest sum of waits one run asked for, ms: what the retry budget must cover. */
  maxWaitedMs: number;
  targetMet?: boolean;
  wallMs: number;
}

const HOLDS = { maxLost: 0 };
const LENIENT_200 = { maxLost: 0, maxRatio: 1.3, maxCallsRatio: 6 };
const STRICT_200 = { maxLost: 0, maxCallsRatio: 6 };

export const SIMULTANEOUS_CASES: SimultaneousCase[] = [
  { script: 'current', limiter: 'lenient', runs: 50 },
  { script: 'current', limiter: 'lenient', runs: 100 },
  { script: 'current', limiter: 'lenient', runs: 200, target: LENIENT_200 },
  { script: 'current', limiter: 'lenient', runs: 500, target: HOLDS },
  { script: 'current', limiter: 'lenient', runs: 200, retryAfterSeconds: 1, target: HOLDS },
  { script: 'current', limiter: 'strict', runs: 50 },
  { script: 'current', limiter: 'strict', runs: 100, target: HOLDS },
  { script: 'current', limiter: 'strict', runs: 200, target: STRICT_200 },
  { script: 'current', limiter: 'strict', runs: 500 },
  { script: 'current', limiter: 'strict', runs: 200, retryAfterSeconds: 1, target: HOLDS },
  { script: 'current, 600 s budget', limiter: 'strict', runs: 500, target: HOLDS },
  ...(['lenient', 'strict'] as const).flatMap((limiter) =>
    [50, 100, 200, 500].map((runs) => ({
      script: 'full jitter, 10 s cap' as const,
      limiter,
      runs,
    })),
  ),
  { script: '1.0.0', limiter: 'lenient', runs: 50 },
  { script: '1.0.0', limiter: 'lenient', runs: 200 },
];

/** One line per kind of target, for the note under the table. */
export function describeTargets(cases: readonly SimultaneousCase[]): string[] {
  return cases.flatMap((scenario) => {
    const { target } = scenario;
    if (!target) return [];
    const limits = [`${target.maxLost} lost`];
    if (target.maxRatio !== undefined) limits.push(`last done <= ${target.maxRatio}x the floor`);
    if (target.maxCallsRatio !== undefined)
      limits.push(`calls <= ${target.maxCallsRatio}x the minimum`);
    const retryAfter =
      scenario.retryAfterSeconds === undefined
        ? ''
        : `, Retry-After ${scenario.retryAfterSeconds} s`;
    return [
      `${scenario.script}, ${scenario.limiter}, ${scenario.runs} users${retryAfter}: ${limits.join(', ')}`,
    ];
  });
}

export async function runSimultaneousCases(current: string): Promise<SimultaneousRow[]> {
  const longBudget = byName(
    await bundleScripts({ ...DEFAULT_OPTIONS, retryBudgetSeconds: LONGEST_BUDGET_SECONDS }),
  ).provisioning;
  const scripts: Record<SimultaneousScript, string> = {
    current,
    'current, 600 s budget': longBudget,
    'full jitter, 10 s cap': readFileSync(BASELINES['full jitter, 10 s cap'], 'utf8'),
    '1.0.0': readFileSync(BASELINES['1.0.0'], 'utf8'),
  };
  const rows: SimultaneousRow[] = [];
  for (const scenario of SIMULTANEOUS_CASES) {
    const script = scripts[scenario.script];
    const start = performance.now();
    const { runs, fake, lastDoneMs, waitedMs } = await runSimultaneous(script, {
      runs: scenario.runs,
      perSecond: PER_SECOND,
      limiter: scenario.limiter,
      latencyMs: LATENCY_MS,
      seed: SEED,
      ...(scenario.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: scenario.retryAfterSeconds }),
    });
    const wallMs = performance.now() - start;
    const lostBy: Record<string, number> = {};
    for (const run of runs) {
      const label = run.result ? outcomeLabel(run.result) : `done called ${run.doneCalls} times`;
      if (label !== 'created' || run.doneCalls !== 1) lostBy[label] = (lostBy[label] ?? 0) + 1;
    }
    const needed = scenario.runs * CALLS_PER_USER;
    const floorMs = (needed / PER_SECOND) * 1000;
    const lost = Object.values(lostBy).reduce((sum, n) => sum + n, 0);
    const calls = fake.requests.length;
    const budgetSeconds = budgetOf(script);
    const row: SimultaneousRow = {
      ...scenario,
      ...(budgetSeconds === undefined ? {} : { budgetSeconds }),
      lost,
      lostBy,
      calls,
      callsRatio: calls / needed,
      rejected: fake.requests.filter((r) => r.status === 429).length,
      lastDoneMs,
      floorMs,
      ratio: lastDoneMs / floorMs,
      maxWaitedMs: Math.max(...waitedMs),
      wallMs,
    };
    if (scenario.target) row.targetMet = meets(row, scenario.target);
    rows.push(row);
  }
  return rows;
}

function meets(row: SimultaneousRow, target: SimultaneousTarget): boolean {
  return (
    row.lost <= target.maxLost &&
    (target.maxRatio === undefined || row.ratio <= target.maxRatio) &&
    (target.maxCallsRatio === undefined || row.callsRatio <= target.maxCallsRatio)
  );
}

/** Every build names its options in its header comment. */
function budgetOf(script: string): number | undefined {
  const match = /^ \* {3}retryBudgetSeconds: (\d+)$/m.exec(script);
  return match ? Number(match[1]) : undefined;
}
