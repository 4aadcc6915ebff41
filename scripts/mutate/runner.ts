import { readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { dim, green, red } from '../../cli/shared/terminal';
import { PROGRESS, REPORT } from './paths';
import { type Planted, Workspace } from './workspace';

/**
 * Runs planted mutants, one at a time per copy of the repository: rebuild the scripts in the
 * copy, then the test files in phases (the files likeliest to kill: a hint's, those that killed
 * mutants of the same module before, the module's namesakes and the ones that killed most; then
 * the quickest files; then the rest, each phase with the files that killed most first), each
 * stopping at the first failing test. The same runner serves the hand catalog and the generated
 * mutants.
 */

export interface Outcome<P extends Planted = Planted> {
  mutant: P;
  killed: boolean;
  /** The first failing test ("file > test"), the build's complaint, or the timeout. */
  killedBy: string[];
  timedOut: boolean;
  seconds: number;
}

export interface Phases {
  quick: string[];
  rest: string[];
  /** Serial milliseconds of each test file in the baseline, for the phases' timeouts. */
  ms: Map<string, number>;
}

/** Where `npm test` leaves vitest's JSON report. */
const LAST_TEST_RUN = 'out/test-results.json';
const BUILD_TIMEOUT_MS = 120_000;
/** The project's test configuration, with the test files in the order the runner gives. */
const MUTATE_CONFIG = 'scripts/mutate/vitest.config.ts';
/**
 * Test files that fail by design in a mutated copy, and so are left out there: the catalog's own
 * check (its find text is gone) and the release check (the built code changed, its version did
 * not).
 */
const CATALOG_TEST = 'test/scripts/mutation-catalog.test.ts';
const RELEASE_TEST = 'test/build/release.test.ts';
const LEFT_OUT = [CATALOG_TEST, RELEASE_TEST];
/** The quickest test files, up to this share of the suite's time, run first and stop at a kill. */
const QUICK_SHARE = 0.3;
/**
 * Tried first: the file a hint names for the mutant (`--hints`), killers of earlier mutants of
 * the same module, the module's namesake test files (`src/host/context.ts`: `context.test.ts`,
 * `context-edges.test.ts`), then the most killing.
 */
const LIKELY_FILES = 5;
/**
 * A phase may take this many times its baseline time, plus a minute, before it is stopped and
 * the mutant counts as killed by the timeout (a mutant that makes the code loop): generous, so
 * that a loaded machine is not taken for a hang.
 */
const TIMEOUT_FACTOR = 4;
const TIMEOUT_MARGIN_MS = 60_000;

/**
 * The unmutated copy must build and pass the tests; their timings order the test files. A green
 * `npm test` (out/test-results.json) newer than every source and test file stands in for it.
 */
export async function baseline(
  copy: Workspace,
  repo: string,
  scratch: string,
  tests: string[],
): Promise<Phases> {
  const built = await build(copy);
  if (built !== undefined) throw new Error(`the unmutated sources do not build: ${built}`);
  if (tests.length === 0) {
    const recent = recentGreenRun(repo);
    if (recent) {
      console.log(dim(`baseline: the green test run of ${recent.when}`));
      return phasesOf(recent.report, repo, tests);
    }
  }
  const json = join(scratch, 'baseline.json');
  const run = await copy.run(
    'node_modules/.bin/vitest',
    vitestArgs(json, tests, 0),
    1_800_000,
    tests,
  );
  const report = readVitestReport(json);
  if (run.code !== 0 || report === undefined || report.numFailedTests > 0) {
    const failed = failures(copy, json, run.output);
    throw new Error(`the unmutated tests do not pass:\n  ${failed.join('\n  ')}`);
  }
  return phasesOf(report, copy.dir, tests);
}

function recentGreenRun(repo: string): { report: VitestReport; when: string } | undefined {
  const path = join(repo, LAST_TEST_RUN);
  const report = readVitestReport(path);
  if (report === undefined || report.numFailedTests > 0 || report.testResults.length === 0) {
    return undefined;
  }
  // A run of some files only (`npx vitest run <file>` writes the same report) is no baseline.
  const ranFiles = new Set(report.testResults.map((file) => relative(repo, file.name)));
  const files = Workspace.files(repo);
  if (files.some((file) => /^test\/.*\.test\.ts$/.test(file) && !ranFiles.has(file))) {
    return undefined;
  }
  const ran = statSync(path).mtimeMs;
  // The run's own outputs change between a test run and the mutation run that reuses it.
  const outputs = [REPORT, PROGRESS];
  const changed = files.some((file) => {
    if (outputs.includes(file)) return false;
    try {
      return statSync(join(repo, file)).mtimeMs > ran;
    } catch {
      return false;
    }
  });
  return changed ? undefined : { report, when: new Date(ran).toISOString() };
}

/** The quickest files, up to QUICK_SHARE of the suite's time, first; the rest after them. */
function phasesOf(report: VitestReport, root: string, tests: string[]): Phases {
  const files = report.testResults
    .map((file) => ({
      name: relative(root, file.name),
      ms: Math.max(0, (file.endTime ?? 0) - (file.startTime ?? 0)),
    }))
    .filter((file) => !LEFT_OUT.includes(file.name))
    .sort((a, b) => a.ms - b.ms);
  const ms = new Map(files.map((file) => [file.name, file.ms]));
  if (tests.length > 0) return { quick: files.map((f) => f.name), rest: [], ms };
  const total = files.reduce((sum, file) => sum + file.ms, 0);
  const quick: string[] = [];
  let spent = 0;
  for (const file of files) {
    if (spent + file.ms > total * QUICK_SHARE) break;
    quick.push(file.name);
    spent += file.ms;
  }
  return { quick, rest: files.map((f) => f.name).filter((name) => !quick.includes(name)), ms };
}

/** What an earlier run of the same mutants found: it orders this run's test files from the start. */
export interface Learned {
  file: string;
  killedBy: string[];
}

export async function runAll<P extends Planted>(
  copies: Workspace[],
  mutants: P[],
  phases: Phases,
  scratch: string,
  onOutcome: (outcome: Outcome<P>) => void = () => {},
  learned: Learned[] = [],
  hints: ReadonlyMap<string, string> = new Map(),
): Promise<Outcome<P>[]> {
  const outcomes = new Map<string, Outcome<P>>();
  /** Per source module, the test files that killed its mutants, latest first. */
  const killers = new Map<string, string[]>();
  /** How many mutants each test file killed: the files that kill most run first in each phase. */
  const kills = new Map<string, number>();
  const learn = ({ file, killedBy }: Learned) => {
    const killer = /^(test\/[^ ]+\.test\.ts)( >|:)/.exec(killedBy[0] ?? '')?.[1];
    if (killer === undefined) return;
    killers.set(file, [killer, ...(killers.get(file) ?? []).filter((f) => f !== killer)]);
    kills.set(killer, (kills.get(killer) ?? 0) + 1);
  };
  for (const earlier of learned) learn(earlier);
  const byKills = (files: string[]) =>
    [...files].sort((a, b) => (kills.get(b) ?? 0) - (kills.get(a) ?? 0));
  const testFiles = [...phases.quick, ...phases.rest];
  let next = 0;
  const worker = async (copy: Workspace) => {
    while (next < mutants.length) {
      const mutant = mutants[next] as P;
      next += 1;
      const hint = hints.get(mutant.id);
      const likely = [
        ...(hint === undefined ? [] : [hint]),
        ...(killers.get(mutant.file) ?? []),
        ...namesakes(mutant.file, testFiles),
        ...byKills([...kills.keys()]),
      ]
        .filter((file, i, all) => all.indexOf(file) === i && testFiles.includes(file))
        .slice(0, LIKELY_FILES);
      // The sort is stable: files that killed nothing yet keep the quickest-first order.
      const ordered = { ...phases, quick: byKills(phases.quick), rest: byKills(phases.rest) };
      const outcome = await test(copy, mutant, { ...ordered, likely }, scratch);
      outcomes.set(mutant.id, outcome);
      onOutcome(outcome);
      learn({ file: mutant.file, killedBy: outcome.killedBy });
      const verdict = outcome.killed ? green('killed  ') : red('survived');
      console.log(
        `${String(outcomes.size).padStart(3)}/${mutants.length} ${verdict} ${mutant.id} ${dim(`${outcome.seconds} s ${outcome.killedBy[0] ?? ''}`)}`,
      );
    }
  };
  await Promise.all(copies.map(worker));
  return mutants.map((m) => outcomes.get(m.id) as Outcome<P>);
}

/** Test files named after the module, quickest first: the tests that mirror it. */
function namesakes(module: string, testFiles: string[]): string[] {
  const name = basename(module, '.ts');
  return testFiles.filter((file) => {
    const test = basename(file, '.test.ts');
    return test === name || test.startsWith(`${name}-`);
  });
}

async function test<P extends Planted>(
  copy: Workspace,
  mutant: P,
  phases: Phases & { likely: string[] },
  scratch: string,
): Promise<Outcome<P>> {
  const started = Date.now();
  const outcome = (killedBy: string[], timedOut = false): Outcome<P> => ({
    mutant,
    killed: killedBy.length > 0,
    killedBy,
    timedOut,
    seconds: Math.round((Date.now() - started) / 1000),
  });
  copy.mutate(mutant);
  try {
    const refused = await build(copy);
    if (refused !== undefined) return outcome([`the build: ${refused}`]);
    const order = [
      phases.likely,
      phases.quick.filter((file) => !phases.likely.includes(file)),
      phases.rest.filter((file) => !phases.likely.includes(file)),
    ];
    for (const [index, files] of order.entries()) {
      if (files.length === 0) continue;
      const json = join(scratch, `${safeName(mutant.id)}-${index}.json`);
      const timeoutMs =
        TIMEOUT_FACTOR * files.reduce((sum, file) => sum + (phases.ms.get(file) ?? 0), 0) +
        TIMEOUT_MARGIN_MS;
      const run = await copy.run(
        'node_modules/.bin/vitest',
        vitestArgs(json, files, 1),
        timeoutMs,
        files,
      );
      if (run.timedOut) {
        return outcome(
          [`a timeout: ${files.length} test files ran over ${Math.round(timeoutMs / 1000)} s`],
          true,
        );
      }
      if (run.code !== 0) return outcome(failures(copy, json, run.output));
    }
    return outcome([]);
  } finally {
    copy.mutate(undefined);
  }
}

const safeName = (id: string) => id.replace(/[^A-Za-z0-9-]+/g, '_');

/** `undefined` when the build succeeded, else its first complaint. */
async function build(copy: Workspace): Promise<string | undefined> {
  const run = await copy.run('node_modules/.bin/tsx', ['cli/main.ts', 'build'], BUILD_TIMEOUT_MS);
  if (run.code === 0) return undefined;
  return run.output.trim().split('\n')[0] ?? 'no output';
}

/** `bail` 1: stop at the first failing test, one worker per copy. 0: the whole suite. */
function vitestArgs(json: string, files: string[], bail: number): string[] {
  // Generous test timeouts: a slow, shared machine must not count as a kill.
  const args = [
    'run',
    `--config=${MUTATE_CONFIG}`,
    '--reporter=json',
    `--outputFile=${json}`,
    '--testTimeout=180000',
    ...LEFT_OUT.map((file) => `--exclude=${file}`),
    ...files,
  ];
  if (bail > 0) args.push(`--bail=${bail}`, '--maxWorkers=1');
  return args;
}

interface VitestReport {
  numFailedTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    startTime?: number;
    endTime?: number;
    assertionResults: { fullName: string; status: string }[];
  }[];
}

function readVitestReport(path: string): VitestReport | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as VitestReport;
  } catch {
    return undefined;
  }
}

/** The failing tests as "file > test"; a file that failed to load counts by its error. */
function failures(copy: Workspace, json: string, output: string): string[] {
  const report = readVitestReport(json);
  const found: string[] = [];
  for (const file of report?.testResults ?? []) {
    const name = relative(copy.dir, file.name);
    for (const test of file.assertionResults) {
      if (test.status === 'failed') found.push(`${name} > ${test.fullName}`);
    }
    if (file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')) {
      found.push(`${name}: ${(file.message ?? 'failed to run').split('\n')[0]}`);
    }
  }
  if (found.length > 0) return found;
  return [`vitest failed: ${output.trim().split('\n').slice(-3).join(' ') || 'no output'}`];
}
