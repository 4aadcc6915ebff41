import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { bold, dim, green, red, table } from '../../cli/shared/terminal';
import { buildBenchScripts, measureBuildTime, measureSizes } from './build';
import { type BulkResult, runBulk } from './bulk';
import { measureCpu } from './cpu';
import { EXPECTED_CALLS_FILE, readExpectedCalls, runScenarios } from './scenarios';
import {
  describeTargets,
  runSimultaneousCases,
  SIMULTANEOUS_CASES,
  type SimultaneousRow,
} from './simultaneous';
import { count, fixed } from './stats';

/**
 * `npm run bench`: API calls per scenario (checked against scripts/bench/expected-calls.json), script
 * size, build time, CPU time per run, and rate-limited bulk runs on simulated time, one after
 * another and all at once. Prints tables and writes bench-results.json (gitignored). Exits
 * non-zero when a scenario's call count (or outcome) differs from the committed table, or when
 * the simultaneous runs miss their targets (simulated and seeded, so they repeat exactly);
 * timings vary by machine and never fail.
 */

const RESULTS_FILE = 'bench-results.json';

export async function runBench(): Promise<number> {
  const { scripts, built } = await buildBenchScripts();
  const environment = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
  };
  console.log(bold('GoToMeeting workflow scripts: benchmark'));
  console.log(dim(`node ${environment.node}, ${environment.platform}, ${environment.cpus} CPUs\n`));

  // 1. API calls
  const expectedCalls = readExpectedCalls();
  const { results: scenarios, unknownExpected } = await runScenarios(scripts, expectedCalls);
  console.log(bold(`1. API calls per scenario`) + dim(` (expected: ${EXPECTED_CALLS_FILE})`));
  console.log(
    table(
      ['scenario', 'outcome', 'calls', 'expected', 'lower bound', 'check'],
      scenarios.map((s) => [
        s.name,
        s.outcome === s.expectedOutcome
          ? s.outcome
          : red(`${s.outcome} (want ${s.expectedOutcome})`),
        String(s.calls),
        s.expected === undefined ? red('missing') : String(s.expected),
        String(s.lowerBound) + (s.note ? dim(` (${s.note})`) : ''),
        s.ok ? green('ok') : red('DIFFERS'),
      ]),
    ),
  );
  console.log(
    dim(
      'lower bound: one lookup, plus one write only when something must change, plus GET /me on a token-only connection',
    ),
  );
  for (const name of unknownExpected)
    console.log(red(`expected table names unknown scenario: ${name}`));
  const callsOk = scenarios.every((s) => s.ok) && unknownExpected.length === 0;

  // 2. Size
  const sizes = measureSizes(built);
  console.log(`\n${bold('2. Script size')}${dim(' (fresh in-memory build, default options)')}`);
  console.log(
    table(
      ['script', 'bytes', 'gzip -9', 'lines', 'same as dist/'],
      sizes.map((s) => [
        s.file,
        count(s.bytes),
        count(s.gzipBytes),
        count(s.lines),
        s.sameAsDist ? 'yes' : 'no',
      ]),
    ),
  );

  // 3. Build time
  const buildTime = await measureBuildTime(5);
  console.log(
    `\n${bold('3. Build time')}${dim(' (bundleScripts(DEFAULT_OPTIONS), both scripts, wall)')}`,
  );
  console.log(
    table(
      ['runs', 'median ms', 'min ms', 'max ms'],
      [
        [
          String(buildTime.runs),
          fixed(buildTime.medianMs),
          fixed(buildTime.minMs),
          fixed(buildTime.maxMs),
        ],
      ],
    ),
  );

  // 4. CPU per run
  const cpu = await measureCpu(scripts, 300);
  console.log(
    `\n${bold('4. CPU time of one script run')}${dim(' (instant in-process fake, settleMs 0)')}`,
  );
  console.log(
    table(
      ['case', 'runs', 'CPU median µs', 'CPU p95 µs', 'wall median ms'],
      cpu.map((c) => [
        c.name,
        String(c.runs),
        count(Math.round(c.cpuMedianUs)),
        count(Math.round(c.cpuP95Us)),
        fixed(c.wallMedianMs, 2),
      ]),
    ),
  );
  console.log(
    dim(
      "includes the emulation's own overhead (vm context, msw routing, the fake, restler's parser)\n" +
        'and every thread of the process (user + system): an upper bound for the script itself',
    ),
  );

  // 5. Bulk, one after another
  const bulk = await runBulk(scripts.provisioning);
  printBulk(bulk);

  // 6. Bulk, all at once
  const simultaneous = await runSimultaneousCases(scripts.provisioning);
  printSimultaneous(simultaneous);
  const targetsOk = simultaneous.every((row) => row.targetMet !== false);

  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify(
      {
        environment,
        scenarios,
        unknownExpected,
        sizes,
        buildTime,
        cpu,
        bulk,
        simultaneous,
        callsOk,
        targetsOk,
      },
      null,
      2,
    )}\n`,
  );
  console.log(dim(`\nwrote ${RESULTS_FILE}`));
  if (!callsOk) console.error(red('API call counts differ from the expected table'));
  if (!targetsOk) console.error(red('simultaneous runs missed their targets'));
  return callsOk && targetsOk ? 0 : 1;
}

function printSimultaneous(rows: SimultaneousRow[]): void {
  console.log(
    `\n${bold('6. Bulk run: new users assigned at once, provisioning')}` +
      dim(
        ' (all runs start at the same simulated instant; limit 10 req/s per rolling second,' +
          ' 50 ms per request, seeded jitter)',
      ),
  );
  console.log(
    table(
      [
        'script',
        'limiter',
        'users',
        'Retry-After',
        'budget s',
        'lost',
        'calls',
        '× min',
        '429s',
        'last done s',
        'floor s',
        'ratio',
        'longest wait sum s',
        'target',
      ],
      rows.map((row) => [
        row.script,
        row.limiter,
        count(row.runs),
        row.retryAfterSeconds === undefined ? 'none' : `${row.retryAfterSeconds} s`,
        row.budgetSeconds === undefined ? '—' : String(row.budgetSeconds),
        row.lost === 0
          ? '0'
          : `${count(row.lost)} (${Object.entries(row.lostBy)
              .map(([label, n]) => `${label} ${n}`)
              .join(', ')})`,
        count(row.calls),
        fixed(row.callsRatio, 1),
        count(row.rejected),
        fixed(row.lastDoneMs / 1000),
        fixed(row.floorMs / 1000),
        fixed(row.ratio, 2),
        fixed(row.maxWaitedMs / 1000),
        row.targetMet === undefined ? '' : row.targetMet ? green('met') : red('MISSED'),
      ]),
    ),
  );
  console.log(
    dim(
      'lenient: refused requests do not count against the window; strict: they do\n' +
        'lost: any outcome but created; × min: calls / the 2 a new user needs; floor: those calls at 10 per second;\n' +
        'ratio: last done / floor; longest wait sum: what the budget must cover\n' +
        `targets:\n  ${describeTargets(SIMULTANEOUS_CASES).join('\n  ')}`,
    ),
  );
  const wall = rows.reduce((sum, row) => sum + row.wallMs, 0);
  console.log(dim(`real wall time for section 6: ${fixed(wall / 1000, 1)} s`));
}

function printBulk(bulk: BulkResult): void {
  console.log(
    `\n${bold(`5. Bulk run: ${count(bulk.users)} new users, provisioning`)}` +
      dim(
        ` (limit ${bulk.perSecond} req/s, simulated clock, ${bulk.latencyMs} ms per request,` +
          ' runs one after another)',
      ),
  );
  const minutes = bulk.simulatedMs / 60_000;
  console.log(
    table(
      ['measure', 'value'],
      [
        ['total calls', count(bulk.totalCalls)],
        [
          '429 answers',
          `${count(bulk.total429)} (${Object.entries(bulk.total429ByMethod)
            .map(([method, n]) => `${method} ${count(n)}`)
            .join(', ')})`,
        ],
        ['retries asked for', count(bulk.totalRetries)],
        ['runs that saw a 429', count(bulk.runsWith429)],
        ['most 429s in one run', String(bulk.max429InOneRun)],
        ['runs ended rate-limited', count(bulk.rateLimitedRuns)],
        [
          'outcomes',
          Object.entries(bulk.outcomes)
            .map(([label, n]) => `${label} ${count(n)}`)
            .join(', '),
        ],
        ['simulated total', `${fixed(bulk.simulatedMs / 1000)} s (${fixed(minutes, 2)} min)`],
        ['throughput', `${fixed(bulk.usersPerMinute)} users/min`],
        ['admitted requests', `${fixed(bulk.admittedPerSecond, 2)} req/s`],
        ['per run (simulated)', `median ${bulk.runMedianMs} ms, max ${bulk.runMaxMs} ms`],
        [
          'ceilings (2 calls/user)',
          `${fixed(bulk.ceilingByLimitUsersPerMinute)} users/min by the limit, ` +
            `${fixed(bulk.ceilingByLatencyUsersPerMinute)} by latency alone`,
        ],
        ['real wall time', `${fixed(bulk.wallMs / 1000, 2)} s`],
      ],
    ),
  );
}
