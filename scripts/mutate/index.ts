import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bold, dim, green, red, table } from '../../cli/shared/terminal';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../../cli/shared/usage';
import { MUTATIONS, type Mutation } from './catalog';
import { catalogProblems } from './check';
import { stopAll, Workspace } from './workspace';

/**
 * The mutation run (`npm run mutate`, scripts/mutate/command.ts): plants each mutation of the
 * catalog in a private copy of the repository, rebuilds the scripts there and runs the tests
 * against them. A mutation is killed when a test fails (or the build refuses it, or the tests
 * time out), and survives when the whole suite passes. Prints a table and the score, and writes
 * docs/mutation-report.json on a full run. How to read and extend it: docs/mutation-testing.md.
 */

const REPORT = 'docs/mutation-report.json';
/** Where `npm test` leaves vitest's JSON report. */
const LAST_TEST_RUN = 'out/test-results.json';
const BUILD_TIMEOUT_MS = 120_000;
/** A mutation that makes the tests hang is killed by the timeout, as is usual. */
const PHASE_TIMEOUT_MS = { quick: 300_000, rest: 1_200_000 } as const;
/** The project's test configuration, with the test files in the order the runner gives. */
const MUTATE_CONFIG = 'scripts/mutate/vitest.config.ts';
/** The catalog's own check fails by design in a mutated copy: its find text is gone. */
const CATALOG_TEST = 'test/scripts/mutation-catalog.test.ts';
/** The quickest test files, up to this share of the suite's time, run first and stop at a kill. */
const QUICK_SHARE = 0.3;

interface Outcome {
  mutation: Mutation;
  killed: boolean;
  killedBy: string[];
  seconds: number;
}

interface Phases {
  quick: string[];
  rest: string[];
}

interface Invocation {
  only: string[] | undefined;
  /** Test files to run instead of the whole suite (while writing a test for a survivor). */
  tests: string[];
  jobs: number;
  report: string | undefined;
}

function readInvocation(values: MutateFlags): Invocation {
  const jobs = values.jobs === undefined ? Math.min(2, cpus().length) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs takes a whole number >= 1');
  const only = values.only?.split(',').map((id) => id.trim());
  const unknown = (only ?? []).filter((id) => !MUTATIONS.some((m) => m.id === id));
  if (unknown.length > 0) throw new UsageError(`no mutation with id ${unknown.join(', ')}`);
  const tests = values.tests?.split(',').map((file) => file.trim()) ?? [];
  // A partial run would replace the committed report with a part of it: only when asked to.
  const partial = only !== undefined || tests.length > 0;
  return { only, tests, jobs, report: values.report ?? (partial ? undefined : REPORT) };
}

export interface MutateFlags {
  only?: string;
  tests?: string;
  jobs?: string;
  report?: string;
}

