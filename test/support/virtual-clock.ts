import type { RequestHandler } from 'msw';
import { createInstantRest, type InstantRest } from './instant-rest';

/**
 * Simulated time for many workflow runs at once: every attempt's round trip and every
 * `retry(ms)` a script asks for is an event on one queue, and the clock jumps from event to
 * event, so a bulk assignment that would take minutes runs in seconds and the same inputs
 * always give the same order of events. Events at the same instant run in the order they were
 * scheduled. Each event is awaited (the fake answers asynchronously) before the next one starts,
 * so the fake's rate limiter, reading `now()`, sees requests in simulated-time order.
 */
export class VirtualClock {
  private time = 0;
  private sequence = 0;
  /** Pending events, sorted by time, then by when they were scheduled. */
  private readonly queue: { at: number; order: number; action: () => unknown }[] = [];
  private settle: () => void = () => {};
  /** Settles once `run()` has found no event left: nothing more can happen. */
  readonly idle: Promise<void> = new Promise((resolve) => {
    this.settle = resolve;
  });

  now(): number {
    return this.time;
  }

  after(ms: number, action: () => unknown): void {
    const event = { at: this.time + Math.max(0, ms), order: this.sequence, action };
    this.sequence += 1;
    let low = 0;
    let high = this.queue.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = this.queue[middle];
      if (other && (other.at < event.at || (other.at === event.at && other.order < event.order)))
        low = middle + 1;
      else high = middle;
    }
    this.queue.splice(low, 0, event);
  }

  async run(): Promise<void> {
    for (let event = this.queue.shift(); event; event = this.queue.shift()) {
      this.time = event.at;
      await event.action();
    }
    this.settle();
  }
}

/**
 * A `rest` on the virtual clock: each attempt reaches the fake `latencyMs` after it is sent
 * (the fake answers at that instant), and `retry(ms)` re-sends it `ms` later.
 */
export function virtualRest(
  clock: VirtualClock,
  handlers: RequestHandler[],
  latencyMs: number,
  watch: { onRetry?: (ms: number) => void; onAnswer?: () => void } = {},
): InstantRest {
  return createInstantRest(handlers, {
    transmit: (deliver) =>
      clock.after(latencyMs, async () => {
        await deliver();
        watch.onAnswer?.();
      }),
    scheduleRetry: (ms, fire) => {
      watch.onRetry?.(ms);
      clock.after(ms, fire);
    },
  });
}
