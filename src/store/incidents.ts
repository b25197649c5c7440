import type { Insertable } from 'kysely';
import type { CycleIncidentRow, CycleIncidentTable } from './cycle-schema.js';
import type { Db } from './database.js';

/** The queries of `cycle_incidents`, the only place that writes it; scoped by account like every other. */

/** Records an incident; a Warning also counts on its cycle's WarningCount (errors count as errored transactions). */
export async function insertIncident(db: Db, row: Insertable<CycleIncidentTable>): Promise<void> {
  await db.insertInto('cycle_incidents').values(row).execute();
  if (row.level !== 'Warning') return;
  await db
    .updateTable('cycles')
    .set((eb) => ({ warning_count: eb('warning_count', '+', 1) }))
    .where('id', '=', row.cycle_id)
    .where('account_id', '=', row.account_id)
    .execute();
}

export interface IncidentFilter {
  level?: string | undefined;
  /** Raised at or after / before these ISO instants. */
  after?: string | undefined;
  before?: string | undefined;
}

function filtered(db: Db, accountId: string, filter: IncidentFilter) {
  let query = db.selectFrom('cycle_incidents').where('cycle_incidents.account_id', '=', accountId);
  if (filter.level !== undefined) query = query.where('level', '=', filter.level);
  if (filter.after !== undefined) query = query.where('cycle_incidents.created_at', '>=', filter.after);
  if (filter.before !== undefined) query = query.where('cycle_incidents.created_at', '<', filter.before);
  return query;
}

/** A page of an account's incidents, newest first, each with its cycle's name. */
export function incidentPage(
  db: Db,
  accountId: string,
  filter: IncidentFilter,
  limit: number,
  offset: number,
): Promise<(CycleIncidentRow & { cycle_name: string })[]> {
  return filtered(db, accountId, filter)
    .innerJoin('cycles', 'cycles.id', 'cycle_incidents.cycle_id')
    .selectAll('cycle_incidents')
    .select('cycles.name as cycle_name')
    .orderBy('cycle_incidents.created_at', 'desc')
    .orderBy('cycle_incidents.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function incidentCount(db: Db, accountId: string, filter: IncidentFilter): Promise<number> {
  const row = await filtered(db, accountId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
