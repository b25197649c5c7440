import { badRequest } from '../errors.js';
import type { CycleTransactionRow, StepRunRow } from '../store/cycle-schema.js';
import { cycleOf } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import { stepRunsOf, type TransactionFilter, transactionCount, transactionOf, transactionPage } from '../store/transactions.js';
import { cycleNotFound } from './cycle-parts.js';
import { transactionNotFound } from './cycle-runs.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';

const view = (row: CycleTransactionRow) => ({
  Id: row.id,
  CycleId: row.cycle_id,
  Status: row.status,
  Message: row.message,
  CreatedOnUtc: row.created_at,
  StartedOnUtc: row.started_at,
  CompletedOnUtc: row.completed_at,
});

const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function stepView(run: StepRunRow, logged: boolean) {
  return {
    StepId: run.step_id,
    StepName: run.step_name,
    Status: run.status,
    Attempt: run.attempt,
    StartedOnUtc: run.started_at,
    CompletedOnUtc: run.completed_at,
    Message: run.error,
    ...(logged ? { Request: parsed(run.request), Response: parsed(run.response) } : {}),
  };
}

/** A date-time filter as the store keeps instants (ISO 8601 UTC); 400 when malformed. */
export function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw badRequest(`${name} must be an ISO 8601 date and time`);
  return new Date(ms).toISOString();
}

/** Reading an account's cycle transactions and their step runs. */
export class Transactions {
  constructor(private readonly db: Db) {}

  async list(accountId: string, cycleId: number, filter: TransactionFilter, page: PageRequest): Promise<Page<ReturnType<typeof view>>> {
    if ((await cycleOf(this.db, accountId, cycleId)) === undefined) throw cycleNotFound(cycleId);
    filter = { ...filter, after: instant('after', filter.after), before: instant('before', filter.before) };
    const [rows, total] = await Promise.all([
      transactionPage(this.db, accountId, cycleId, filter, page.pageSize, offsetOf(page)),
      transactionCount(this.db, accountId, cycleId, filter),
    ]);
    return { items: rows.map(view), total };
  }

  /** A transaction with every step run; requests and responses only when its cycle logs them. */
  async get(accountId: string, id: string) {
    const row = await transactionOf(this.db, accountId, id);
    if (row === undefined) throw transactionNotFound(id);
    const [cycle, runs] = await Promise.all([cycleOf(this.db, accountId, row.cycle_id), stepRunsOf(this.db, id)]);
    const logged = cycle?.log_step_data_requests === 1;
    return { ...view(row), Steps: runs.map((run) => stepView(run, logged)) };
  }
}
