import type { MethodDefinition } from '../catalogue/schema.js';
import { ancestors, roots } from './graph.js';
import { mappingReferenceFault } from './mapping-rules.js';
import type { Edge, Mapping, MappingTarget, Prerequisite, Step, StepMapping } from './model.js';
import { UNARY_CONDITIONS } from './model.js';

/** A cycle as the prerequisites see it; the service resolves installs and methods, this module judges. */
export interface CycleGraph {
  cycleId: number;
  steps: readonly Step[];
  edges: readonly Edge[];
  mappings: readonly StepMapping[];
  variables: ReadonlySet<string>;
  /** The account connectors the Method steps use, by id; an id missing here is an install that is gone. */
  installs: ReadonlyMap<number, { Name: string; Authenticated: boolean }>;
  /** Each Method step's method, by step id; missing when the install no longer has it. */
  methods: ReadonlyMap<number, MethodDefinition>;
}

/** A required parameter must be sent: path parameters always are. */
export const requiredParameters = (method: MethodDefinition) =>
  (method.Parameters ?? []).filter((p) => (p.Required === true || p.In === 'path') && p.Default === undefined);

export const requiredFields = (method: MethodDefinition) => (method.Fields ?? []).filter((f) => f.Required === true && f.ReadOnly !== true);

/**
 * What keeps a cycle from being activated, with Cyclr's reason codes, each pointing at the cycle, step,
 * account connector, parameter or field at fault. An empty list: it may run.
 */
export function prerequisites(graph: CycleGraph): Prerequisite[] {
  const found: Prerequisite[] = [];
  const add = (ReasonCode: number, Reason: string, at: Pick<Prerequisite, 'ObjectType' | 'ObjectId'>, step?: Step, field?: string) =>
    found.push({ ReasonCode, Reason, ...at, StepId: step?.Id ?? null, FieldName: field ?? null });
  const { steps, edges } = graph;
  const byId = new Map(steps.map((s) => [s.Id, s]));
  const stepName = (id: number) => byId.get(id)?.Name;
  const onStep = (step: Step) => ({ ObjectType: 'Step' as const, ObjectId: String(step.Id) });

  if (steps.length < 2) add(10, 'A cycle needs at least two steps', { ObjectType: 'Cycle', ObjectId: String(graph.cycleId) });
  const starts = roots(
    steps.map((s) => s.Id),
    edges,
  );
  // The trigger is the start the graph grows from: the first start with a step after it.
  const trigger = byId.get(starts.find((id) => edges.some((e) => e.HeadStepId === id)) ?? (starts[0] as number));
  if (trigger !== undefined && trigger.ActionType !== 'Method' && trigger.ActionType !== 'Webhook') {
    add(11, `The first step, '${trigger.Name}', must be a Method or a Webhook step`, onStep(trigger), trigger);
  }
  for (const id of starts) {
    const step = byId.get(id) as Step;
    if (step !== trigger) add(11, `Step '${step.Name}' is not connected to the trigger '${trigger?.Name}'`, onStep(step), step);
  }

  const reported = new Set<number>();
  for (const step of steps) {
    const before = ancestors(edges, step.Id);
    const fault = (mapping: Mapping | null | undefined) =>
      mapping == null ? 'missing' : mappingReferenceFault(mapping, before, graph.variables, stepName);
    switch (step.ActionType) {
      case 'Method':
        methodPrerequisites(graph, step, before, add, reported);
        break;
      case 'Decision': {
        if (step.Decision === null) {
          add(31, `Decision '${step.Name}' has no criteria`, onStep(step), step);
          break;
        }
        const left = fault(step.Decision.Left);
        if (left !== undefined) add(50, `Decision '${step.Name}': the left operand is ${left}`, onStep(step), step);
        if (!UNARY_CONDITIONS.includes(step.Decision.Condition)) {
          const right = fault(step.Decision.Right);
          if (right !== undefined) add(51, `Decision '${step.Name}': the right operand is ${right}`, onStep(step), step);
        }
        break;
      }
      case 'Delay':
        if (step.DelaySeconds === null) add(32, `Delay '${step.Name}' has no delay period`, onStep(step), step);
        break;
      case 'WaitUntil': {
        const date = fault(step.WaitUntil);
        if (date !== undefined) add(33, `Wait Until '${step.Name}': the date is ${date}`, onStep(step), step);
        break;
      }
      case 'SynchronousResponse': {
        const body = fault(step.Response?.Body);
        if (body !== undefined) add(30, `Synchronous Response '${step.Name}': the response is ${body}`, onStep(step), step);
        break;
      }
      default:
        break;
    }
  }
  return found;
}

