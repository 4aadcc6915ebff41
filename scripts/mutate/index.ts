import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bold, dim, red } from '../../cli/shared/terminal';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../../cli/shared/usage';
import { MUTATIONS } from './catalog';
import { applyMutation, catalogProblems } from './check';
import { applyGenerated, type GeneratedMutant, generateAll } from './generate';
import { EQUIVALENTS } from './judged';
import { PROGRESS, REPORT } from './paths';
import { endProgress, keepProgress, progressOf, type Recorded } from './progress';
import {
  type GeneratedPlanted,
  type HandPlanted,
  printGeneratedSummary,
  printHandSummary,
  writeGeneratedReport,
  writeHandReport,
} from './report';
import { baseline, type Learned, type Outcome, runAll } from './runner';
import { drawSample } from './sample';
import { type Planted, stopAll, Workspace } from './workspace';

/**
 * The mutation run (`npm run mutate`, scripts/mutate/command.ts): plants each mutant in a private
 * copy of the repository, rebuilds the scripts there and runs the tests against them. A mutant
 * is killed when a test fails (or the build refuses it, or the tests time out), and survives
 * when the whole suite passes. The mutants are the hand catalog's, or generated from src/ by
 * operator (all, or a seeded random sample). How to read and extend it: docs/mutation-testing.md.
 */

export interface MutateFlags {
  only?: string;
  tests?: string;
  jobs?: string;
  report?: string;
  generated?: boolean;
  sample?: string;
  seed?: string;
  survivors?: boolean;
  resume?: boolean;
  list?: boolean;
  hints?: string;
}

interface Invocation {
  only: string[] | undefined;
  /** Test files to run instead of the whole suite (while writing a test for a survivor). */
  tests: string[];
  jobs: number;
  /** Generated mutants rather than the hand catalog; `sample` when a sample of them. */
  generated: boolean;
  sample: { size: number; seed: number } | undefined;
  survivors: boolean;
  resume: boolean;
  list: boolean;
  report: string | undefined;
  /** Per mutant id, a test file expected to kill it: tried first. */
  hints: Map<string, string>;
}

function wholeNumber(text: string | undefined, flag: string, least: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < least) {
    throw new UsageError(`${flag} takes a whole number >= ${least}`);
  }
  return value;
}

function readInvocation(values: MutateFlags): Invocation {
  const jobs = wholeNumber(values.jobs, '--jobs', 1) ?? Math.min(2, cpus().length);
  const size = wholeNumber(values.sample, '--sample', 1);
  let seed = wholeNumber(values.seed, '--seed', 0);
  if (seed !== undefined && size === undefined) throw new UsageError('--seed goes with --sample');
  if (values.survivors && (size === undefined || seed === undefined)) {
    throw new UsageError("--survivors goes with the --sample and --seed of the report's sample");
  }
  if (size !== undefined && seed === undefined) seed = Date.now() % 2_147_483_648;
  if (values.resume && values.survivors)
    throw new UsageError('--resume and --survivors exclude each other');
  const generated = Boolean(values.generated || size !== undefined || values.list || values.resume);
  const only = values.only?.split(',').map((id) => id.trim());
  if (!generated) {
    const unknown = (only ?? []).filter((id) => !MUTATIONS.some((m) => m.id === id));
    if (unknown.length > 0) throw new UsageError(`no mutation with id ${unknown.join(', ')}`);
  }
  const tests = values.tests?.split(',').map((file) => file.trim()) ?? [];
  // A partial run would replace the committed report with a part of it: only when asked to.
  const partial = only !== undefined || tests.length > 0;
  return {
    only,
    tests,
    jobs,
    generated,
    sample: size === undefined ? undefined : { size, seed: seed as number },
    survivors: Boolean(values.survivors),
    resume: Boolean(values.resume),
    list: Boolean(values.list),
    report: values.report ?? (partial ? undefined : REPORT),
    hints: values.hints === undefined ? new Map() : readHints(values.hints),
  };
}

