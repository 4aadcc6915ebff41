import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * What a run of generated mutants has done so far, written after every mutant to
 * docs/mutation-progress.json, so that a run of hours that is interrupted goes on where it
 * stopped (`--resume`) rather than from the start. It is committed: a sample of 300 takes hours
 * on two cores, more than one sitting, and a fresh checkout on another machine or day resumes
 * it. Only a run of the same mutants picks it up; a completed run removes it, its outcomes being
 * in the report by then.
 */

export interface Recorded {
  id: string;
  killed: boolean;
  killedBy: string[];
  timedOut?: boolean;
}

interface Progress {
  /** Which run: the mode, the seed and the mutants' ids. */
  run: string;
  outcomes: Recorded[];
}

function read(path: string): Progress | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Progress;
  } catch {
    return undefined;
  }
}

/** The outcomes recorded for this run, by id; empty when the file is of another run. */
export function progressOf(path: string, run: string): Map<string, Recorded> {
  const progress = read(path);
  return new Map(progress?.run === run ? progress.outcomes.map((o) => [o.id, o]) : []);
}

/** Adds one outcome; starts the file afresh when it held another run. */
export function keepProgress(path: string, run: string, outcome: Recorded): void {
  const progress = read(path);
  const outcomes = progress?.run === run ? progress.outcomes : [];
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ run, outcomes: [...outcomes, outcome] }, null, 2)}\n`);
}

/** The run completed and its report is written: nothing is left to resume. */
export function endProgress(path: string): void {
  rmSync(path, { force: true });
}
