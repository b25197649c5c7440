import type { MethodDefinition } from '../catalogue/schema.js';
import type { CycleGraph } from '../cycles/prerequisites.js';
import { toEdge, toMapping, toStep } from '../cycles/rows.js';
import { isMissing } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import { edgesOf, mappingsOfCycle, stepsOf, variablesOf } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import { installMethod } from './cycle-parts.js';

/** What the cycle services need of installs: the runtime view, custom category methods included. */
export interface InstallLookup {
  resolve(accountId: string, id: number): Promise<ResolvedInstall>;
}

/**
 * A cycle's whole graph as stored, with the installs its Method steps use and each one's method as the
 * install now offers it (an install or method that is gone is left out, for the prerequisites to name).
 */
export async function loadCycleGraph(db: Db, installs: InstallLookup, accountId: string, cycleId: number): Promise<CycleGraph> {
  const [stepRows, edgeRows, mappingRows, variableRows] = await Promise.all([
    stepsOf(db, accountId, cycleId),
    edgesOf(db, accountId, cycleId),
    mappingsOfCycle(db, accountId, cycleId),
    variablesOf(db, accountId, cycleId),
  ]);
  const steps = stepRows.map(toStep);
  const resolved = new Map<number, ResolvedInstall>();
  const ids = [...new Set(steps.flatMap((s) => (s.AccountConnectorId === null ? [] : [s.AccountConnectorId])))];
  await Promise.all(
    ids.map(async (id) => {
      try {
        resolved.set(id, await installs.resolve(accountId, id));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }),
  );
  const methods = new Map<number, MethodDefinition>();
  for (const step of steps) {
    const install = step.AccountConnectorId === null ? undefined : resolved.get(step.AccountConnectorId);
    const method = install === undefined || step.MethodId === null ? undefined : installMethod(install, step.MethodId);
    if (method !== undefined) methods.set(step.Id, method);
  }
  return {
    cycleId,
    steps,
    edges: edgeRows.map(toEdge),
    mappings: mappingRows.map(toMapping),
    variables: new Set(variableRows.map((v) => v.name)),
    installs: new Map([...resolved].map(([id, install]) => [id, { Name: install.name, Authenticated: install.authenticated }])),
    methods,
  };
}

/**
 * The installs a cycle's steps use, resolved now, as a lookup: for reading the graph inside a database
 * transaction. On SQLite that transaction holds the one connection, so an install resolved through the
 * main handle in it would wait for the transaction forever.
 */
export async function prefetchedInstalls(db: Db, installs: InstallLookup, accountId: string, cycleId: number): Promise<InstallLookup> {
  const ids = [
    ...new Set((await stepsOf(db, accountId, cycleId)).flatMap((s) => (s.account_connector_id === null ? [] : [s.account_connector_id]))),
  ];
  // Settled before the caller's transaction opens; a missing install is reported later by the graph's reader.
  const settled = await Promise.allSettled(ids.map((id) => installs.resolve(accountId, id)));
  const found = new Map(ids.map((id, i) => [id, settled[i] as PromiseSettledResult<ResolvedInstall>]));
  const lookup = (id: number): Promise<ResolvedInstall> | undefined => {
    const result = found.get(id);
    if (result === undefined) return undefined;
    return result.status === 'fulfilled' ? Promise.resolve(result.value) : Promise.reject(result.reason);
  };
  return { resolve: (account, id) => (account === accountId ? lookup(id) : undefined) ?? installs.resolve(account, id) };
}
