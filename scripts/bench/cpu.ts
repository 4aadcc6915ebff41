import { performance } from 'node:perf_hooks';
import { hostContext, PRO, STANDARD } from '../../emulator/contexts';
import { createFakeGoto, type FakeGotoOptions } from '../../emulator/fake-goto';
import { type BenchScripts, benchRun, outcomeLabel, type ScriptKey } from './run';
import { median, percentile } from './stats';

/**
 * Section 4: CPU time of one script run, against the instant in-process fake. What is measured
 * is everything between handing the script to the host and `done`: creating the `vm` context,
 * the script itself, and the emulation's own work (msw routing, the fake's state, building
 * Request/Response objects, restler's parser). `process.cpuUsage()` counts every thread of the
 * process, GC helpers included. So the figure is an upper bound for the script's own cost,
 * useful for spotting regressions, not an absolute cost on the real host.
 */

interface CpuCase {
  name: string;
  script: ScriptKey;
  fake: FakeGotoOptions;
  context: Record<string, unknown>;
  outcome: string;
}

export interface CpuResult {
  name: string;
  runs: number;
  cpuMedianUs: number;
  cpuP95Us: number;
  wallMedianMs: number;
}

const EMAIL = 'jane.doe@example.com';
const LICENSES = [STANDARD, PRO].map((key) => ({ key, seats: 10 }));

const CASES: CpuCase[] = [
  {
    name: 'provisioning, created',
    script: 'provisioning',
    fake: {},
    context: hostContext(),
    outcome: 'created',
  },
  {
    name: 'provisioning, unchanged',
    script: 'provisioning',
    fake: { users: [{ email: EMAIL, licenseKeys: [STANDARD] }] },
    context: hostContext(),
    outcome: 'unchanged',
  },
  {
    name: 'deprovisioning, unlicensed',
    script: 'deprovisioning',
    fake: { users: [{ email: EMAIL, licenseKeys: [STANDARD, PRO] }] },
    context: hostContext({ licenses: [STANDARD, PRO] }),
    outcome: 'unlicensed',
  },
];

/** Unmeasured runs first, so the JIT and msw's lazy set-up are not charged to the first runs. */
const WARM_UP_RUNS = 30;

export async function measureCpu(scripts: BenchScripts, runs = 300): Promise<CpuResult[]> {
  const results: CpuResult[] = [];
  for (const cpuCase of CASES) {
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < WARM_UP_RUNS + runs; i += 1) {
      // A fresh fake and context per run, made outside the measured span.
      const fake = createFakeGoto({ licenses: LICENSES, ...cpuCase.fake });
      const context = structuredClone(cpuCase.context);
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      const result = await benchRun(scripts[cpuCase.script], fake, context);
      const wallMs = performance.now() - wallStart;
      const used = process.cpuUsage(cpuStart);
      if (outcomeLabel(result) !== cpuCase.outcome) {
        throw new Error(`${cpuCase.name}: ended ${outcomeLabel(result)}, not ${cpuCase.outcome}`);
      }
      if (i < WARM_UP_RUNS) continue;
      cpu.push(used.user + used.system);
      wall.push(wallMs);
    }
    results.push({
      name: cpuCase.name,
      runs,
      cpuMedianUs: median(cpu),
      cpuP95Us: percentile(cpu, 95),
      wallMedianMs: median(wall),
    });
  }
  return results;
}
