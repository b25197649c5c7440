import { describe, expect, it } from 'vitest';
import type { MethodDefinition } from '../src/catalogue/schema.js';
import type { Edge, Step, StepMapping } from '../src/cycles/model.js';
import { type CycleGraph, prerequisites } from '../src/cycles/prerequisites.js';

const method: MethodDefinition = {
  Id: 'update-contact',
  MethodUniqueIdentifier: '6f1c2a0e-3b7d-4c59-9a52-1d0e8f3b7a05',
  Name: 'Update Contact',
  Category: 'contacts',
  HttpMethod: 'PUT',
  Endpoint: '/contacts/{{id}}',
  Parameters: [
    { Name: 'id', In: 'path', Type: 'integer', Required: true },
    { Name: 'mode', In: 'query', Type: 'string', Required: true, Default: 'full' },
    { Name: 'note', In: 'query', Type: 'string' },
  ],
  Fields: [
    { Name: 'name', Type: 'string', Required: true },
    { Name: 'createdAt', Type: 'string', Required: true, ReadOnly: true },
    { Name: 'email', Type: 'string' },
  ],
  Output: 'Nothing',
};

const base = {
  StepErrorAction: null,
  Decision: null,
  DelaySeconds: null,
  WaitUntil: null,
  Response: null,
  SamplePayload: null,
  IdempotencyHeader: null,
};
const step = (Id: number, ActionType: Step['ActionType'], more: Partial<Step> = {}): Step => ({
  ...base,
  Id,
  Key: `step_${Id}`,
  Name: `Step ${Id}`,
  ActionType,
  AccountConnectorId: ActionType === 'Method' ? 7 : null,
  MethodId: ActionType === 'Method' ? 'update-contact' : null,
  ...more,
});
const edge = (HeadStepId: number, TailStepId: number, EdgeType: Edge['EdgeType'] = 'Forward'): Edge => ({
  Id: HeadStepId * 100 + TailStepId,
  HeadStepId,
  TailStepId,
  EdgeType,
});

function graph(steps: Step[], edges: Edge[], more: Partial<CycleGraph> = {}): CycleGraph {
  return {
    cycleId: 1,
    steps,
    edges,
    mappings: [],
    variables: new Set(),
    installs: new Map([[7, { Name: 'Example', Authenticated: true }]]),
    methods: new Map(steps.filter((s) => s.ActionType === 'Method').map((s) => [s.Id, method])),
    ...more,
  };
}

const mapped = (StepId: number, Target: StepMapping['Target'], Name: string, mapping: Partial<StepMapping> = {}): StepMapping => ({
  StepId,
  Target,
  Name,
  MappingType: 'StaticValue',
  Value: 1,
  ...mapping,
});
const codes = (g: CycleGraph) => prerequisites(g).map((p) => [p.ReasonCode, p.ObjectType, p.StepId, p.FieldName]);

