/**
 * Generated mutants judged by hand, by their stable id (scripts/mutate/generate.ts). A survivor
 * counts as equivalent only when it is listed in EQUIVALENTS with the reason no input can tell it
 * from the original; a survivor that does change behaviour but is left standing is listed in
 * SURVIVORS with the reason. Both reasons go into docs/mutation-report.json. How to judge one:
 * docs/mutation-testing.md. `test/scripts/mutation-catalog.test.ts` checks that every id here
 * still names a mutant the generator makes, so a judgment cannot outlive the code it was about.
 */

export const EQUIVALENTS: Readonly<Record<string, string>> = {};

export const SURVIVORS: Readonly<Record<string, string>> = {};
