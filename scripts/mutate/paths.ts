/** Where a mutation run writes, relative to the repository. */

/** The committed results: the hand catalog's last run and the generated mutants' (report.ts). */
export const REPORT = 'docs/mutation-report.json';

/** The outcomes of the run under way, for `--resume` (progress.ts). */
export const PROGRESS = 'docs/mutation-progress.json';
