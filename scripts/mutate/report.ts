import { readFileSync, writeFileSync } from 'node:fs';
import { bold, dim, green, red, table, yellow } from '../../cli/shared/terminal';
import type { Mutation } from './catalog';
import type { GeneratedMutant } from './generate';
import { EQUIVALENTS, SURVIVORS } from './judged';
import type { Outcome } from './runner';
import { type Score, scoreOf } from './sample';
import type { Planted } from './workspace';

/**
 * docs/mutation-report.json and the printed summaries. The report holds the hand catalog's last
 * full run (`date`, `mutations`) and the generated mutants' last sample (`sample`) or run of all
 * (`generated`); writing one part keeps the others.
 */

export type HandPlanted = Planted & { mutation: Mutation };
export type GeneratedPlanted = Planted & { generated: GeneratedMutant };

/** Above this share of equivalents a sample's score needs explaining (docs/mutation-testing.md). */
const EQUIVALENT_SHARE_TO_EXPLAIN = 0.1;

function readReport(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function writeParts(path: string, parts: Record<string, unknown>): void {
  writeFileSync(path, `${JSON.stringify({ ...readReport(path), ...parts }, null, 2)}\n`);
}

export function writeHandReport(path: string, outcomes: Outcome<HandPlanted>[]): void {
  writeParts(path, {
    date: new Date().toISOString(),
    mutations: outcomes.map((o) => ({
      id: o.mutant.id,
      file: o.mutant.file,
      description: o.mutant.description,
      killed: o.killed,
      killedBy: o.killedBy,
      ...(o.mutant.mutation.equivalent && !o.killed
        ? { equivalent: o.mutant.mutation.equivalent }
        : {}),
    })),
  });
}

export function printHandSummary(outcomes: Outcome<HandPlanted>[], seconds: number): void {
  console.log(
    `\n${table(
      ['mutation', 'file', 'result', 'killed by'],
      outcomes.map((o) => {
        const equivalent = o.mutant.mutation.equivalent;
        return [
          o.mutant.id,
          o.mutant.file.replace(/^src\//, ''),
          o.killed ? green('killed') : equivalent ? dim('equivalent') : red('SURVIVED'),
          o.killedBy[0] ?? (equivalent ? dim(equivalent) : ''),
        ];
      }),
    )}`,
  );
  for (const o of outcomes) {
    if (o.killed && o.mutant.mutation.equivalent) {
      console.log(red(`${o.mutant.id} is marked equivalent but was killed: remove the mark`));
    }
  }
  const equivalent = outcomes.filter((o) => !o.killed && o.mutant.mutation.equivalent).length;
  const killed = outcomes.filter((o) => o.killed).length;
  const counted = outcomes.length - equivalent;
  const percent = counted === 0 ? 100 : Math.floor((killed / counted) * 1000) / 10;
  console.log(
    bold(
      `\n${killed} of ${counted} non-equivalent mutations killed (${percent} %), ${equivalent} equivalent; ${minutes(seconds)}`,
    ),
  );
}

/** How a generated mutant's run is judged: killed, equivalent (with why), or survived. */
function judgment(o: Outcome<GeneratedPlanted>): { equivalent?: string; survivor?: string } {
  if (o.killed) return {};
  const equivalent = EQUIVALENTS[o.mutant.id];
  if (equivalent) return { equivalent };
  const survivor = SURVIVORS[o.mutant.id];
  return survivor ? { survivor } : {};
}

function scoreOfOutcomes(outcomes: Outcome<GeneratedPlanted>[]): Score {
  const killed = outcomes.filter((o) => o.killed).length;
  const equivalent = outcomes.filter((o) => judgment(o).equivalent !== undefined).length;
  return scoreOf(outcomes.length, killed, equivalent);
}

function perFile(outcomes: Outcome<GeneratedPlanted>[]) {
  const files = [...new Set(outcomes.map((o) => o.mutant.file))].sort();
  return files.map((file) => ({
    file,
    ...scoreOfOutcomes(outcomes.filter((o) => o.mutant.file === file)),
  }));
}

export interface Drawn {
  seed: number;
  population: number;
}

/** The `sample` (or, for a run of all of them, `generated`) part of the report. */
export function generatedSection(outcomes: Outcome<GeneratedPlanted>[], drawn?: Drawn) {
  const score = scoreOfOutcomes(outcomes);
  return {
    ...(drawn ? { seed: drawn.seed } : {}),
    ...score,
    date: new Date().toISOString(),
    ...(drawn ? { population: drawn.population } : {}),
    timedOut: outcomes.filter((o) => o.timedOut).length,
    files: perFile(outcomes),
    mutants: outcomes.map((o) => ({
      id: o.mutant.id,
      file: o.mutant.file,
      line: o.mutant.generated.line,
      operator: o.mutant.generated.operator,
      description: o.mutant.description,
      killed: o.killed,
      killedBy: o.killedBy,
      ...(o.timedOut ? { timedOut: true } : {}),
      ...judgment(o),
    })),
  };
}

export function writeGeneratedReport(
  path: string,
  outcomes: Outcome<GeneratedPlanted>[],
  drawn?: Drawn,
): void {
  writeParts(path, { [drawn ? 'sample' : 'generated']: generatedSection(outcomes, drawn) });
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const interval = ([low, high]: [number, number]) => `${percent(low)} to ${percent(high)}`;

export function printGeneratedSummary(
  outcomes: Outcome<GeneratedPlanted>[],
  seconds: number,
  drawn?: Drawn,
): void {
  const survivors = outcomes.filter((o) => !o.killed);
  if (survivors.length > 0) {
    console.log(
      `\n${table(
        ['survivor', 'change', 'judged'],
        survivors.map((o) => {
          const { equivalent, survivor } = judgment(o);
          return [
            o.mutant.id,
            o.mutant.description,
            equivalent
              ? dim(`equivalent: ${equivalent}`)
              : survivor
                ? yellow(`survives: ${survivor}`)
                : red('not judged'),
          ];
        }),
      )}`,
    );
  }
  for (const o of outcomes) {
    if (o.killed && (EQUIVALENTS[o.mutant.id] || SURVIVORS[o.mutant.id])) {
      console.log(red(`${o.mutant.id} is judged in judged.ts but was killed: remove the entry`));
    }
  }
  console.log(
    `\n${table(
      ['file', 'mutants', 'killed', 'equivalent', 'score', '95 % interval'],
      perFile(outcomes).map((f) => [
        f.file.replace(/^src\//, ''),
        String(f.size),
        String(f.killed),
        String(f.equivalent),
        percent(f.score),
        interval(f.interval),
      ]),
    )}`,
  );
  const total = scoreOfOutcomes(outcomes);
  const what = drawn
    ? `a sample of ${total.size} of ${drawn.population} generated mutants (seed ${drawn.seed})`
    : `${total.size} generated mutants`;
  const timedOut = outcomes.filter((o) => o.timedOut).length;
  console.log(
    bold(
      `\n${what}: ${total.killed} of ${total.size - total.equivalent} non-equivalent killed, ${percent(total.score)} (95 % interval ${interval(total.interval)}), ${total.equivalent} equivalent, ${timedOut} by timeout; ${minutes(seconds)}`,
    ),
  );
  if (total.size > 0 && total.equivalent / total.size > EQUIVALENT_SHARE_TO_EXPLAIN) {
    console.log(
      yellow(
        `More than ${percent(EQUIVALENT_SHARE_TO_EXPLAIN)} of the mutants are judged equivalent: explain why in docs/mutation-testing.md.`,
      ),
    );
  }
}

function minutes(seconds: number): string {
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
