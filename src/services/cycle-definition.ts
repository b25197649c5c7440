import type { Catalogue } from '../catalogue/catalogue.js';
import { customMethodId } from '../catalogue/custom-methods.js';
import type { MethodDefinition } from '../catalogue/schema.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { ancestors } from '../cycles/graph.js';
import {
  type ActionType,
  type CycleDefinition,
  DEFAULT_SETTINGS,
  type DefinitionMapping,
  type DefinitionStep,
  type Edge,
  type Mapping,
  type MappingTarget,
  STEP_KEY_PATTERN,
  VARIABLE_NAME_PATTERN,
} from '../cycles/model.js';
import { mappingColumns, stepConfig, variableContext } from '../cycles/rows.js';
import type { StepSettingsInput } from '../cycles/step-rules.js';
import { badRequest } from '../errors.js';
import { inTransaction } from '../store/commits.js';
import { insertCycle, insertEdge, insertStep, insertVariable, updateStep, upsertMapping } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import { checkEdge, checkMapping, checkStepSettings, methodOf } from './cycle-checks.js';
import type { InstallLookup } from './cycle-graph.js';
import { newCycleRow } from './cycle-parts.js';
import { webhookToken } from './cycle-steps.js';

export interface DefinitionDeps {
  db: Db;
  catalogue: Catalogue;
  installs: InstallLookup;
  box: SecretBox;
  now: string;
}

/** A step of the definition, checked, with the install and method it calls; its id is its place (1-based) until written. */
interface Planned {
  place: number;
  step: DefinitionStep;
  settings: StepSettingsInput;
  installId: number | null;
  method: MethodDefinition | undefined;
  /** The object the step is bound to once its install is authenticated. */
  pendingObject: string | undefined;
  mappings: { target: MappingTarget; name: string; mapping: Mapping }[];
}

/**
 * Checks a whole cycle given as data against the account's installs, then writes it in one database
 * transaction; answers the new cycle's id. Steps are numbered by their place while they are checked, so
 * that the same graph and mapping rules as the API's apply before anything exists.
 */
