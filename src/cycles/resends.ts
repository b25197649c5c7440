import { createHash } from 'node:crypto';
import type { MethodDefinition } from '../catalogue/schema.js';
import type { Clock } from '../clock.js';
import { isMissing } from '../errors.js';
import type { MethodRunner } from '../runner/method-runner.js';
import type { InstallLookup } from '../services/cycle-graph.js';
import type { StepRunRow } from '../store/cycle-schema.js';
import { updateStepRun } from '../store/transactions.js';
import type { Step } from './model.js';
import type { RunWriter } from './run-writer.js';

/** HTTP methods that may be sent twice with the effect of once. */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

/** A method's request may be sent again with the effect of once: its HTTP method is idempotent, or it carries an idempotency key. */
export const resendable = (method: Pick<MethodDefinition, 'HttpMethod' | 'IdempotencyHeader'>): boolean =>
  IDEMPOTENT.has(method.HttpMethod.toUpperCase()) || method.IdempotencyHeader !== undefined;

/**
 * The idempotency key of a step's request in a transaction: the same on every send of that step in that
 * transaction (a resend after a crash, a timeout, a retry), so the provider does it at most once. UUID-shaped,
 * the form most providers take.
 */
export function idempotencyKeyOf(transactionId: string, stepId: number): string {
  const digits = [...createHash('sha256').update(`patchbay-step:${transactionId}:${stepId}`).digest('hex').slice(0, 32)];
  // RFC 9562: version 8 (custom), variant 10.
  digits[12] = '8';
  digits[16] = ((Number.parseInt(digits[16] as string, 16) & 0x3) | 0x8).toString(16);
  const hex = digits.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface ResendDeps {
  clock: Clock;
  runner: MethodRunner;
  installs: InstallLookup;
}

/** A step found Running: sent, without a recorded outcome. Marks it as such, and answers whether it may be sent again. */
export async function mayResend(deps: ResendDeps, w: RunWriter, run: StepRunRow): Promise<boolean> {
  const now = deps.clock.nowIso();
  const method = await methodOf(deps, w, w.plan.steps.get(run.step_id));
  if (method !== undefined && resendable(method)) {
    const why = method.IdempotencyHeader === undefined ? `${method.HttpMethod} is idempotent` : `with the same ${method.IdempotencyHeader}`;
    const error = `Interrupted before its outcome was recorded; sent again (${why})`;
    w.defer((trx) => updateStepRun(trx, run.id, { status: 'Errored', completed_at: now, error }));
    return true;
  }
  const message = `Step '${run.step_name}' was sent but its outcome was not recorded (the worker stopped); ${
    method?.HttpMethod ?? 'its method'
  } is not idempotent, so it is not sent again: check the target, then retry or dismiss the transaction`;
  await w.commit(async (trx) => {
    await updateStepRun(trx, run.id, { status: 'Uncertain', completed_at: now, error: message });
    await w.uncertain(trx, { Id: run.step_id, Name: run.step_name }, message);
  });
  return false;
}

/** The method a step sends; undefined when its install or method is gone (any other failure is thrown). */
async function methodOf(deps: ResendDeps, w: RunWriter, step: Step | undefined): Promise<MethodDefinition | undefined> {
  if (step?.AccountConnectorId == null || step.MethodId === null) return undefined;
  try {
    const install = await deps.installs.resolve(w.plan.cycle.account_id, step.AccountConnectorId);
    return deps.runner.method(install, step.MethodId);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}
