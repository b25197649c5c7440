import type { Insertable } from 'kysely';
import type { MethodDefinition } from '../catalogue/schema.js';
import type { CycleSettings } from '../cycles/model.js';
import { notFound, PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import type { CycleRow, CycleTable } from '../store/cycle-schema.js';
import { touchCycle } from '../store/cycles.js';
import type { Db } from '../store/database.js';

/** The rules every cycle service shares. */

export const cycleNotFound = (id: number) => notFound(`Cycle ${id} not found`);
export const stepNotFound = (id: number) => notFound(`Step ${id} not found`);

/**
 * Opens an edit of a cycle inside a transaction: the cycle must exist in the account and not be active.
 * Edits of one cycle are serialized from here on, so the graph checks that follow see the graph they change.
 */
export async function editableCycle(trx: Db, accountId: string, id: number, now: string): Promise<CycleRow> {
  const cycle = await touchCycle(trx, accountId, id, now);
  if (cycle === undefined) throw cycleNotFound(id);
  if (cycle.status === 'Active') {
    throw new PatchbayError('PB_ERR_CYCLE_ACTIVE', `Cycle ${id} is active: deactivate it before changing it`);
  }
  return cycle;
}

/** A method of an install by its readable id (custom category methods: `list-records@3`) or its MethodUniqueIdentifier. */
export function installMethod(install: ResolvedInstall, id: string): MethodDefinition | undefined {
  const lower = id.toLowerCase();
  return (
    install.connector.methods.get(id) ??
    install.connector.methods.get(lower) ??
    install.customMethods.get(id) ??
    install.customMethods.get(lower)
  );
}

/** A new cycle's row: paused, never run. */
export function newCycleRow(accountId: string, settings: CycleSettings, templateId: string | null, now: string): Insertable<CycleTable> {
  return {
    account_id: accountId,
    name: settings.Name,
    description: settings.Description,
    status: 'Paused',
    template_id: templateId,
    step_error_action: settings.StepErrorAction,
    collection_split_type: settings.CollectionSplitType,
    log_step_data_requests: settings.LogStepDataRequests ? 1 : 0,
    success_retention_hours: settings.StepDataSuccessRetentionHours,
    errored_retention_hours: settings.StepDataErroredRetentionHours,
    start_time: null,
    interval_minutes: null,
    run_once: 0,
    last_successful_run_at: null,
    created_at: now,
    updated_at: now,
  };
}
