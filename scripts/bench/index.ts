import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { bold, dim, green, red, table } from '../lib/terminal';
import { buildBenchScripts, measureBuildTime, measureSizes } from './build';
import { type BulkResult, runBulk } from './bulk';
import { measureCpu } from './cpu';
import { EXPECTED_CALLS_FILE, readExpectedCalls, runScenarios } from './scenarios';
import { count, fixed } from './stats';

/**
 * `npm run bench`: API calls per scenario (checked against bench/expected-calls.json), script
 * size, build time, CPU time per run, and a rate-limited bulk run on simulated time. Prints
 * tables and writes bench-results.json (gitignored). Exits non-zero only when a scenario's call
 * count (or outcome) differs from the committed table: timings vary by machine and never fail.
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
  console.log(dim('lower bound: one lookup, plus one write only when something must change'));
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

  // 5. Bulk
  const bulk = await runBulk(scripts.provisioning);
  printBulk(bulk);

  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify(
      { environment, scenarios, unknownExpected, sizes, buildTime, cpu, bulk, callsOk },
      null,
      2,
    )}\n`,
  );
  console.log(dim(`\nwrote ${RESULTS_FILE}`));
  if (!callsOk) console.error(red('API call counts differ from the expected table'));
  return callsOk ? 0 : 1;
}

function printBulk(bulk: BulkResult): void {
  console.log(
    `\n${bold(`5. Bulk run: ${count(bulk.users)} new users, provisioning`)}` +
      dim(
        ` (limit ${bulk.perSecond} req/s, simulated clock, ${bulk.latencyMs} ms per request,` +
          " runs one after another as a host runs one app's workflows)",
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
