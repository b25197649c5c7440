import type { Insertable } from 'kysely';
import type { MethodDefinition } from '../catalogue/schema.js';
import type { CycleSettings, Edge, Mapping, Step, StepConfig, StepMapping } from '../cycles/model.js';
import { notFound, PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import type { CycleEdgeRow, CycleRow, CycleStepRow, CycleTable, StepMappingRow } from '../store/cycle-schema.js';
import { touchCycle } from '../store/cycles.js';
import type { Db } from '../store/database.js';

/** Rows of the cycle tables as the cycle vocabulary, and the rules every cycle service shares. */

export function toStep(row: CycleStepRow): Step {
  const config = JSON.parse(row.config) as Partial<StepConfig>;
  return {
    Id: row.id,
    Key: row.key,
    Name: row.name,
    ActionType: row.action_type as Step['ActionType'],
    AccountConnectorId: row.account_connector_id,
    MethodId: row.method_id,
    StepErrorAction: row.step_error_action as Step['StepErrorAction'],
    Decision: config.Decision ?? null,
    DelaySeconds: config.DelaySeconds ?? null,
    WaitUntil: config.WaitUntil ?? null,
    Response: config.Response ?? null,
    SamplePayload: config.SamplePayload ?? null,
    PendingObject: config.PendingObject,
  };
}

export const stepConfig = (config: Omit<StepConfig, 'StepErrorAction'>): string =>
  JSON.stringify({
    Decision: config.Decision,
    DelaySeconds: config.DelaySeconds,
    WaitUntil: config.WaitUntil,
    Response: config.Response,
    SamplePayload: config.SamplePayload,
    PendingObject: config.PendingObject,
  });

export const toEdge = (row: CycleEdgeRow): Edge => ({
  Id: row.id,
  HeadStepId: row.head_step_id,
  TailStepId: row.tail_step_id,
  EdgeType: row.edge_type as Edge['EdgeType'],
});

export function toMapping(row: StepMappingRow): StepMapping {
  const mapping: StepMapping = {
    StepId: row.step_id,
    Target: row.target as StepMapping['Target'],
    Name: row.name,
    MappingType: row.mapping_type as Mapping['MappingType'],
  };
  if (row.value !== null) mapping.Value = JSON.parse(row.value);
  if (row.source_step_id !== null) mapping.SourceStepId = row.source_step_id;
  if (row.source_field_id !== null) mapping.SourceFieldId = row.source_field_id;
  if (row.variable_name !== null) mapping.VariableName = row.variable_name;
  return mapping;
}

/** A mapping's columns. */
export const mappingColumns = (mapping: Mapping) => ({
  mapping_type: mapping.MappingType,
  value: mapping.Value === undefined ? null : JSON.stringify(mapping.Value),
  source_step_id: mapping.SourceStepId ?? null,
  source_field_id: mapping.SourceFieldId ?? null,
  variable_name: mapping.VariableName ?? null,
});

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

/** Whether the error is a 404 or a 409 of an install that is gone or whose connector is (a step then just lacks it). */
export const isMissing = (error: unknown): boolean =>
  error instanceof PatchbayError && (error.code === 'PB_ERR_NOT_FOUND' || error.code === 'PB_ERR_CONFLICT');

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

/** Sealed variable values are bound to their account, cycle and name: one cannot be moved to another. */
export const variableContext = (accountId: string, cycleId: number, name: string) => `cycle-variable:${accountId}:${cycleId}:${name}`;