/** `{ "<mutant id>": "test/…/x.test.ts" }`: only the order of the test files depends on it. */
function readHints(path: string): Map<string, string> {
  const allowed = 'a JSON object of mutant ids to test files';
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `--hints ${path} cannot be read as JSON (${(error as Error).message}); it takes ${allowed}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--hints ${path} is not ${allowed}`);
  }
  const entries = Object.entries(parsed);
  const wrong = entries.find(
    ([, file]) => typeof file !== 'string' || !/^test\/.+\.test\.ts$/.test(file),
  );
  if (wrong) {
    throw new UsageError(
      `--hints ${path}: ${wrong[0]} names ${JSON.stringify(wrong[1])}, not a test file; it takes ${allowed}`,
    );
  }
  return new Map(entries as [string, string][]);
}

export async function runMutation(flags: MutateFlags): Promise<number> {
  const invocation = readInvocation(flags);
  const repo = process.cwd();
  if (!invocation.generated) return runHand(invocation, repo);
  return runGenerated(invocation, repo);
}

async function runHand(invocation: Invocation, repo: string): Promise<number> {
  const problems = catalogProblems(MUTATIONS, repo);
  if (problems.length > 0) {
    for (const problem of problems) console.error(red(`catalog: ${problem}`));
    return EXIT_FAILED;
  }
  const chosen: HandPlanted[] = MUTATIONS.filter(
    (m) => invocation.only === undefined || invocation.only.includes(m.id),
  ).map((mutation) => ({
    id: mutation.id,
    file: mutation.file,
    description: mutation.description,
    mutation,
    mutate: (source) => applyMutation(source, mutation),
  }));
  const started = Date.now();
  const outcomes = await inCopies(repo, invocation, chosen, 'mutations');
  printHandSummary(outcomes, Math.round((Date.now() - started) / 1000));
  if (invocation.report) {
    writeHandReport(invocation.report, outcomes);
    console.log(dim(`report written to ${invocation.report}`));
  }
  return EXIT_OK;
}

async function runGenerated(invocation: Invocation, repo: string): Promise<number> {
  const all = generateAll(repo);
  const sample = invocation.sample;
  let chosen = sample ? drawSample(all, sample.size, sample.seed) : all;
  const drawn = sample ? { seed: sample.seed, population: all.length } : undefined;
  if (sample) {
    console.log(dim(`a sample of ${chosen.length} of ${all.length} mutants, seed ${sample.seed}`));
  }
  if (invocation.only) {
    const unknown = invocation.only.filter((id) => !chosen.some((m) => m.id === id));
    if (unknown.length > 0) {
      throw new UsageError(
        `no generated mutant with id ${unknown.join(', ')}${sample ? ' in this sample' : ''}`,
      );
    }
    chosen = chosen.filter((m) => invocation.only?.includes(m.id));
  }
  if (invocation.list) {
    for (const mutant of chosen) console.log(`${mutant.id}  ${mutant.file} ${mutant.description}`);
    console.log(bold(`${chosen.length} mutants`));
    return EXIT_OK;
  }
  // Outcomes this run need not repeat: the sample's kills (--survivors), or what an interrupted
  // run of the same mutants had done (--resume).
  const run = `${sample ? `sample ${sample.seed}` : 'generated'}: ${chosen.map((m) => m.id).join(',')}`;
  const known = invocation.survivors
    ? killedInSample(invocation, chosen)
    : invocation.resume
      ? progressOf(PROGRESS, run)
      : new Map<string, Recorded>();
  if (known.size > 0) console.log(dim(`${known.size} outcomes taken over, not run again`));
  // Mutants judged equivalent run last: each costs a whole suite to confirm it survives, and an
  // interrupted run has then spent its time on the mutants whose outcome is not yet known.
  const judgedLast = [
    ...chosen.filter((m) => !(m.id in EQUIVALENTS)),
    ...chosen.filter((m) => m.id in EQUIVALENTS),
  ];
  const planted = judgedLast.filter((m) => !known.has(m.id)).map(plantGenerated);
  const started = Date.now();
  const ran =
    planted.length === 0
      ? []
      : await inCopies(
          repo,
          invocation,
          planted,
          'generated mutants',
          // A partial run (--only, --tests) leaves the report alone, and so the progress too.
          (outcome) => {
            if (!invocation.report) return;
            keepProgress(PROGRESS, run, {
              id: outcome.mutant.id,
              killed: outcome.killed,
              killedBy: outcome.killedBy,
              ...(outcome.timedOut ? { timedOut: true } : {}),
            });
          },
          // The outcomes taken over still teach which test files kill which module's mutants.
          chosen.flatMap((m) => {
            const before = known.get(m.id);
            return before ? [{ file: m.file, killedBy: before.killedBy }] : [];
          }),
        );
  const outcomes = chosen.map(
    (mutant) => ran.find((o) => o.mutant.id === mutant.id) ?? takenOver(mutant, known),
  );
  printGeneratedSummary(outcomes, Math.round((Date.now() - started) / 1000), drawn);
  if (invocation.report) {
    writeGeneratedReport(invocation.report, outcomes, drawn);
    endProgress(PROGRESS);
    console.log(dim(`report written to ${invocation.report}`));
  }
  return EXIT_OK;
}

