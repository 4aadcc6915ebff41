import { describe, expect, it } from 'vitest';
import { progressOn } from '../../cli/account/progress';

/** How far an apply has got: plain lines for a log, a bar on a terminal. */

describe('reconcile progress', () => {
  it('writes a line per tenth of each phase and at its end, when standard error is no terminal', () => {
    const lines: string[] = [];
    const progress = progressOn(false, (line) => lines.push(line));
    progress.phase('reclaims', 0);
    progress.phase('licenses', 34);
    for (let i = 0; i < 34; i += 1) progress.advance(1);
    progress.phase('creations', 2500);
    for (const size of [100, 100, 100, 2200]) progress.advance(size);
    progress.done();
    expect(lines).toEqual([
      ...[4, 8, 12, 16, 20, 24, 28, 32, 34].map((n) => `reconcile: licenses ${n}/34`),
      // Batches of 100 in a phase of 2,500: a line once a tenth (250) is passed.
      'reconcile: creations 300/2,500',
      'reconcile: creations 2,500/2,500',
    ]);
  });

  it('draws a bar on a terminal, and writes no lines', () => {
    let drawn = '';
    const stream = {
      isTTY: true,
      columns: 100,
      write: (chunk: string) => {
        drawn += chunk;
        return true;
      },
    } as unknown as NodeJS.WritableStream;
    const lines: string[] = [];
    const progress = progressOn(true, (line) => lines.push(line), stream);
    progress.phase('creations', 250);
    progress.advance(100);
    progress.advance(150);
    progress.done();
    expect(lines).toEqual([]);
    expect(drawn).toContain('reconcile: creations [');
    expect(drawn).toContain('] 250/250');
  });
});
