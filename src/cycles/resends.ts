import type { Clock } from '../clock.js';
import { isMissing } from '../errors.js';
import type { MethodRunner } from '../runner/method-runner.js';
import type { InstallLookup } from '../services/cycle-graph.js';
import type { StepRunRow } from '../store/cycle-schema.js';
import { updateStepRun } from '../store/transactions.js';
import type { Step } from './model.js';
import type { RunWriter } from './run-writer.js';

/** Methods that may be sent twice with the effect of once. */
export const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

export interface ResendDeps {
  clock: Clock;
  runner: MethodRunner;
  installs: InstallLookup;
}

/** A step found Running: sent, without a recorded outcome. Marks it as such, and answers whether it may be sent again. */
export async function mayResend(deps: ResendDeps, w: RunWriter, run: StepRunRow): Promise<boolean> {
  const now = deps.clock.nowIso();
  const httpMethod = await httpMethodOf(deps, w, w.plan.steps.get(run.step_id));
  if (httpMethod !== undefined && IDEMPOTENT.has(httpMethod)) {
    const error = `Interrupted before its outcome was recorded; sent again (${httpMethod} is idempotent)`;
    w.defer((trx) => updateStepRun(trx, run.id, { status: 'Errored', completed_at: now, error }));
    return true;
  }
  const message = `Step '${run.step_name}' was sent but its outcome was not recorded (the worker stopped); ${
    httpMethod ?? 'its method'
  } is not idempotent, so it is not sent again: check the target, then retry or dismiss the transaction`;
  await w.commit(async (trx) => {
    await updateStepRun(trx, run.id, { status: 'Uncertain', completed_at: now, error: message });
    await w.uncertain(trx, { Id: run.step_id, Name: run.step_name }, message);
  });
  return false;
}

/** The HTTP method a step sends; undefined when its install or method is gone (any other failure is thrown). */
async function httpMethodOf(deps: ResendDeps, w: RunWriter, step: Step | undefined): Promise<string | undefined> {
  if (step?.AccountConnectorId == null || step.MethodId === null) return undefined;
  try {
    const install = await deps.installs.resolve(w.plan.cycle.account_id, step.AccountConnectorId);
    return deps.runner.method(install, step.MethodId).HttpMethod.toUpperCase();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}
