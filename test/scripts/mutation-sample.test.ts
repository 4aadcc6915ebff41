import { describe, expect, it } from 'vitest';
import { drawSample, scoreOf, wilsonInterval } from '../../scripts/mutate/sample';

/** The generated sample's draw and the score's interval, as docs/mutation-testing.md reads them. */

const ids = Array.from({ length: 1000 }, (_, i) => `m${i}`);

describe('the sample of generated mutants', () => {
  it('is the same for the same seed, another for another seed, without repeats', () => {
    const first = drawSample(ids, 300, 20261204);
    expect(drawSample(ids, 300, 20261204)).toEqual(first);
    expect(new Set(first).size).toBe(300);
    expect(drawSample(ids, 300, 20261205)).not.toEqual(first);
  });

  it('of n is the first n of a larger sample with the same seed', () => {
    expect(drawSample(ids, 600, 7).slice(0, 300)).toEqual(drawSample(ids, 300, 7));
  });

  it('draws every mutant about equally often', () => {
    const hits = new Map(ids.map((id) => [id, 0]));
    for (let seed = 0; seed < 200; seed += 1) {
      for (const id of drawSample(ids, 100, seed)) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    // 20 expected per mutant; a binomial(200, 0.1) stays within 3 to 40 but for a uniform draw.
    const counts = [...hits.values()];
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...counts)).toBeLessThanOrEqual(40);
  });

  it('is all of them when asked for more than there are', () => {
    expect([...drawSample(ids.slice(0, 5), 10, 1)].sort()).toEqual(ids.slice(0, 5));
  });
});

describe("the score's 95 % Wilson interval", () => {
  it('matches the textbook values, rounded outwards', () => {
    expect(wilsonInterval(270, 300)).toEqual([0.8608, 0.9291]);
    expect(wilsonInterval(100, 100)).toEqual([0.963, 1]);
    expect(wilsonInterval(0, 10)).toEqual([0, 0.2776]);
  });

  it('counts the score over the non-equivalent mutants', () => {
    expect(scoreOf(300, 261, 10)).toEqual({
      size: 300,
      killed: 261,
      equivalent: 10,
      score: 0.9,
      interval: wilsonInterval(261, 290),
    });
  });
});