function plantGenerated(generated: GeneratedMutant): GeneratedPlanted {
  return {
    id: generated.id,
    file: generated.file,
    description: generated.description,
    generated,
    mutate: (source) => applyGenerated(source, generated),
  };
}

function takenOver(
  mutant: GeneratedMutant,
  known: Map<string, Recorded>,
): Outcome<GeneratedPlanted> {
  const before = known.get(mutant.id) as Recorded;
  return {
    mutant: plantGenerated(mutant),
    killed: before.killed,
    killedBy: before.killedBy,
    timedOut: Boolean(before.timedOut),
    seconds: 0,
  };
}

/** The committed sample's kills, when it is the same sample of the same mutants. */
function killedInSample(invocation: Invocation, chosen: GeneratedMutant[]): Map<string, Recorded> {
  const report = JSON.parse(readFileSync(invocation.report ?? REPORT, 'utf8')) as {
    sample?: { seed: number; mutants: Recorded[] };
  };
  const sample = report.sample;
  const ids = chosen.map((m) => m.id).join(',');
  if (
    sample === undefined ||
    sample.seed !== invocation.sample?.seed ||
    sample.mutants.map((m) => m.id).join(',') !== ids
  ) {
    throw new UsageError(
      '--survivors needs the report to hold this very sample: same seed, size and mutants (src/ has changed since, or the sample differs); run the whole sample again',
    );
  }
  return new Map(sample.mutants.filter((m) => m.killed).map((m) => [m.id, m]));
}

/** Runs the mutants in `jobs` copies of the repository, after the unmutated baseline. */
async function inCopies<P extends Planted>(
  repo: string,
  invocation: Invocation,
  mutants: P[],
  what: string,
  onOutcome?: (outcome: Outcome<P>) => void,
  learned?: Learned[],
): Promise<Outcome<P>[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'mutate-'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopAll();
      rmSync(scratch, { recursive: true, force: true });
      process.exit(EXIT_FAILED);
    });
  }
  try {
    console.log(bold(`Mutation run: ${mutants.length} ${what}, ${invocation.jobs} copies`));
    const copies = Array.from({ length: invocation.jobs }, (_, i) =>
      Workspace.create(repo, join(scratch, `copy-${i + 1}`)),
    );
    const phases = await baseline(copies[0] as Workspace, repo, scratch, invocation.tests);
    console.log(
      dim(`first ${phases.quick.length} quick test files, then ${phases.rest.length} more\n`),
    );
    return await runAll(copies, mutants, phases, scratch, onOutcome, learned, invocation.hints);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
