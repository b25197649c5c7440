import { setTimeout as wait } from 'node:timers/promises';

/**
 * Business time: what expires, what is due, how long to wait before a retry. Every service takes one
 * clock from the context, so a test can move time forward instead of waiting for it or rewriting rows.
 * (Log timestamps, and the job queue's and pg-boss's own bookkeeping inside the database, keep real time.)
 *
 * The rules every implementation keeps:
 * - `now()` is milliseconds since the Unix epoch and never goes backwards between two calls.
 * - `nowIso()` is the same instant as the ISO 8601 UTC string the store keeps.
 * - `isoIn(ms)` is the instant `ms` from now (negative: in the past), in the same form.
 * - `sleep(ms)` resolves once `now()` has moved on by at least `ms`; never before. A `ms` of zero or less
 *   resolves without any time passing (on a later turn, never synchronously).
 * - `every(ms, task)` (`ms` > 0) runs `task` each time another `ms` has passed, until the returned stop
 *   function is called; after stop, it never runs again. `task` reports its own faults and must not throw.
 *   Repeating timers never keep the process alive by themselves.
 */
export interface Clock {
  now(): number;
  nowIso(): string;
  isoIn(ms: number): string;
  sleep(ms: number): Promise<void>;
  every(ms: number, task: () => void): () => void;
}

/** The machine's clock and timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  nowIso: () => new Date().toISOString(),
  isoIn: (ms) => new Date(Date.now() + ms).toISOString(),
  sleep: (ms) => wait(Math.max(0, ms)),
  every(ms, task) {
    const timer = setInterval(task, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

interface Timer {
  at: number;
  /** Set for a repeating timer. */
  period?: number;
  fire(): void;
}

/**
 * A clock that stands still until a test moves it: `advance(ms)` moves time forward and fires, in time
 * order, every timer due on the way. After each it lets pending promise continuations and I/O callbacks
 * run once; work that takes longer (a query, an HTTP call) the test waits for itself.
 */
export class TestClock implements Clock {
  private current: number;
  private readonly timers = new Set<Timer>();

  constructor(start: number = systemClock.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  nowIso(): string {
    return new Date(this.current).toISOString();
  }

  isoIn(ms: number): string {
    return new Date(this.current + ms).toISOString();
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return wait(0);
    return new Promise((resolve) => {
      const timer: Timer = {
        at: this.current + ms,
        fire: () => {
          this.timers.delete(timer);
          resolve();
        },
      };
      this.timers.add(timer);
    });
  }

  every(ms: number, task: () => void): () => void {
    const timer: Timer = {
      at: this.current + ms,
      period: ms,
      fire: () => {
        timer.at += ms;
        task();
      },
    };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** How many timers are set: a test waits for a sleep to begin before it moves time past it. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing the timers due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers].filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.current = Math.max(this.current, due.at);
      due.fire();
      await settle();
    }
    this.current = target;
    await settle();
  }
}

/** Lets promise continuations and I/O callbacks queued by fired timers run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