type Add = (code: number, reason: string, at: Pick<Prerequisite, 'ObjectType' | 'ObjectId'>, step?: Step, field?: string) => void;

function methodPrerequisites(graph: CycleGraph, step: Step, before: ReadonlySet<number>, add: Add, reported: Set<number>): void {
  const onStep = { ObjectType: 'Step' as const, ObjectId: String(step.Id) };
  const install = step.AccountConnectorId === null ? undefined : graph.installs.get(step.AccountConnectorId);
  if (install === undefined) {
    add(20, `Step '${step.Name}' has no account connector: it was uninstalled`, onStep, step);
    return;
  }
  if (!install.Authenticated && !reported.has(step.AccountConnectorId as number)) {
    reported.add(step.AccountConnectorId as number);
    add(20, `Account connector '${install.Name}' is not authenticated`, {
      ObjectType: 'AccountConnector',
      ObjectId: String(step.AccountConnectorId),
    });
  }
  if (step.PendingObject !== undefined) {
    // Its method and mappings are judged once it is bound to the object's own method.
    add(
      20,
      `Step '${step.Name}' is not bound yet to the object '${step.PendingObject}': account connector '${install.Name}' must be authenticated and have it`,
      { ObjectType: 'AccountConnector', ObjectId: String(step.AccountConnectorId) },
      step,
    );
    return;
  }
  const method = graph.methods.get(step.Id);
  if (method === undefined) {
    add(20, `Step '${step.Name}': account connector '${install.Name}' no longer has method ${step.MethodId}`, onStep, step);
    return;
  }
  const mine = graph.mappings.filter((m) => m.StepId === step.Id);
  const find = (target: MappingTarget, name: string) => mine.find((m) => m.Target === target && m.Name === name);
  const names = new Map(graph.steps.map((s) => [s.Id, s.Name]));
  const check = (target: MappingTarget, code: number, required: readonly { Name: string }[]) => {
    const objectType = target === 'Parameter' ? 'StepParameter' : 'StepField';
    const word = target === 'Parameter' ? 'parameter' : 'field';
    const flagged = new Set<string>();
    for (const { Name } of required) {
      const mapping = find(target, Name);
      if (mapping === undefined || mapping.MappingType === 'Ignore') {
        flagged.add(Name);
        add(
          code,
          `Step '${step.Name}': the required ${word} '${Name}' is not mapped`,
          { ObjectType: objectType, ObjectId: String(step.Id) },
          step,
          Name,
        );
      }
    }
    for (const mapping of mine) {
      if (mapping.Target !== target || flagged.has(mapping.Name)) continue;
      const fault = mappingReferenceFault(mapping, before, graph.variables, (id) => names.get(id));
      if (fault !== undefined) {
        add(
          code,
          `Step '${step.Name}': the ${word} '${mapping.Name}' is mapped wrongly: ${fault}`,
          {
            ObjectType: objectType,
            ObjectId: String(step.Id),
          },
          step,
          mapping.Name,
        );
      }
    }
  };
  check('Parameter', 40, requiredParameters(method));
  check('Field', 41, requiredFields(method));
}
