import { type OutputField, outputFields } from '../catalogue/method-output.js';
import type { MethodDefinition } from '../catalogue/schema.js';
import { ancestors, topologicalOrder } from './graph.js';
import type { Edge, Step } from './model.js';

/** One earlier step, with the fields of its output a mapping can pick. */
export interface StepFields {
  StepId: number;
  StepKey: string;
  StepName: string;
  ActionType: Step['ActionType'];
  Fields: OutputField[];
}

/**
 * The steps before a step in the graph, trigger first, each with its output's fields: a Method step's
 * from its method's declared output, a Webhook trigger's from its sample payload (none without one).
 * Other steps output nothing to map.
 */
export function fieldsForMapping(
  steps: readonly Step[],
  edges: readonly Edge[],
  stepId: number,
  methods: ReadonlyMap<number, MethodDefinition>,
): StepFields[] {
  const before = ancestors(edges, stepId);
  const byId = new Map(steps.map((s) => [s.Id, s]));
  return topologicalOrder(
    steps.map((s) => s.Id),
    edges,
  )
    .filter((id) => before.has(id))
    .map((id) => byId.get(id) as Step)
    .filter((step) => step.ActionType === 'Method' || step.ActionType === 'Webhook')
    .map((step) => ({
      StepId: step.Id,
      StepKey: step.Key,
      StepName: step.Name,
      ActionType: step.ActionType,
      Fields: step.ActionType === 'Webhook' ? sampleFields(step.SamplePayload) : methodFields(methods.get(step.Id)),
    }));
}

const methodFields = (method: MethodDefinition | undefined): OutputField[] => (method === undefined ? [] : outputFields(method.Output));

const jsonType = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

/** The fields of an example body, named as declared outputs name theirs (`[]` for each element of a list). */
export function sampleFields(sample: unknown): OutputField[] {
  const fields: OutputField[] = [];
  // A list payload is split into items: its fields are those of the first item.
  const item = Array.isArray(sample) ? sample[0] : sample;
  const walk = (value: unknown, prefix: string) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [name, child] of Object.entries(value)) {
      const path = `${prefix}${name}`;
      fields.push({ Field: path, DataType: jsonType(child), IsNullable: child === null, Format: null, Description: '' });
      if (Array.isArray(child)) walk(child[0], `${path}[].`);
      else walk(child, `${path}.`);
    }
  };
  walk(item, '');
  return fields;
}
