import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as realWait } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestClock } from '../src/clock.js';
import { EmbeddedQueue } from '../src/jobs/embedded-queue.js';
import { type Db, openDatabase } from '../src/store/database.js';

/** The embedded queue's schedule follows the clock it is given, so a test moves time instead of waiting. */
describe('the embedded queue on a test clock', () => {
  let dir: string;
  let db: Db;
  let clock: TestClock;
  let queue: EmbeddedQueue;
  const errors: unknown[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patchbay-clock-'));
    db = await openDatabase(path.join(dir, 'patchbay.sqlite'));
    clock = new TestClock();
    queue = new EmbeddedQueue(db, { onError: (error) => errors.push(error), pollingIntervalMs: 10_000, clock });
  });
  afterEach(async () => {
    await queue.stop();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
    expect(errors.splice(0)).toEqual([]);
  });

  it('retries a failed job only once its backoff has passed on the clock', async () => {
    const attempts: number[] = [];
    queue.work('flaky', async (job) => {
      attempts.push(clock.now());
      if (job.attempt === 1) throw new Error('the first attempt fails');
    });
    await queue.start();
    await queue.send('flaky', {}, { retryLimit: 1, retryDelaySeconds: 60 });
    await vi.waitFor(() => expect(attempts).toHaveLength(1));
    // The first retry waits the delay and up to as long again (jitter): between 60 and 120 s.
    await clock.advance(59_000);
    await realWait(200);
    expect(attempts).toHaveLength(1);
    await clock.advance(71_000);
    await vi.waitFor(() => expect(attempts).toHaveLength(2));
    expect((attempts[1] as number) - (attempts[0] as number)).toBeGreaterThanOrEqual(60_000);
  });

  it('starts a job sent for later once the clock reaches its start', async () => {
    const ran: number[] = [];
    queue.work('later', async () => {
      ran.push(clock.now());
    });
    await queue.start();
    const sentAt = clock.now();
    await queue.send('later', {}, { startAfterSeconds: 30 });
    await clock.advance(20_000);
    await realWait(200);
    expect(ran).toEqual([]);
    await clock.advance(10_000);
    await vi.waitFor(() => expect(ran).toHaveLength(1));
    expect((ran[0] as number) - sentAt).toBeGreaterThanOrEqual(30_000);
  });
});