describe('cycle prerequisites', () => {
  it('asks for two steps at least', () => {
    expect(codes(graph([], []))).toEqual([[10, 'Cycle', null, null]]);
    expect(prerequisites(graph([step(1, 'Webhook')], []))[0]).toMatchObject({ ReasonCode: 10, ObjectId: '1' });
  });

  it('names each step not connected to the trigger, and a trigger that is neither a method nor a webhook', () => {
    expect(codes(graph([step(1, 'Webhook'), step(2, 'Stop'), step(3, 'Stop')], [edge(1, 2)]))).toEqual([[11, 'Step', 3, null]]);
    expect(codes(graph([step(1, 'Delay', { DelaySeconds: 5 }), step(2, 'Stop')], [edge(1, 2)]))).toEqual([[11, 'Step', 1, null]]);
  });

  it('names an unauthenticated account connector once, and a step whose install or method is gone', () => {
    const steps = [step(1, 'Webhook'), step(2, 'Method'), step(3, 'Method'), step(4, 'Method', { AccountConnectorId: 8 })];
    const mappings = [2, 3].flatMap((id) => [mapped(id, 'Parameter', 'id'), mapped(id, 'Field', 'name')]);
    const installs = new Map([[7, { Name: 'Example', Authenticated: false }]]);
    expect(codes(graph(steps, [edge(1, 2), edge(2, 3), edge(3, 4)], { mappings, installs }))).toEqual([
      [20, 'AccountConnector', null, null],
      [20, 'Step', 4, null],
    ]);
    const methods = new Map([[2, method]]);
    expect(codes(graph(steps.slice(0, 3), [edge(1, 2), edge(2, 3)], { mappings, methods }))).toEqual([[20, 'Step', 3, null]]);
  });

  it('asks for required parameters and fields without a default or with Ignore, not read-only or optional ones', () => {
    const steps = [step(1, 'Webhook'), step(2, 'Method')];
    expect(codes(graph(steps, [edge(1, 2)]))).toEqual([
      [40, 'StepParameter', 2, 'id'],
      [41, 'StepField', 2, 'name'],
    ]);
    const mappings = [mapped(2, 'Parameter', 'id'), mapped(2, 'Field', 'name', { MappingType: 'Ignore', Value: undefined })];
    expect(codes(graph(steps, [edge(1, 2)], { mappings }))).toEqual([[41, 'StepField', 2, 'name']]);
  });

  it('names a mapping whose source step no longer comes before it, or whose variable is gone', () => {
    const steps = [step(1, 'Webhook'), step(2, 'Method'), step(3, 'Stop')];
    const mappings = [
      mapped(2, 'Parameter', 'id', { MappingType: 'StepField', Value: undefined, SourceStepId: 3, SourceFieldId: 'id' }),
      mapped(2, 'Field', 'name', { MappingType: 'Variable', Value: undefined, VariableName: 'gone' }),
      mapped(2, 'Field', 'email', { MappingType: 'StepField', Value: undefined, SourceStepId: 1, SourceFieldId: 'email' }),
    ];
    const found = prerequisites(graph(steps, [edge(1, 2), edge(2, 3)], { mappings }));
    expect(found.map((p) => [p.ReasonCode, p.FieldName])).toEqual([
      [40, 'id'],
      [41, 'name'],
    ]);
    expect(found[0]?.Reason).toContain("'Step 3' does not come before it");
    expect(found[1]?.Reason).toContain("no variable 'gone'");
  });

  it('asks for decision criteria and both operands, a delay, a wait-until date and a response', () => {
    const steps = [
      step(1, 'Webhook'),
      step(2, 'Decision'),
      step(3, 'Delay'),
      step(4, 'WaitUntil'),
      step(5, 'SynchronousResponse'),
      step(6, 'Decision', {
        Decision: { Left: { MappingType: 'Variable', VariableName: 'x' }, Condition: 'Equals', Right: null },
      }),
      step(7, 'Decision', { Decision: { Left: { MappingType: 'StepField', SourceStepId: 1, SourceFieldId: 'a' }, Condition: 'Exists' } }),
    ];
    const edges = [edge(1, 2), edge(2, 3, 'True'), edge(3, 4), edge(4, 5), edge(5, 6), edge(6, 7, 'True')];
    expect(codes(graph(steps, edges))).toEqual([
      [31, 'Step', 2, null],
      [32, 'Step', 3, null],
      [33, 'Step', 4, null],
      [30, 'Step', 5, null],
      [50, 'Step', 6, null],
      [51, 'Step', 6, null],
    ]);
  });

  it('finds nothing in a complete cycle', () => {
    const steps = [step(1, 'Webhook'), step(2, 'Method'), step(3, 'Delay', { DelaySeconds: 60 })];
    const mappings = [mapped(2, 'Parameter', 'id'), mapped(2, 'Field', 'name', { MappingType: 'Expression', Value: 'trigger.name' })];
    expect(prerequisites(graph(steps, [edge(1, 2), edge(2, 3)], { mappings }))).toEqual([]);
  });
});
