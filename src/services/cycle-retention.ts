import type { Clock } from '../clock.js';
import { type Db, isSqlite } from '../store/database.js';
import { reclaimFreePages } from '../store/sqlite-space.js';
import { deleteFinishedBefore, type RetentionColumn, retentionHours, stopHeldSince } from '../store/transactions.js';

/**
 * Retention of cycle runs: a finished transaction is kept, with its step runs (requests, responses,
 * outputs), for its cycle's StepDataSuccessRetentionHours or StepDataErroredRetentionHours after it
 * completed, then deleted whole. No summary row stays behind: one per transaction would grow the store
 * without end on a busy instance, and what outlives a transaction is kept on its cycle (its error count
 * and last successful run). Transactions queued, running or waiting are never touched, nor the step
 * outputs they still need.
 */

/** Which finished statuses each retention covers. A status not named here (in progress) is kept. */
const RULES: { column: RetentionColumn; statuses: readonly string[] }[] = [
  { column: 'success_retention_hours', statuses: ['Success', 'Stopped'] },
  // Uncertain waits for a person to retry or dismiss it, like an Errored one.
  { column: 'errored_retention_hours', statuses: ['Errored', 'Uncertain'] },
];

export interface RetentionLimits {
  /** Transactions one statement deletes at most, so no statement holds the database long. */
  batchSize: number;
  /** Transactions one pass deletes at most; the rest wait for the next sweep. */
  perPass: number;
  /** SQLite pages one pass hands back to the file system at most. */
  pagesPerPass: number;
}

export const RETENTION_LIMITS: RetentionLimits = { batchSize: 500, perPass: 10_000, pagesPerPass: 8_192 };

const HOUR_MS = 3_600_000;

/** One pruning pass, run by the sweep; answers what it removed. */
export async function pruneTransactions(
  db: Db,
  clock: Clock,
  limits: RetentionLimits = RETENTION_LIMITS,
): Promise<{ transactions: number; pages: number }> {
  let left = limits.perPass;
  for (const { column, statuses } of RULES) {
    for (const hours of await retentionHours(db, column)) {
      const before = clock.isoIn(-hours * HOUR_MS);
      while (left > 0) {
        const limit = Math.min(limits.batchSize, left);
        const deleted = await deleteFinishedBefore(db, column, hours, statuses, before, limit);
        left -= deleted;
        if (deleted < limit) break;
      }
    }
  }
  // Free pages are reclaimed even when this pass deleted nothing: an earlier pass may have left some.
  const pages = isSqlite(db) ? await reclaimFreePages(db, limits.pagesPerPass) : 0;
  return { transactions: limits.perPass - left, pages };
}

/** How long a deactivated cycle's held transactions wait for it to be activated again. */
const HELD_FOR_MS = 24 * 3_600_000;

/** Stops the transactions held by a deactivation that has lasted 24 hours; answers how many. */
export function stopLongHeld(db: Db, clock: Clock): Promise<number> {
  const message = 'Stopped: its cycle stayed deactivated for 24 hours without finishing its queued transactions';
  return stopHeldSince(db, clock.isoIn(-HELD_FOR_MS), clock.nowIso(), message);
}
