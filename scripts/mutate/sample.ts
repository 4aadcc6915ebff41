import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * A uniform random sample of the generated mutants, and the score's confidence interval: a
 * sample of a few hundred stands for the whole set only within a margin, which the report gives.
 */

/**
 * `size` items of `all` (in the order given), each set of that size equally likely: a
 * Fisher-Yates shuffle stopped after `size` draws, from a seeded generator, so that the same
 * seed over the same mutants gives the same sample.
 */
export function drawSample<T>(all: readonly T[], size: number, seed: number): T[] {
  const pool = [...all];
  const generator = xoroshiro128plus(seed);
  const count = Math.min(size, pool.length);
  for (let i = 0; i < count; i++) {
    const j = uniformInt(generator, i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}

/** The two-sided 95 % normal quantile. */
const Z95 = 1.959963984540054;

/**
 * Wilson's score interval for `killed` of `counted`: unlike the plain p ± z·√(p(1-p)/n) it stays
 * inside [0, 1] and does not shrink to nothing when every mutant is killed. Rounded outwards to
 * four decimals, so the interval printed is never narrower than the true one.
 */
export function wilsonInterval(killed: number, counted: number): [number, number] {
  if (counted === 0) return [0, 1];
  const p = killed / counted;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * counted)) / (1 + z2 / counted);
  const half =
    (Z95 * Math.sqrt((p * (1 - p)) / counted + z2 / (4 * counted * counted))) / (1 + z2 / counted);
  const down = (x: number) => Math.max(0, Math.floor(x * 10_000) / 10_000);
  const up = (x: number) => Math.min(1, Math.ceil(x * 10_000) / 10_000);
  return [down(centre - half), up(centre + half)];
}

export interface Score {
  size: number;
  killed: number;
  equivalent: number;
  /** killed / (size - equivalent), four decimals; 1 when nothing counts. */
  score: number;
  interval: [number, number];
}

export function scoreOf(size: number, killed: number, equivalent: number): Score {
  const counted = size - equivalent;
  return {
    size,
    killed,
    equivalent,
    score: counted === 0 ? 1 : Math.round((killed / counted) * 10_000) / 10_000,
    interval: wilsonInterval(killed, counted),
  };
}