export async function writeDefinition(
  deps: DefinitionDeps,
  accountId: string,
  definition: CycleDefinition,
  installs: Readonly<Record<string, number>>,
  templateId: string | null,
): Promise<number> {
  const variables = checkVariables(definition);
  const places = new Map<string, number>();
  definition.Steps.forEach((step, i) => {
    if (!new RegExp(STEP_KEY_PATTERN).test(step.Key)) throw badRequest(`Step Key '${step.Key}' must match ${STEP_KEY_PATTERN}`);
    if (places.has(step.Key)) throw badRequest(`Two steps have the Key '${step.Key}'`);
    places.set(step.Key, i + 1);
  });
  const placeOf = (key: string, where: string) => {
    const place = places.get(key);
    if (place === undefined) throw badRequest(`${where} names no step of the cycle: '${key}'`);
    return place;
  };
  const types = new Map(definition.Steps.map((s, i) => [i + 1, s.ActionType as ActionType]));
  const edges: Edge[] = [];
  for (const edge of definition.Edges) {
    const head = placeOf(edge.Head, 'An edge');
    const tail = placeOf(edge.Tail, 'An edge');
    const type = edge.EdgeType ?? 'Forward';
    checkEdge(types, edges, head, tail, type, 0);
    edges.push({ Id: edges.length + 1, HeadStepId: head, TailStepId: tail, EdgeType: type });
  }
  const toMapping = (given: DefinitionMapping, where: string): Mapping => {
    const { SourceStep, ...rest } = given;
    return SourceStep === undefined ? rest : { ...rest, SourceStepId: placeOf(SourceStep, where) };
  };
  const planned: Planned[] = [];
  for (const [i, step] of definition.Steps.entries()) {
    const place = i + 1;
    const where = `Step '${step.Key}'`;
    const settings: StepSettingsInput = {};
    if (step.Decision !== undefined) {
      settings.Decision = {
        Left: toMapping(step.Decision.Left, where),
        Condition: step.Decision.Condition,
        Right: step.Decision.Right == null ? null : toMapping(step.Decision.Right, where),
      };
    }
    if (step.DelaySeconds !== undefined) settings.DelaySeconds = step.DelaySeconds;
    if (step.WaitUntil !== undefined) settings.WaitUntil = toMapping(step.WaitUntil, where);
    if (step.Response !== undefined) settings.Response = { Status: step.Response.Status, Body: toMapping(step.Response.Body, where) };
    if (step.SamplePayload !== undefined) settings.SamplePayload = step.SamplePayload;
    if (step.IdempotencyHeader !== undefined) settings.IdempotencyHeader = step.IdempotencyHeader;
    const around = {
      before: ancestors(edges, place),
      variables,
      stepName: (id: number) => definition.Steps[id - 1]?.Name,
    };
    try {
      checkStepSettings(step.ActionType, settings, around);
    } catch (error) {
      throw badRequest(`${where}: ${(error as Error).message}`);
    }
    const { installId, method, pendingObject } = await stepMethod(deps, accountId, step, installs);
    const mappings: Planned['mappings'] = [];
    for (const [target, given] of [
      ['Parameter', step.Parameters],
      ['Field', step.Fields],
    ] as const) {
      for (const [name, mapping] of Object.entries(given ?? {})) {
        if (method === undefined) throw badRequest(`${where} is a ${step.ActionType} step: only Method steps have parameters and fields`);
        const converted = toMapping(mapping, where);
        try {
          checkMapping(method, target, name, converted, around);
        } catch (error) {
          throw badRequest(`${where}: ${(error as Error).message}`);
        }
        mappings.push({ target, name, mapping: converted });
      }
    }
    planned.push({ place, step, settings, installId, method, pendingObject, mappings });
  }
  return write(deps, accountId, definition, planned, edges, templateId);
}

function checkVariables(definition: CycleDefinition): Set<string> {
  const names = new Set<string>();
  for (const variable of definition.Variables ?? []) {
    if (!new RegExp(VARIABLE_NAME_PATTERN).test(variable.Name)) {
      throw badRequest(`Variable Name '${variable.Name}' must match ${VARIABLE_NAME_PATTERN}`);
    }
    if (names.has(variable.Name)) throw badRequest(`Two variables are named '${variable.Name}'`);
    names.add(variable.Name);
  }
  return names;
}

/** The install and method a Method step of the definition calls: its connector's chosen install, the method on it. */
async function stepMethod(deps: DefinitionDeps, accountId: string, step: DefinitionStep, installs: Readonly<Record<string, number>>) {
  const where = `Step '${step.Key}'`;
  if (step.ActionType !== 'Method') {
    if (step.Connector !== undefined || step.MethodId !== undefined || step.Object !== undefined) {
      throw badRequest(`${where} is a ${step.ActionType} step: Connector, MethodId and Object apply only to Method steps`);
    }
    return { installId: null, method: undefined, pendingObject: undefined };
  }
  if (step.Connector === undefined || step.MethodId === undefined)
    throw badRequest(`${where} is a Method step: it needs a Connector and a MethodId`);
  const connector = deps.catalogue.find(step.Connector);
  if (connector === undefined || connector.definition.Slug !== step.Connector)
    throw badRequest(`${where}: no connector has the slug '${step.Connector}'`);
  const installId = installs[step.Connector];
  if (installId === undefined) throw badRequest(`${where}: no account connector was chosen for '${step.Connector}'`);
  const install = await deps.installs.resolve(accountId, installId);
  if (install.connector.definition.Id !== connector.definition.Id) {
    throw badRequest(`Account connector ${installId} is not a ${connector.definition.Name} connector`);
  }
  let methodId = step.MethodId;
  let pendingObject: string | undefined;
  if (step.Object !== undefined) {
    const custom = [...install.customObjects].find(([, name]) => name === step.Object);
    // Without a copy of the category for the object (made with the provider's answer, so only once the
    // install is authenticated), the step keeps the category's own method and waits for the object.
    if (custom === undefined) pendingObject = step.Object;
    else methodId = customMethodId(step.MethodId, custom[0]);
  }
  const { method } = await methodOf(deps.installs, accountId, installId, methodId);
  return { installId, method, pendingObject };
}

