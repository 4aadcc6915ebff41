/**
 * When a script's `retry(ms)` fires. restler schedules it with `setTimeout`; the emulator lets the
 * caller decide, so that tests, the demo and the bench see the delays without sitting through
 * them, and so that a clock shared by many runs can move simulated time instead of real time.
 */
export interface Clock {
  /** Called once per `retry(ms)` with the delay as the script gave it; calls `fire` later, never synchronously. */
  retry(ms: number, fire: () => void): void;
  /**
   * How an attempt reaches the API (the 'instant' rest only): `deliver` answers it and settles
   * once the script's handler has run. Default: on the next turn of the event loop.
   */
  transmit?(deliver: () => Promise<void>): void;
  /** Settles when nothing more can happen to a run on this clock: no real-time wait for `done`. */
  readonly idle?: Promise<void>;
}

/** Simulated time that does not move: each retry fires on the next turn of the event loop. */
export const instantClock: Clock = {
  retry: (_ms, fire) => {
    setImmediate(fire);
  },
};

/** Simulated time that moves only when told: by a retry's delay, or by a request's latency. */
export class SimulatedClock implements Clock {
  private ms = 0;
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += Math.max(0, ms);
  }
  retry(ms: number, fire: () => void): void {
    this.advance(ms);
    setImmediate(fire);
  }
}

/**
 * Simulated time for many workflow runs at once: every attempt's round trip (`latencyMs`) and
 * every `retry(ms)` a script asks for is an event on one queue, and the clock jumps from event
 * to event, so a bulk assignment that would take minutes runs in seconds and the same inputs
 * always give the same order of events. Events at the same instant run in the order they were
 * scheduled. Each event is awaited (the fake answers asynchronously) before the next one starts,
 * so the fake's rate limiter, reading `now()`, sees requests in simulated-time order. Nothing
 * happens until `run()`.
 */
export class VirtualClock implements Clock {
  private time = 0;
  private sequence = 0;
  /** Pending events, sorted by time, then by when they were scheduled. */
  private readonly queue: { at: number; order: number; action: () => unknown }[] = [];
  private settle: () => void = () => {};
  readonly idle: Promise<void> = new Promise((resolve) => {
    this.settle = resolve;
  });

  constructor(private readonly latencyMs: number) {}

  now(): number {
    return this.time;
  }

  retry(ms: number, fire: () => void): void {
    this.after(ms, fire);
  }

  transmit(deliver: () => Promise<void>): void {
    this.after(this.latencyMs, deliver);
  }

  /** Runs every event, including those the events schedule, then settles `idle`. */
  async run(): Promise<void> {
    for (let event = this.queue.shift(); event; event = this.queue.shift()) {
      this.time = event.at;
      await event.action();
    }
    this.settle();
  }

  private after(ms: number, action: () => unknown): void {
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
}
