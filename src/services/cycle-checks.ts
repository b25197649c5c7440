import type { MethodDefinition } from '../catalogue/schema.js';
import { wouldLoop } from '../cycles/graph.js';
import { mappingReferenceFault, mappingShapeFault } from '../cycles/mapping-rules.js';
import type { ActionType, Edge, EdgeType, Mapping, MappingTarget } from '../cycles/model.js';
import { operands, type StepSettingsInput, stepSettingsFault } from '../cycles/step-rules.js';
import { badRequest, PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import type { InstallLookup } from './cycle-graph.js';
import { installMethod } from './cycle-parts.js';

/** The checks a cycle's parts pass before they are written, the same for the API and for a whole definition. */

/** What a check knows of the cycle around the part: the steps before it, the variables, and step names. */
export interface Surroundings {
  before: ReadonlySet<number>;
  variables: ReadonlySet<string>;
  stepName: (id: number) => string | undefined;
}

/** An install of this account (404 otherwise) and one of its methods (400 naming it otherwise). */
export async function methodOf(
  installs: InstallLookup,
  accountId: string,
  installId: number,
  methodId: string,
): Promise<{ install: ResolvedInstall; method: MethodDefinition }> {
  const install = await installs.resolve(accountId, installId);
  const method = installMethod(install, methodId);
  if (method === undefined) {
    throw badRequest(`Account connector ${installId} (${install.connector.definition.Name}) has no method '${methodId}'`);
  }
  return { install, method };
}

export function checkStepSettings(type: ActionType, settings: StepSettingsInput, around: Surroundings): void {
  const fault = stepSettingsFault(type, settings);
  if (fault !== undefined) throw badRequest(fault);
  for (const [where, mapping] of operands(settings)) {
    const wrong = mappingReferenceFault(mapping, around.before, around.variables, around.stepName);
    if (wrong !== undefined) throw badRequest(`${where}: ${wrong}`);
  }
}

/** A parameter or field of the method, by name; 400 naming it when the method has none such. */
export function checkMapping(method: MethodDefinition, target: MappingTarget, name: string, mapping: Mapping, around: Surroundings): void {
  const declared = target === 'Parameter' ? method.Parameters : method.Fields;
  const word = target === 'Parameter' ? 'parameter' : 'field';
  if (!(declared ?? []).some((p) => p.Name === name)) throw badRequest(`Method '${method.Id}' has no ${word} '${name}'`);
  if (target === 'Field' && method.Fields?.find((f) => f.Name === name)?.ReadOnly === true) {
    throw badRequest(`The field '${name}' of method '${method.Id}' is read-only`);
  }
  const fault = mappingShapeFault(mapping) ?? mappingReferenceFault(mapping, around.before, around.variables, around.stepName);
  if (fault !== undefined) throw badRequest(`The ${word} '${name}': ${fault}`);
}

/** An edge from head to tail must keep the graph a tree of branches from one trigger: no loop, no repeat. */
export function checkEdge(
  types: ReadonlyMap<number, ActionType>,
  edges: readonly Edge[],
  head: number,
  tail: number,
  type: EdgeType,
  cycleId: number,
): void {
  const headType = types.get(head);
  const tailType = types.get(tail);
  if (headType === undefined) throw badRequest(`HeadStepId ${head} is not a step of cycle ${cycleId}`);
  if (tailType === undefined) throw badRequest(`TailStepId ${tail} is not a step of cycle ${cycleId}`);
  if (head === tail) throw badRequest('An edge cannot lead from a step to itself');
  if (headType === 'Decision' && type === 'Forward') throw badRequest('An edge out of a Decision step is True or False, not Forward');
  if (headType !== 'Decision' && type !== 'Forward') throw badRequest(`A ${type} edge leads only out of a Decision step`);
  if (headType === 'Stop') throw badRequest('A Stop step ends the transaction: no edge leads out of it');
  if (tailType === 'Webhook') throw badRequest('A Webhook step starts a cycle: no edge leads into it');
  if (edges.some((e) => e.HeadStepId === head && e.TailStepId === tail)) {
    throw new PatchbayError('PB_ERR_CONFLICT', `Steps ${head} and ${tail} are already connected`);
  }
  if (wouldLoop(edges, head, tail))
    throw badRequest(`An edge from step ${head} to step ${tail} would make a loop: step ${tail} leads to ${head}`);
}

/** A step's Key when none is given: `step_{Id}`, or with a suffix if that is taken already. */
export function defaultKey(id: number, taken: ReadonlySet<string>): string {
  let key = `step_${id}`;
  for (let n = 2; taken.has(key); n++) key = `step_${id}_${n}`;
  return key;
}