async function write(
  deps: DefinitionDeps,
  accountId: string,
  definition: CycleDefinition,
  planned: Planned[],
  edges: Edge[],
  templateId: string | null,
): Promise<number> {
  const { now, box } = deps;
  const settings = {
    ...DEFAULT_SETTINGS,
    ...Object.fromEntries(Object.entries(definition).filter(([k, v]) => v !== undefined && !['Variables', 'Steps', 'Edges'].includes(k))),
  } as typeof DEFAULT_SETTINGS & { Name: string };
  return inTransaction(deps.db, async (trx) => {
    const cycleId = await insertCycle(trx, newCycleRow(accountId, settings, templateId, now));
    for (const variable of definition.Variables ?? []) {
      const sensitive = variable.Sensitive === true;
      await insertVariable(trx, {
        cycle_id: cycleId,
        account_id: accountId,
        name: variable.Name,
        display_name: variable.DisplayName ?? variable.Name,
        value: sensitive ? box.seal(variable.Value, variableContext(accountId, cycleId, variable.Name)) : variable.Value,
        sensitive: sensitive ? 1 : 0,
        created_at: now,
        updated_at: now,
      });
    }
    const ids = new Map<number, number>();
    for (const plan of planned) {
      ids.set(
        plan.place,
        await insertStep(trx, {
          cycle_id: cycleId,
          account_id: accountId,
          key: plan.step.Key,
          name: plan.step.Name,
          action_type: plan.step.ActionType,
          account_connector_id: plan.installId,
          method_id: plan.method?.Id ?? null,
          method_unique_identifier: plan.method?.MethodUniqueIdentifier ?? null,
          step_error_action: plan.step.StepErrorAction ?? null,
          config: '{}',
          webhook_token: plan.step.ActionType === 'Webhook' ? webhookToken() : null,
          created_at: now,
          updated_at: now,
        }),
      );
    }
    const real = (mapping: Mapping): Mapping =>
      mapping.SourceStepId === undefined ? mapping : { ...mapping, SourceStepId: ids.get(mapping.SourceStepId) as number };
    for (const plan of planned) {
      const { Decision, WaitUntil, Response } = plan.settings;
      await updateStep(trx, accountId, ids.get(plan.place) as number, {
        config: stepConfig({
          Decision:
            Decision == null
              ? null
              : { ...Decision, Left: real(Decision.Left), Right: Decision.Right == null ? null : real(Decision.Right) },
          DelaySeconds: plan.settings.DelaySeconds ?? null,
          WaitUntil: WaitUntil == null ? null : real(WaitUntil),
          Response: Response == null ? null : { ...Response, Body: real(Response.Body) },
          SamplePayload: plan.settings.SamplePayload ?? null,
          IdempotencyHeader: plan.settings.IdempotencyHeader ?? null,
          PendingObject: plan.pendingObject,
        }),
      });
      for (const { target, name, mapping } of plan.mappings) {
        await upsertMapping(trx, {
          step_id: ids.get(plan.place) as number,
          cycle_id: cycleId,
          account_id: accountId,
          target,
          name,
          ...mappingColumns(real(mapping)),
          updated_at: now,
        });
      }
    }
    for (const edge of edges) {
      await insertEdge(trx, {
        cycle_id: cycleId,
        account_id: accountId,
        head_step_id: ids.get(edge.HeadStepId) as number,
        tail_step_id: ids.get(edge.TailStepId) as number,
        edge_type: edge.EdgeType,
      });
    }
    return cycleId;
  });
}
