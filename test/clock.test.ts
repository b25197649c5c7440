import { setTimeout as realWait } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type Clock, systemClock, TestClock } from '../src/clock.js';

/** A clock under test, and how to let `ms` of its time pass. */
interface Subject {
  clock: Clock;
  pass(ms: number): Promise<void>;
}

/**
 * The promises of the Clock port, kept by every implementation. Left out: how late a timer may fire on a
 * loaded machine (the system clock gives no bound), and wall-clock jumps the operating system makes.
 */
function defineClockContractTests(name: string, subject: () => Subject) {
  describe(`${name} keeps the Clock contract`, () => {
    it('tells the same instant as milliseconds and as an ISO 8601 UTC string', () => {
      const { clock } = subject();
      const before = clock.now();
      const iso = clock.nowIso();
      expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(iso)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(iso)).toBeLessThanOrEqual(clock.now());
    });

    it('places isoIn(ms) ms away from now, in the future or the past', () => {
      const { clock } = subject();
      const now = clock.now();
      expect(Date.parse(clock.isoIn(60_000)) - now).toBeGreaterThanOrEqual(60_000);
      expect(Date.parse(clock.isoIn(-60_000))).toBeLessThanOrEqual(clock.now() - 60_000);
    });

    it('never goes backwards', async () => {
      const { clock, pass } = subject();
      const seen = [clock.now()];
      for (let i = 0; i < 5; i++) {
        await pass(5);
        seen.push(clock.now());
      }
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    });

    it('resolves sleep(ms) once ms have passed, and not before', async () => {
      const { clock, pass } = subject();
      const start = clock.now();
      let woke: number | undefined;
      const sleeping = clock.sleep(40).then(() => {
        woke = clock.now();
      });
      await pass(10);
      expect(woke).toBeUndefined();
      await pass(40);
      await sleeping;
      expect((woke as number) - start).toBeGreaterThanOrEqual(40);
    });

    it('resolves sleep(0) without any time passing, but not synchronously', async () => {
      const { clock } = subject();
      let woke = false;
      const sleeping = clock.sleep(0).then(() => {
        woke = true;
      });
      expect(woke).toBe(false);
      await sleeping;
      expect(woke).toBe(true);
    });

    it('runs an every(ms) task each time ms pass, and never after it is stopped', async () => {
      const { clock, pass } = subject();
      let runs = 0;
      const stop = clock.every(20, () => {
        runs++;
      });
      await pass(70);
      expect(runs).toBeGreaterThanOrEqual(2);
      expect(runs).toBeLessThanOrEqual(3);
      stop();
      const stoppedAt = runs;
      await pass(60);
      expect(runs).toBe(stoppedAt);
    });
  });
}

defineClockContractTests('the system clock', () => ({ clock: systemClock, pass: (ms) => realWait(ms) }));

defineClockContractTests('the test clock', () => {
  const clock = new TestClock();
  return { clock, pass: (ms) => clock.advance(ms) };
});

describe('the test clock', () => {
  it('stands still until advanced, then fires the timers due on the way in time order (set order when due together)', async () => {
    const clock = new TestClock(Date.parse('2030-01-01T00:00:00Z'));
    const fired: string[] = [];
    void clock.sleep(300).then(() => fired.push(`sleep at ${clock.nowIso()}`));
    const stop = clock.every(100, () => fired.push(`tick at ${clock.nowIso()}`));
    await realWait(20);
    expect(fired).toEqual([]);
    await clock.advance(350);
    stop();
    expect(fired).toEqual([
      'tick at 2030-01-01T00:00:00.100Z',
      'tick at 2030-01-01T00:00:00.200Z',
      'sleep at 2030-01-01T00:00:00.300Z',
      'tick at 2030-01-01T00:00:00.300Z',
    ]);
    expect(clock.nowIso()).toBe('2030-01-01T00:00:00.350Z');
  });
});
