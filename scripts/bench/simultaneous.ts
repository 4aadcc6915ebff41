import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runSimultaneous } from '../../emulator/simultaneous';
import { outcomeLabel } from './run';

/**
 * Section 6: a whole group assigned at once. N provisioning runs start at the same instant of
 * simulated time against one account that admits 10 requests per rolling second
 * (emulator/simultaneous.ts), with GoTo's answer (no Retry-After) and with `Retry-After: 1`,
 * for the current script and for the 1.0.0 script with its fixed 1, 2, 4 s back-off (kept in
 * scripts/bench/baseline/ for this comparison). Everything is simulated and seeded: the figures repeat
 * exactly from run to run and machine to machine.
 */

export const BASELINE_FILE = 'scripts/bench/baseline/gotomeeting-provisioning-1.0.0.js';
const PER_SECOND = 10;
const LATENCY_MS = 50;
const SEED = 1;
/** Calls a new user needs: one lookup, one create. */
const CALLS_PER_USER = 2;

export interface SimultaneousCase {
  script: 'current' | '1.0.0';
  runs: number;
  retryAfterSeconds?: number;
  /** Limits the case must meet; checked, and reported as met or missed. */
  target?: { maxLost: number; maxRatio?: number };
}

export interface SimultaneousRow extends SimultaneousCase {
  lost: number;
  lostBy: Record<string, number>;
  calls: number;
  rejected: number;
  /** Simulated ms until the last run called `done`. */
  lastDoneMs: number;
  /** What the calls a new user needs take at the limit, ms. */
  floorMs: number;
  ratio: number;
  /** Longest sum of waits one run asked for, ms: what the retry budget must cover. */
  maxWaitedMs: number;
  targetMet?: boolean;
  wallMs: number;
}

export const SIMULTANEOUS_CASES: SimultaneousCase[] = [
  { script: 'current', runs: 50 },
  { script: 'current', runs: 100 },
  { script: 'current', runs: 200, target: { maxLost: 0, maxRatio: 1.5 } },
  { script: 'current', runs: 500, target: { maxLost: 0 } },
  { script: 'current', runs: 200, retryAfterSeconds: 1, target: { maxLost: 0 } },
  { script: '1.0.0', runs: 50 },
  { script: '1.0.0', runs: 200 },
];

export async function runSimultaneousCases(current: string): Promise<SimultaneousRow[]> {
  const baseline = readFileSync(BASELINE_FILE, 'utf8');
  const rows: SimultaneousRow[] = [];
  for (const scenario of SIMULTANEOUS_CASES) {
    const start = performance.now();
    const { runs, fake, lastDoneMs, waitedMs } = await runSimultaneous(
      scenario.script === 'current' ? current : baseline,
      {
        runs: scenario.runs,
        perSecond: PER_SECOND,
        latencyMs: LATENCY_MS,
        seed: SEED,
        ...(scenario.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: scenario.retryAfterSeconds }),
      },
    );
    const wallMs = performance.now() - start;
    const lostBy: Record<string, number> = {};
    for (const run of runs) {
      const label = run.result ? outcomeLabel(run.result) : `done called ${run.doneCalls} times`;
      if (label !== 'created' || run.doneCalls !== 1) lostBy[label] = (lostBy[label] ?? 0) + 1;
    }
    const floorMs = ((scenario.runs * CALLS_PER_USER) / PER_SECOND) * 1000;
    const lost = Object.values(lostBy).reduce((sum, n) => sum + n, 0);
    const ratio = lastDoneMs / floorMs;
    const row: SimultaneousRow = {
      ...scenario,
      lost,
      lostBy,
      calls: fake.requests.length,
      rejected: fake.requests.filter((r) => r.status === 429).length,
      lastDoneMs,
      floorMs,
      ratio,
      maxWaitedMs: Math.max(...waitedMs),
      wallMs,
    };
    if (scenario.target) {
      row.targetMet =
        lost <= scenario.target.maxLost &&
        (scenario.target.maxRatio === undefined || ratio <= scenario.target.maxRatio);
    }
    rows.push(row);
  }
  return rows;
}
