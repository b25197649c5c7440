import type { Db } from '../store/database.js';
import { type IncidentFilter, incidentCount, incidentPage, insertIncident } from '../store/incidents.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';
import { instant } from './transactions.js';

export type IncidentLevel = 'Error' | 'Warning';

export interface Incident {
  accountId: string;
  cycleId: number;
  level: IncidentLevel;
  shortMessage: string;
  fullMessage: string;
  stepId?: number | null;
  stepName?: string | null;
  transactionId?: string | null;
}

/** Raises an incident, in the caller's transaction: it exists if and only if what it reports is committed. */
export function recordIncident(db: Db, now: string, incident: Incident): Promise<void> {
  return insertIncident(db, {
    account_id: incident.accountId,
    cycle_id: incident.cycleId,
    level: incident.level,
    // A short message fits a list line; the full one says the rest.
    short_message: incident.shortMessage.length > 200 ? `${incident.shortMessage.slice(0, 199)}…` : incident.shortMessage,
    full_message: incident.fullMessage,
    step_id: incident.stepId ?? null,
    step_name: incident.stepName ?? null,
    transaction_id: incident.transactionId ?? null,
    created_at: now,
  });
}

const view = (row: Awaited<ReturnType<typeof incidentPage>>[number]) => ({
  Id: row.id,
  CycleId: row.cycle_id,
  CycleName: row.cycle_name,
  IncidentLevel: row.level,
  ShortMessage: row.short_message,
  FullMessage: row.full_message,
  StepId: row.step_id,
  StepName: row.step_name,
  TransactionId: row.transaction_id,
  CreatedOnUtc: row.created_at,
});

/** Reading an account's incidents, across its cycles. */
export class Incidents {
  constructor(private readonly db: Db) {}

  async list(accountId: string, filter: IncidentFilter, page: PageRequest): Promise<Page<ReturnType<typeof view>>> {
    filter = { ...filter, after: instant('after', filter.after), before: instant('before', filter.before) };
    const [rows, total] = await Promise.all([
      incidentPage(this.db, accountId, filter, page.pageSize, offsetOf(page)),
      incidentCount(this.db, accountId, filter),
    ]);
    return { items: rows.map(view), total };
  }
}
