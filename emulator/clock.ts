/**
 * When a script's `retry(ms)` fires. restler schedules it with `setTimeout`; the emulator lets the
 * caller decide, so that tests, the demo and the bench see the delays without sitting through
 * them, and so that a clock shared by many runs can move simulated time instead of real time.
 */
export interface Clock {
  /** Called once per `retry(ms)` with the delay as the script gave it; calls `fire` later, never synchronously. */
  retry(ms: number, fire: () => void): void;
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
