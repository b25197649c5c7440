import { randomUUID } from 'node:crypto';
import type { Selectable, Transaction, Updateable } from 'kysely';
import { type Clock, systemClock } from '../clock.js';
import { afterCommit, commitWrite } from '../store/commits.js';
import type { Db } from '../store/database.js';
import type { Database, JobTable } from '../store/schema.js';
import type { JobHandler, JobOptions, JobQueue } from './job-queue.js';

type JobRow = Selectable<JobTable>;

export interface EmbeddedQueueOptions {
  /** How often each registered queue looks for due jobs (default 500 ms). */
  pollingIntervalMs?: number;
  /** Errors of polling and bookkeeping, which have no caller to reject. */
  onError: (error: unknown) => void;
  /** When jobs are due, and the polling timer (default: the system clock). */
  clock?: Clock;
}

interface Worker {
  handler: JobHandler<unknown>;
  concurrency: number;
  running: number;
  claiming: boolean;
  /** A fetch was asked for while one was under way: the jobs it looked for may have been written since. */
  again: boolean;
}

const DUE_STATES = ['created', 'retry'];
const HOUR_MS = 3_600_000;
const KEEP_FINISHED_MS = 24 * HOUR_MS;

/** The job queue on the SQLite store: one process polls the jobs table and runs the jobs itself. */
export class EmbeddedQueue implements JobQueue {
  private readonly workers = new Map<string, Worker>();
  /** Claims and jobs under way, which stop() waits for. */
  private readonly running = new Set<Promise<void>>();
  private stopPolling: (() => void) | undefined;
  private cleanedAt = 0;
  private readonly clock: Clock;

  constructor(
    private readonly db: Db,
    private readonly options: EmbeddedQueueOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async send<T extends object>(name: string, data: T, options: JobOptions = {}, trx?: Transaction<Database>): Promise<string | null> {
    const now = this.clock.now();
    const windowMs = (options.singletonSeconds ?? 0) * 1000;
    const singletonOn = windowMs > 0 ? new Date(Math.floor(now / windowMs) * windowMs).toISOString() : null;
    const id = randomUUID();
    const inserted = await (trx ?? this.db)
      .insertInto('jobs')
      .values({
        id,
        name,
        data: JSON.stringify(data),
        state: 'created',
        attempts: 0,
        retry_limit: options.retryLimit ?? 0,
        retry_delay: Math.max(1, Math.round(options.retryDelaySeconds ?? 1)),
        start_after: new Date(now + (options.startAfterSeconds ?? 0) * 1000).toISOString(),
        // A window without a key holds one job of the name, as on pg-boss (NULLs never conflict).
        singleton_key: singletonOn === null ? null : (options.singletonKey ?? ''),
        singleton_on: singletonOn,
        last_error: null,
        created_at: new Date(now).toISOString(),
        started_at: null,
        completed_at: null,
      })
      .onConflict((conflict) => conflict.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) return null;
    // A job written in a transaction is fetched once it commits; one whose commit cannot be seen waits for the poll.
    if (trx === undefined) this.fetch(name);
    else afterCommit(trx, () => this.fetch(name));
    return id;
  }

  work<T>(name: string, handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    if (this.workers.has(name)) throw new Error(`Job queue '${name}' already has a handler`);
    this.workers.set(name, {
      handler: handler as JobHandler<unknown>,
      concurrency: Math.max(1, options.concurrency ?? 1),
      running: 0,
      claiming: false,
      again: false,
    });
    this.fetch(name);
  }

  async start(): Promise<void> {
    if (this.stopPolling !== undefined) return;
    // Jobs still active were cut off by a process that stopped without finishing them; that attempt counts.
    const interrupted = 'The process stopped while the job ran';
    await this.db
      .updateTable('jobs')
      .set({ state: 'failed', last_error: interrupted, completed_at: this.clock.nowIso() })
      .where('state', '=', 'active')
      .whereRef('attempts', '>', 'retry_limit')
      .execute();
    await this.db.updateTable('jobs').set({ state: 'retry', last_error: interrupted }).where('state', '=', 'active').execute();
    this.stopPolling = this.clock.every(this.options.pollingIntervalMs ?? 500, () => this.poll());
    this.poll();
  }

  /** One process runs every job, and start() hands back what an earlier run of it left active. */
  async stalled(): Promise<Array<{ id: string; data: unknown }>> {
    return [];
  }

  async stop(): Promise<void> {
    this.stopPolling?.();
    this.stopPolling = undefined;
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private poll(): void {
    for (const name of this.workers.keys()) this.fetch(name);
    if (this.clock.now() - this.cleanedAt >= HOUR_MS) {
      this.cleanedAt = this.clock.now();
      this.track(this.cleanUp());
    }
  }

  private fetch(name: string): void {
    const worker = this.workers.get(name);
    if (worker === undefined || this.stopPolling === undefined) return;
    if (worker.claiming) {
      worker.again = true;
      return;
    }
    worker.claiming = true;
    this.track(
      this.claim(name, worker).finally(() => {
        worker.claiming = false;
        if (worker.again) {
          worker.again = false;
          this.fetch(name);
        }
      }),
    );
  }

  /** Takes as many due jobs as the worker has room for, in one conditional update, and runs them. */
  private async claim(name: string, worker: Worker): Promise<void> {
    const room = worker.concurrency - worker.running;
    if (room <= 0) return;
    const now = this.clock.nowIso();
    const rows = await commitWrite(this.db, (db) =>
      db
        .updateTable('jobs')
        .set((eb) => ({ state: 'active', attempts: eb('attempts', '+', 1), started_at: now }))
        .where('state', 'in', DUE_STATES)
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('jobs')
            .select('id')
            .where('name', '=', name)
            .where('state', 'in', DUE_STATES)
            .where('start_after', '<=', now)
            .orderBy('start_after')
            .orderBy('created_at')
            .limit(room),
        )
        .returningAll()
        .execute(),
    );
    for (const row of rows) this.track(this.run(worker, row));
  }

  private async run(worker: Worker, row: JobRow): Promise<void> {
    worker.running++;
    try {
      let outcome: Updateable<JobTable>;
      try {
        const data: unknown = JSON.parse(row.data);
        await worker.handler({ id: row.id, name: row.name, data, attempt: row.attempts, lastAttempt: row.attempts > row.retry_limit });
        outcome = { state: 'completed', completed_at: this.clock.nowIso() };
      } catch (error) {
        outcome = afterFailure(row, error, this.clock);
      }
      await commitWrite(this.db, (db) => db.updateTable('jobs').set(outcome).where('id', '=', row.id).execute());
    } finally {
      worker.running--;
      this.fetch(row.name);
    }
  }

  private async cleanUp(): Promise<void> {
    await this.db
      .deleteFrom('jobs')
      .where('state', 'in', ['completed', 'failed'])
      .where('completed_at', '<', this.clock.isoIn(-KEEP_FINISHED_MS))
      .execute();
  }

  private track(work: Promise<void>): void {
    const tracked: Promise<void> = work.catch(this.options.onError).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}

/** A failed attempt: retried with exponential backoff and jitter (as pg-boss does), or failed for good after the last one. */
function afterFailure(row: JobRow, error: unknown, clock: Clock): Updateable<JobTable> {
  const last_error = error instanceof Error ? error.message : String(error);
  if (row.attempts > row.retry_limit) return { state: 'failed', last_error, completed_at: clock.nowIso() };
  const delayMs = row.retry_delay * 2 ** Math.min(row.attempts - 1, 16) * (1 + Math.random()) * 1000;
  return { state: 'retry', last_error, start_after: clock.isoIn(delayMs) };
}
