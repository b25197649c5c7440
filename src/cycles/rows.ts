import type { CycleEdgeRow, CycleStepRow, StepMappingRow } from '../store/cycle-schema.js';
import type { Edge, Mapping, Step, StepConfig, StepMapping } from './model.js';

/** Rows of the cycle tables as the cycle vocabulary, and back. */

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
    IdempotencyHeader: config.IdempotencyHeader ?? null,
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
    IdempotencyHeader: config.IdempotencyHeader,
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

/** Sealed variable values are bound to their account, cycle and name: one cannot be moved to another. */
export const variableContext = (accountId: string, cycleId: number, name: string) => `cycle-variable:${accountId}:${cycleId}:${name}`;
