import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * A stand-in for `Math.random` that a test host installs in the script's realm: the same seed
 * gives the same waits, so a test or a benchmark on the built scripts reproduces exactly.
 */
export function seededRandom(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}