export async function runMutation(flags: MutateFlags): Promise<number> {
  const invocation = readInvocation(flags);
  const repo = process.cwd();
  const problems = catalogProblems(MUTATIONS, repo);
  if (problems.length > 0) {
    for (const problem of problems) console.error(red(`catalog: ${problem}`));
    return EXIT_FAILED;
  }
  const chosen = invocation.only
    ? MUTATIONS.filter((m) => invocation.only?.includes(m.id))
    : MUTATIONS;
  const started = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'mutate-'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopAll();
      rmSync(scratch, { recursive: true, force: true });
      process.exit(EXIT_FAILED);
    });
  }
  try {
    console.log(bold(`Mutation run: ${chosen.length} mutations, ${invocation.jobs} copies`));
    const copies = Array.from({ length: invocation.jobs }, (_, i) =>
      Workspace.create(repo, join(scratch, `copy-${i + 1}`)),
    );
    const first = copies[0] as Workspace;
    const phases = await baseline(first, repo, scratch, invocation.tests);
    console.log(
      dim(`first ${phases.quick.length} quick test files, then ${phases.rest.length} more\n`),
    );
    const outcomes = await runAll(copies, chosen, phases, scratch);
    const seconds = Math.round((Date.now() - started) / 1000);
    printSummary(outcomes, seconds);
    if (invocation.report) {
      writeReport(invocation.report, outcomes);
      console.log(dim(`report written to ${invocation.report}`));
    }
    return EXIT_OK;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The unmutated copy must build and pass the tests; their timings order the test files. A green
 * `npm test` (out/test-results.json) newer than every source and test file stands in for it.
 */
async function baseline(
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
  const ran = statSync(path).mtimeMs;
  const changed = Workspace.files(repo).some((file) => {
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
    .filter((file) => file.name !== CATALOG_TEST)
    .sort((a, b) => a.ms - b.ms);
  if (tests.length > 0) return { quick: files.map((f) => f.name), rest: [] };
  const total = files.reduce((sum, file) => sum + file.ms, 0);
  const quick: string[] = [];
  let spent = 0;
  for (const file of files) {
    if (spent + file.ms > total * QUICK_SHARE) break;
    quick.push(file.name);
    spent += file.ms;
  }
  return { quick, rest: files.map((f) => f.name).filter((name) => !quick.includes(name)) };
}

async function runAll(
  copies: Workspace[],
  mutations: Mutation[],
  phases: Phases,
  scratch: string,
): Promise<Outcome[]> {
  const outcomes = new Map<string, Outcome>();
  let next = 0;
  const worker = async (copy: Workspace) => {
    while (next < mutations.length) {
      const mutation = mutations[next] as Mutation;
      next += 1;
      const outcome = await test(copy, mutation, phases, scratch);
      outcomes.set(mutation.id, outcome);
      const verdict = outcome.killed ? green('killed  ') : red('survived');
      console.log(
        `${String(outcomes.size).padStart(3)}/${mutations.length} ${verdict} ${mutation.id} ${dim(`${outcome.seconds} s ${outcome.killedBy[0] ?? ''}`)}`,
      );
    }
  };
  await Promise.all(copies.map(worker));
  return mutations.map((m) => outcomes.get(m.id) as Outcome);
}

async function test(
  copy: Workspace,
  mutation: Mutation,
  phases: Phases,
  scratch: string,
): Promise<Outcome> {
  const started = Date.now();
  const outcome = (killedBy: string[]): Outcome => ({
    mutation,
    killed: killedBy.length > 0,
    killedBy,
    seconds: Math.round((Date.now() - started) / 1000),
  });
  copy.mutate(mutation);
  try {
    const refused = await build(copy);
    if (refused !== undefined) return outcome([`the build: ${refused}`]);
    for (const phase of ['quick', 'rest'] as const) {
      if (phases[phase].length === 0) continue;
      const json = join(scratch, `${mutation.id}-${phase}.json`);
      const run = await copy.run(
        'node_modules/.bin/vitest',
        vitestArgs(json, phases[phase], 1),
        PHASE_TIMEOUT_MS[phase],
        phases[phase],
      );
      if (run.timedOut) {
        return outcome([
          `a timeout: the ${phase} tests ran over ${PHASE_TIMEOUT_MS[phase] / 1000} s`,
        ]);
      }
      if (run.code !== 0) return outcome(failures(copy, json, run.output));
    }
    return outcome([]);
  } finally {
    copy.mutate(undefined);
  }
}

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
    `--exclude=${CATALOG_TEST}`,
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

function printSummary(outcomes: Outcome[], seconds: number): void {
  console.log(
    `\n${table(
      ['mutation', 'file', 'result', 'killed by'],
      outcomes.map((o) => [
        o.mutation.id,
        o.mutation.file.replace(/^src\//, ''),
        o.killed ? green('killed') : o.mutation.equivalent ? dim('equivalent') : red('SURVIVED'),
        o.killedBy[0] ?? (o.mutation.equivalent ? dim(o.mutation.equivalent) : ''),
      ]),
    )}`,
  );
  const score = mutationScore(outcomes);
  for (const o of outcomes) {
    if (o.killed && o.mutation.equivalent) {
      console.log(red(`${o.mutation.id} is marked equivalent but was killed: remove the mark`));
    }
  }
  console.log(
    bold(
      `\n${score.killed} of ${score.counted} non-equivalent mutations killed (${score.percent} %), ${score.equivalent} equivalent; ${Math.floor(seconds / 60)} min ${seconds % 60} s`,
    ),
  );
}

function mutationScore(outcomes: readonly { killed: boolean; mutation: Mutation }[]) {
  const equivalent = outcomes.filter((o) => !o.killed && o.mutation.equivalent).length;
  const counted = outcomes.length - equivalent;
  const killed = outcomes.filter((o) => o.killed).length;
  const percent = counted === 0 ? 100 : Math.floor((killed / counted) * 1000) / 10;
  return { killed, counted, equivalent, percent };
}

function writeReport(path: string, outcomes: Outcome[]): void {
  const report = {
    date: new Date().toISOString(),
    mutations: outcomes.map((o) => ({
      id: o.mutation.id,
      file: o.mutation.file,
      description: o.mutation.description,
      killed: o.killed,
      killedBy: o.killedBy,
      ...(o.mutation.equivalent && !o.killed ? { equivalent: o.mutation.equivalent } : {}),
    })),
  };
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
