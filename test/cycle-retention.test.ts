import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { TestClock } from '../src/clock.js';
import { pruneTransactions, RETENTION_LIMITS } from '../src/services/cycle-retention.js';
import { openDatabase } from '../src/store/database.js';
import { usesBuiltInSqlite } from '../src/store/sqlite-driver.js';
import { needsVacuumToReclaim } from '../src/store/sqlite-space.js';
import { insertStepRun, insertTransaction } from '../src/store/transactions.js';
import { type Patchbay, startPatchbay, TEST_DATABASE_URL } from './support/harness.js';

const HOUR = 3_600_000;
const SWEEP_SECONDS = 60;

/**
 * Transactions are written through the store's own functions rather than by running the cycle: the
 * tests need thousands of them, in every status, finished at chosen times.
 */
describe('cycle transaction retention', () => {
  const clock = new TestClock(Date.parse('2030-01-01T00:00:00Z'));
  let patchbay: Patchbay;

  beforeAll(async () => {
    patchbay = await startPatchbay({ PATCHBAY_SWEEP_INTERVAL_SECONDS: String(SWEEP_SECONDS) }, undefined, { clock });
  });
  afterAll(async () => {
    await patchbay?.close();
  });

  async function cycle(settings: Record<string, unknown> = {}) {
    const account = `retention-${randomUUID()}`;
    expect((await patchbay.call('POST', '/v1.0/accounts', { body: { Id: account, Name: account } })).status).toBe(200);
    const reply = await patchbay.call('POST', '/v1.0/cycles', { account, body: { Name: 'Kept a while', ...settings } });
    expect(reply.status).toBe(200);
    return { account, cycleId: ((await reply.json()) as Reply<'getCycle'>).Id };
  }

  /** `n` transactions of a cycle in `status`, completed `ageHours` ago, each with two step runs of `bytes` step data. */
  async function seed(at: { account: string; cycleId: number }, n: number, status: string, ageHours: number, bytes = 100) {
    const ids = Array.from({ length: n }, () => randomUUID());
    const finished = !['Queued', 'Running', 'Waiting'].includes(status);
    const completed = clock.isoIn(-ageHours * HOUR);
    const data = JSON.stringify({ note: 'x'.repeat(bytes) });
    await patchbay.ctx.db.transaction().execute(async (trx) => {
      for (const id of ids) {
        await insertTransaction(trx, {
          id,
          cycle_id: at.cycleId,
          account_id: at.account,
          status,
          trigger_item: data,
          message: null,
          created_at: completed,
          started_at: completed,
          completed_at: finished ? completed : null,
          next_step_id: null,
        });
        for (const step of [1, 2]) {
          await insertStepRun(trx, {
            transaction_id: id,
            account_id: at.account,
            step_id: step,
            step_name: `Step ${step}`,
            status: 'Success',
            attempt: 1,
            started_at: completed,
            completed_at: completed,
            request: data,
            response: data,
            output: data,
            error: null,
          });
        }
      }
    });
    return ids;
  }

  async function remaining(ids: string[]) {
    const db = patchbay.ctx.db;
    const transactions = await db.selectFrom('cycle_transactions').select('id').where('id', 'in', ids).execute();
    const runs = await db.selectFrom('step_runs').select('id').where('transaction_id', 'in', ids).execute();
    return { transactions: transactions.length, stepRuns: runs.length };
  }

  const status = async (at: { account: string }, id: string) =>
    (await patchbay.call('GET', `/v1.0/transactions/${id}`, { account: at.account })).status;

  it('deletes finished transactions and their step runs past their retention, and keeps the younger ones', async () => {
    const at = await cycle({ StepDataSuccessRetentionHours: 24, StepDataErroredRetentionHours: 24 });
    const old = [...(await seed(at, 3, 'Success', 25)), ...(await seed(at, 2, 'Errored', 25)), ...(await seed(at, 1, 'Uncertain', 25))];
    const young = [...(await seed(at, 3, 'Success', 23)), ...(await seed(at, 2, 'Errored', 23))];
    await pruneTransactions(patchbay.ctx.db, clock);
    expect(await remaining(old)).toEqual({ transactions: 0, stepRuns: 0 });
    expect(await remaining(young)).toEqual({ transactions: 5, stepRuns: 10 });
    expect(await status(at, old[0] as string)).toBe(404);
    expect(await status(at, young[0] as string)).toBe(200);
  });

  it('never prunes a queued, running or waiting transaction, nor the step outputs it still needs', async () => {
    const at = await cycle({ StepDataSuccessRetentionHours: 1, StepDataErroredRetentionHours: 1 });
    const unfinished = [
      ...(await seed(at, 2, 'Queued', 1000)),
      ...(await seed(at, 2, 'Running', 1000)),
      ...(await seed(at, 2, 'Waiting', 1000)),
    ];
    await pruneTransactions(patchbay.ctx.db, clock);
    expect(await remaining(unfinished)).toEqual({ transactions: 6, stepRuns: 12 });
    const outputs = await patchbay.ctx.db.selectFrom('step_runs').select('output').where('transaction_id', 'in', unfinished).execute();
    expect(outputs.every((run) => run.output !== null)).toBe(true);
  });

  it('applies the success and the errored retention each to its own transactions, per cycle', async () => {
    const keepsErrors = await cycle({ StepDataSuccessRetentionHours: 24, StepDataErroredRetentionHours: 240 });
    const keepsSuccesses = await cycle({ StepDataSuccessRetentionHours: 240, StepDataErroredRetentionHours: 24 });
    const defaults = await cycle();
    const gone = [...(await seed(keepsErrors, 2, 'Success', 48)), ...(await seed(keepsSuccesses, 2, 'Errored', 48))];
    const kept = [...(await seed(keepsErrors, 2, 'Errored', 48)), ...(await seed(keepsSuccesses, 2, 'Success', 48))];
    // The default is 31 days for both.
    const defaultGone = await seed(defaults, 2, 'Success', 31 * 24 + 1);
    const defaultKept = await seed(defaults, 2, 'Errored', 31 * 24 - 1);
    await pruneTransactions(patchbay.ctx.db, clock);
    expect(await remaining([...gone, ...defaultGone])).toEqual({ transactions: 0, stepRuns: 0 });
    expect(await remaining([...kept, ...defaultKept])).toEqual({ transactions: 6, stepRuns: 12 });
  });

  it('deletes at most its limit in one pass, in statements of at most the batch size, and the rest in later passes', async () => {
    const at = await cycle({ StepDataSuccessRetentionHours: 1 });
    const ids = await seed(at, 250, 'Success', 2);
    const limits = { ...RETENTION_LIMITS, batchSize: 40, perPass: 100 };
    const first = await pruneTransactions(patchbay.ctx.db, clock, limits);
    expect(first.transactions).toBe(100);
    expect((await remaining(ids)).transactions).toBe(150);
    await pruneTransactions(patchbay.ctx.db, clock, limits);
    await pruneTransactions(patchbay.ctx.db, clock, limits);
    expect(await remaining(ids)).toEqual({ transactions: 0, stepRuns: 0 });
  });

  it('prunes from the periodic sweep once the clock has moved past the retention', async () => {
    const at = await cycle({ StepDataSuccessRetentionHours: 2 });
    // Completed half a sweep interval short of the retention: the next sweep finds it past.
    const ids = await seed(at, 5, 'Success', 2 - SWEEP_SECONDS / 2 / 3600);
    expect((await remaining(ids)).transactions).toBe(5);
    await clock.advance(SWEEP_SECONDS * 1000);
    await vi.waitFor(async () => expect(await remaining(ids)).toEqual({ transactions: 0, stepRuns: 0 }), { timeout: 10_000, interval: 50 });
  });

  it.skipIf(TEST_DATABASE_URL !== undefined)('retention pruning shrinks the database file', { timeout: 120_000 }, async () => {
    const file = path.join(patchbay.dataDir, 'patchbay.sqlite');
    expect(existsSync(file)).toBe(true);
    const size = async () => {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(patchbay.ctx.db);
      return statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    };
    const at = await cycle({ StepDataSuccessRetentionHours: 1 });
    const empty = await size();
    const ids = await seed(at, 5_000, 'Success', 2, 250);
    const full = await size();
    expect(full - empty).toBeGreaterThan(5_000_000);
    for (let pass = 0; pass < 2; pass++) await pruneTransactions(patchbay.ctx.db, clock, { ...RETENTION_LIMITS, pagesPerPass: 1_000_000 });
    expect((await remaining(ids)).transactions).toBe(0);
    expect(await size()).toBeLessThan(empty + (full - empty) / 10);
  });
});

describe('SQLite free pages', () => {
  it('switches a file made without incremental auto-vacuum at start-up, keeping its rows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patchbay-vacuum-'));
    const file = path.join(dir, 'older.sqlite');
    try {
      // A file as an earlier Patchbay made it: tables created before auto-vacuum was ever set.
      const require = createRequire(import.meta.url);
      const older = usesBuiltInSqlite
        ? new (require('node:sqlite') as { DatabaseSync: new (f: string) => { exec(s: string): void; close(): void } }).DatabaseSync(file)
        : new (require('better-sqlite3') as typeof import('better-sqlite3'))(file);
      older.exec("CREATE TABLE kept (x TEXT); INSERT INTO kept VALUES ('still here')");
      older.close();
      const db = await openDatabase(file);
      try {
        expect(await needsVacuumToReclaim(db)).toBe(false);
        const { rows } = await sql<{ x: string }>`SELECT x FROM kept`.execute(db);
        expect(rows).toEqual([{ x: 'still here' }]);
      } finally {
        await db.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
