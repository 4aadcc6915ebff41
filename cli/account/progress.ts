import { Presets, SingleBar } from 'cli-progress';

/**
 * How far an apply has got, on standard error: a bar redrawn in place when a person watches a
 * terminal, plain lines (each tenth of a phase, and its end) when the output goes to a log.
 */

export interface Progress {
  /** A new phase of `total` steps. */
  phase(name: string, total: number): void;
  advance(steps: number): void;
  /** The last phase is over. */
  done(): void;
}

export function progressOn(
  terminal: boolean,
  line: (text: string) => void,
  stream: NodeJS.WritableStream = process.stderr,
): Progress {
  return terminal ? barProgress(stream) : lineProgress(line);
}

function barProgress(stream: NodeJS.WritableStream): Progress {
  let bar: SingleBar | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    phase(name, total) {
      stop();
      if (total === 0) return;
      bar = new SingleBar(
        {
          stream,
          format: `reconcile: ${name.padEnd(9)} [{bar}] {value}/{total}`,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    advance: (steps) => bar?.increment(steps),
    done: stop,
  };
}

function lineProgress(line: (text: string) => void): Progress {
  let name = '';
  let total = 0;
  let done = 0;
  let step = 1;
  return {
    phase(next, count) {
      name = next;
      total = count;
      done = 0;
      step = Math.max(1, Math.ceil(count / 10));
    },
    advance(steps) {
      const before = Math.floor(done / step);
      done += steps;
      if (done >= total || Math.floor(done / step) > before) {
        line(`reconcile: ${name} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
      }
    },
    done: () => {},
  };
}
